/**
 * The lint gate (`npm run lint`, part of `npm test`): ESLint's and typescript-eslint's recommended rules, the Lit
 * and web-components plugins on the browser code, no duplicate imports, single blank lines, doc comments on what
 * they document, and the layers of the source: no module imports from a layer above it.
 */
import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import confab from './scripts/eslint-rules.mjs';

/** Imports a folder of the widget must not make: the layers above it. */
const layer = (files, patterns, message) => ({
  files,
  rules: {'no-restricted-imports': ['error', {patterns: patterns.map((group) => ({group: [group], message}))}]},
});

export default tseslint.config(
  {ignores: ['dist/', 'demo/build/', 'server/dist/', 'node_modules/', '**/node_modules/', '.tmp/', 'server/data/']},
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: {'import-x': importX, confab},
    rules: {
      'import-x/no-duplicates': 'error',
      'no-multiple-empty-lines': ['error', {max: 1, maxBOF: 0, maxEOF: 0}],
      'confab/no-detached-doc-comment': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        {argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none'},
      ],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['src/**/*.ts', 'test/**/*.ts'],
    ...lit.configs['flat/recommended'],
    languageOptions: {globals: globals.browser},
  },
  {files: ['src/**/*.ts'], ...wc.configs['flat/recommended']},
  // Chai's assertions are properties (`expect(x).to.exist`).
  {files: ['test/**/*.ts'], rules: {'@typescript-eslint/no-unused-expressions': 'off'}},
  // Demo pages, and the benchmarks' code that runs in the page.
  {files: ['demo/**/*.js', 'scripts/bench-*.mjs'], languageOptions: {globals: {...globals.browser, ...globals.node}}},
  {
    files: ['server/**/*.ts', 'server/**/*.mjs', 'scripts/**/*.mjs', 'test/support/*.mjs', '*.mjs', '*.ts'],
    languageOptions: {globals: globals.node},
  },
  // The layers, bottom up: core (no DOM), then sanitize and i18n, then adapters and internal, then components.
  layer(
    ['src/core/**'],
    [
      'lit',
      'lit/*',
      'dompurify',
      'idb-keyval',
      '../adapters/*',
      '../components/*',
      '../sanitize/*',
      '../i18n/*',
      '../internal/*',
      '../events/*',
    ],
    'core/ runs without a DOM, on the server too: it imports nothing above it.'
  ),
  layer(
    ['src/sanitize/**', 'src/i18n/**', 'src/events/**'],
    ['lit', '../adapters/*', '../components/*', '../internal/*', '../../components/*', '../../adapters/*'],
    'This layer sits under the adapters and the elements.'
  ),
  layer(
    ['src/adapters/**', 'src/internal/**'],
    ['lit', '../components/*'],
    'Adapters and internal helpers sit under the elements.'
  ),
  layer(
    ['src/components/confab-comments/actions/**', 'src/components/confab-comments/inline/**'],
    ['../confab-comments.js', '../parts-controller.js'],
    'An on-demand part reaches the element only through its host (the thread controller and what the host object lends).'
  ),
  {
    files: ['src/**/*.ts', 'server/src/**/*.ts'],
    ignores: ['src/sanitize/**'],
    rules: {
      'no-restricted-imports': ['error', {paths: [{name: 'dompurify', message: 'Only sanitize/ imports DOMPurify.'}]}],
    },
  }
);
