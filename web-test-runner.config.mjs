import {chromeLauncher} from '@web/test-runner-chrome';
import {esbuildPlugin} from '@web/dev-server-esbuild';
import {defaultReporter} from '@web/test-runner';
import {createServer} from 'node:net';
import {summaryReporter} from './test/support/summary-reporter.mjs';
import {confabServerPlugin} from './test/support/confab-server-plugin.mjs';

/** A free port, chosen now so that the Confab test servers can allow this origin (CORS). */
const port = await new Promise((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const {port} = s.address();
    s.close(() => resolve(port));
  });
});

export default {
  files: ['test/**/*.test.ts'],
  nodeResolve: true,
  port,
  plugins: [
    esbuildPlugin({ts: true, tsconfig: './tsconfig.json', target: 'es2022'}),
    confabServerPlugin({origin: `http://localhost:${port}`}),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      },
    }),
  ],
  // One page at a time: test files share the origin's localStorage and IndexedDB.
  concurrency: 1,
  testFramework: {config: {timeout: 10000}},
  reporters: [defaultReporter(), summaryReporter()],
};
