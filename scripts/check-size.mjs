/**
 * Size budgets of the script-tag build, checked on every test run: the loader, the main module, each on-demand part
 * (its own files, beyond what the main module already loaded), and what each kind of page downloads before its first
 * comment shows. Prints every figure (gzip -9) and fails, naming it, when one is over its budget; and checks that V8's
 * compile hint heads the main module, and no other file.
 */
import {readFileSync} from 'node:fs';
import {gzipSync} from 'node:zlib';

const KB = 1000;
const {loader, files} = JSON.parse(readFileSync('dist/confab-files.json', 'utf8'));
const gzip = (file) => gzipSync(readFileSync(`dist/${file}`), {level: 9}).length;
const sum = (list) => [...new Set(list)].reduce((n, file) => n + gzip(file), 0);

const budgets = [
  // The script tag itself: reads its attributes, preloads what the page needs, imports the main module.
  ['confab.js (the loader)', [loader], 1 * KB],
  // DOMPurify is about 11.3 KB of it and Lit 5.4 KB; English date patterns about 0.3 KB (no Intl formatter on the first
  // load). The comment form is a file of its own, asked for once the first comments are drawn.
  ['main module (elements, markdown, DOMPurify, Lit)', files.main, 33.1 * KB],
  // The comment form: drawn under the thread, so its file is asked for once the first comments are drawn.
  ['the comment form', files.composer, 3.1 * KB],
  ['IndexedDB adapter', files.indexeddb, 4.2 * KB],
  ['REST adapter', files.rest, 3.5 * KB],
  ['memory adapter', files.memory, 3.5 * KB],
  ['reader actions (sort, load more, permalinks, reactions, edit, delete)', files.actions, 2.9 * KB],
  ['inline comments', files.inline, 6 * KB],
  ['"Your comments" (opened by the reader)', files.mine, 2 * KB],
  ['"Email me replies" (where the server mails replies)', files.notify, 1 * KB],
  ...['es', 'fr', 'de', 'pt', 'ja', 'zh', 'ar'].map((code) => [`strings: ${code}`, files[`locale-${code}`], 2.7 * KB]),
  // What a page downloads before its first comment shows: the loader, the main module, its storage, the actions.
  ['page with storage="rest"', [loader, ...files.main, ...files.rest, ...files.actions], 40.1 * KB],
  [
    'page with the default storage (IndexedDB)',
    [loader, ...files.main, ...files.indexeddb, ...files.actions],
    40.8 * KB,
  ],
];

let failed = false;
for (const [name, list, budget] of budgets) {
  const size = sum(list);
  const line = `${name}: ${(size / KB).toFixed(2)} KB gzip (budget ${budget / KB} KB)`;
  if (size > budget) {
    failed = true;
    console.error(`size budget exceeded: ${line}`);
  } else console.log(line);
}
// The main module's functions all run on a first load: its first line tells V8 to compile them as the file streams
// in (off the main thread), which a minifier dropping comments would silently undo.
const HINT = '//# allFunctionsCalledOnLoad\n';
for (const file of new Set([loader, ...Object.values(files).flat()])) {
  const hinted = readFileSync(`dist/${file}`, 'utf8').startsWith(HINT);
  if (hinted !== files.main.includes(file)) {
    failed = true;
    console.error(`compile hint: ${file} ${hinted ? 'has it, but is not the main module' : 'lacks it'}`);
  }
}
if (!failed) console.log('compile hint: the main module only');
process.exit(failed ? 1 : 0);
