import type {Plugin, RollupOptions} from 'rollup';
import {fileURLToPath} from 'node:url';
import {nodeResolve} from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import {minifyTemplateLiterals} from 'rollup-plugin-minify-template-literals';
import {LOCALES} from './src/i18n/translate.js';

const ts = () => esbuild({tsconfig: './tsconfig.json', target: 'es2022'});
const minify = () => terser({ecma: 2022, format: {comments: false}, compress: {passes: 2}});

/** In the script-tag build, on-demand parts load as files beside confab.js instead of bundler chunks. */
const embedLoaders = (): Plugin => ({
  name: 'confab-embed-loaders',
  resolveId(source, importer) {
    if (importer && /\/load-parts\.js$/.test(source)) {
      return fileURLToPath(new URL('./src/internal/load-parts.embed.ts', import.meta.url));
    }
    return null;
  },
});

const src = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

/**
 * An on-demand part that renders: built without its own Lit. `lit` resolves to `lit-injected.ts`, and the part
 * exports `inject`, which confab.js calls with its own Lit when it loads the part.
 */
const renderingPart = (path: string): Plugin => ({
  name: 'confab-rendering-part',
  resolveId(source) {
    if (source === 'confab:part') return '\0confab:part';
    if (source === 'lit') return src('internal/lit-injected.ts');
    return null;
  },
  load(id) {
    if (id !== '\0confab:part') return null;
    return `export * from ${JSON.stringify(src(path))}; export {inject} from ${JSON.stringify(src('internal/lit-injected.ts'))};`;
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
  // The adapters and locales of the script-tag build, each loaded by confab.js only on pages that use it.
  ...[
    ...['indexeddb', 'rest', 'memory'].map((name) => [`src/adapters/${name}.ts`, `dist/confab-${name}.js`]),
    ...LOCALES.filter((code) => code !== 'en').map((code) => [`src/i18n/locales/${code}.ts`, `dist/confab-locale-${code}.js`]),
  ].map(
    ([input, file]): RollupOptions => ({
      input,
      plugins: [nodeResolve(), ts(), minify()],
      output: {file, format: 'es', sourcemap: true},
    })
  ),
  // The parts of the script-tag build that render, loaded on demand with confab.js's own Lit.
  ...[
    ['components/confab-comments/actions.ts', 'dist/confab-actions.js'],
    ['inline/inline.ts', 'dist/confab-inline.js'],
  ].map(
    ([path, file]): RollupOptions => ({
      input: 'confab:part',
      plugins: [renderingPart(path), nodeResolve(), ts(), minifyTemplateLiterals(), minify()],
      output: {file, format: 'es', sourcemap: true},
    })
  ),
];

export default config;
