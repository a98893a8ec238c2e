import type {OutputBundle, OutputChunk, Plugin, PreRenderedChunk, RollupOptions} from 'rollup';
import {writeFileSync} from 'node:fs';
import {basename, relative} from 'node:path';
import {fileURLToPath} from 'node:url';
import {nodeResolve} from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import {minifyTemplateLiterals} from 'rollup-plugin-minify-template-literals';

const ts = () => esbuild({tsconfig: './tsconfig.json', target: 'es2022'});
// Comments go, but for V8's compile hint (see the main module's banner below).
const minify = () =>
  terser({ecma: 2022, module: true, format: {comments: /^# allFunctionsCalledOnLoad$/}, compress: {passes: 2}});
const root = fileURLToPath(new URL('.', import.meta.url));

/** The on-demand parts of the script-tag build, by the module that starts each one. */
function partOf(moduleId: string | null): string | null {
  if (!moduleId) return null;
  const path = relative(root, moduleId).replace(/\\/g, '/');
  const locale = /^src\/i18n\/locales\/(\w+)\.ts$/.exec(path);
  if (locale) return `locale-${locale[1]}`;
  const parts: Record<string, string> = {
    'src/adapters/indexeddb.ts': 'indexeddb',
    'src/adapters/rest.ts': 'rest',
    'src/adapters/memory.ts': 'memory',
    'src/components/confab-comments/actions/index.ts': 'actions',
    'src/components/confab-comments/actions/mine.ts': 'mine',
    'src/components/confab-comments/inline/index.ts': 'inline',
    'src/components/confab-composer/confab-composer.ts': 'composer',
    'src/components/confab-composer/notify.ts': 'notify',
  };
  return parts[path] ?? null;
}

/** The files of the script-tag build, filled in by its ES build and read by the loader's build, which runs after it. */
const scriptTag: {main: string; files: Record<string, string[]>} = {main: '', files: {}};

/** Every file a chunk needs, itself first, following static imports. */
function closure(bundle: OutputBundle, chunk: OutputChunk): string[] {
  const out = new Set<string>([chunk.fileName]);
  for (const file of out) for (const imported of (bundle[file] as OutputChunk).imports) out.add(imported);
  return [...out];
}

/** Records, for the loader, which files each part needs beyond what the main module already loaded. */
const recordFiles = (): Plugin => ({
  name: 'confab-record-files',
  generateBundle(_options, bundle) {
    const chunks = Object.values(bundle).filter((b): b is OutputChunk => b.type === 'chunk');
    const entry = chunks.find((c) => c.isEntry)!;
    const main = closure(bundle, entry);
    scriptTag.main = entry.fileName;
    scriptTag.files = {main};
    for (const chunk of chunks) {
      const part = partOf(chunk.facadeModuleId);
      if (part) scriptTag.files[part] = closure(bundle, chunk).filter((file) => !main.includes(file));
    }
  },
  writeBundle() {
    writeFileSync('dist/confab-files.json', JSON.stringify({loader: 'confab.js', ...scriptTag}, null, 2) + '\n');
  },
});

/** `confab:files` in the loader: what the ES build recorded. */
const filesModule = (): Plugin => ({
  name: 'confab-files-module',
  resolveId: (source) => (source === 'confab:files' ? '\0confab:files' : null),
  load: (id) =>
    id === '\0confab:files'
      ? `export const main = ${JSON.stringify(scriptTag.main)}; export const files = ${JSON.stringify(scriptTag.files)};`
      : null,
});

/** `confab-<part>-<hash>.js`: named for people, hashed for caches. */
const chunkName = (chunk: PreRenderedChunk) =>
  `confab-${partOf(chunk.facadeModuleId) ?? basename(chunk.name)}-[hash].js`;

const config: RollupOptions[] = [
  {
    // The npm entries: ES modules that leave lit, dompurify and idb-keyval to the developer's bundler.
    input: {
      index: 'src/index.ts',
      define: 'src/define.ts',
      core: 'src/core/index.ts',
      sanitize: 'src/sanitize/index.ts',
      testing: 'src/testing.ts',
    },
    external: (id) => /^(lit|@lit|dompurify|idb-keyval)(\/|$)/.test(id),
    plugins: [ts()],
    output: {dir: 'dist', format: 'es', chunkFileNames: 'chunks/[name]-[hash].js', sourcemap: true},
  },
  {
    // The script-tag build's ES modules: the main module and its on-demand parts, every module in exactly one file
    // (shared ones in shared files), one Lit for all of them.
    input: {main: 'src/define.ts'},
    // Parts may import shared code from the main module itself (rather than from one more file).
    preserveEntrySignatures: 'allow-extension',
    plugins: [nodeResolve(), ts(), minifyTemplateLiterals({include: ['src/**']}), minify(), recordFiles()],
    output: {
      dir: 'dist',
      format: 'es',
      entryFileNames: 'confab-main-[hash].js',
      chunkFileNames: chunkName,
      // V8's explicit compile hint: the main module's functions run on a first load, so Chrome compiles them all as
      // the file streams in, off the main thread, rather than one by one as they are first called (9 ms of a first
      // page of 120-130 ms on this machine). Other browsers read a comment.
      banner: (chunk) => (chunk.isEntry ? '//# allFunctionsCalledOnLoad' : ''),
      sourcemap: true,
    },
  },
  {
    // The script tag itself: a classic script that loads the modules above.
    input: 'src/embed.ts',
    plugins: [filesModule(), ts(), terser({ecma: 2022, format: {comments: false}})],
    output: {file: 'dist/confab.js', format: 'iife', sourcemap: true},
  },
  {
    // The moderation page served by the Confab server at /admin.
    input: 'src/admin.ts',
    plugins: [nodeResolve(), ts(), minifyTemplateLiterals({include: ['src/**']}), minify()],
    output: {file: 'dist/confab-admin.js', format: 'iife', sourcemap: true},
  },
  {
    // The demo's npm page (demo/npm.html): an application's own script importing the npm build, bundled as a
    // bundler would (the bare imports of dist/index.js, such as lit, resolved from node_modules).
    input: 'demo/npm-app.js',
    plugins: [nodeResolve(), minify()],
    output: {dir: 'demo/build', format: 'es', entryFileNames: 'npm-app.js', chunkFileNames: '[name]-[hash].js'},
  },
];

export default config;
