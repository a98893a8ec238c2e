import type {Plugin, RollupOptions} from 'rollup';
import {fileURLToPath} from 'node:url';
import {nodeResolve} from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import {minifyTemplateLiterals} from 'rollup-plugin-minify-template-literals';

const ts = () => esbuild({tsconfig: './tsconfig.json', target: 'es2022'});
const minify = () => terser({ecma: 2022, format: {comments: false}, compress: {passes: 2}});

/** In the script-tag build, on-demand parts load as files beside confab.js instead of bundler chunks. */
const embedLoaders = (): Plugin => ({
  name: 'confab-embed-loaders',
  resolveId(source, importer) {
    if (importer && /\/load-adapters\.js$/.test(source)) {
      return fileURLToPath(new URL('./src/internal/load-adapters.embed.ts', import.meta.url));
    }
    return null;
  },
});

const config: RollupOptions[] = [
  {
    // The npm entries: ES modules that leave lit, dompurify and idb-keyval to the developer's bundler.
    input: {index: 'src/index.ts', define: 'src/define.ts', testing: 'src/testing.ts'},
    external: (id) => /^(lit|@lit|dompurify|idb-keyval)(\/|$)/.test(id),
    plugins: [ts()],
    output: {dir: 'dist', format: 'es', chunkFileNames: 'chunks/[name]-[hash].js', sourcemap: true},
  },
  {
    // The script-tag bundle: one self-contained classic script, no globals.
    input: 'src/embed.ts',
    plugins: [embedLoaders(), nodeResolve(), ts(), minifyTemplateLiterals(), minify()],
    output: {file: 'dist/confab.js', format: 'iife', sourcemap: true},
  },
  {
    // The moderation page served by the Confab server at /admin.
    input: 'src/admin.ts',
    plugins: [embedLoaders(), nodeResolve(), ts(), minifyTemplateLiterals(), minify()],
    output: {file: 'dist/confab-admin.js', format: 'iife', sourcemap: true},
  },
  // The adapters of the script-tag build, each loaded by confab.js only on pages that use it.
  ...['indexeddb', 'rest'].map(
    (name): RollupOptions => ({
      input: `src/adapters/${name}.ts`,
      plugins: [nodeResolve(), ts(), minify()],
      output: {file: `dist/confab-${name}.js`, format: 'es', sourcemap: true},
    })
  ),
];

export default config;
