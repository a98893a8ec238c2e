import type {RollupOptions} from 'rollup';
import {nodeResolve} from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import {minifyTemplateLiterals} from 'rollup-plugin-minify-template-literals';

const ts = () => esbuild({tsconfig: './tsconfig.json', target: 'es2022'});

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
    plugins: [nodeResolve(), ts(), minifyTemplateLiterals(), terser({ecma: 2020, module: false, format: {comments: false}, compress: {passes: 2}})],
    output: {file: 'dist/confab.js', format: 'iife', sourcemap: true},
  },
];

export default config;
