/** `npm start` before a Confab server: serves the repository so that /demo/ loads the built bundle and ES modules. */
const port = Number(process.env.PORT) || 8000;

export default {
  rootDir: '.',
  port,
  nodeResolve: true,
  watch: false,
  plugins: [
    {
      name: 'print-demo-url',
      serverStart() {
        setTimeout(() => console.log(`\nConfab demo: http://localhost:${port}/demo/\n`), 0);
      },
    },
  ],
};
