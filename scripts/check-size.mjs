/**
 * Size budgets for the built entries, checked on every test run. Prints each entry's raw and gzip size and fails,
 * naming the measured figure, when an entry is over its budget.
 */
import {readFileSync} from 'node:fs';
import {gzipSync} from 'node:zlib';

const KB = 1000;
const budgets = [
  // Lit, DOMPurify and idb-keyval alone are about 18 KB of it.
  {file: 'dist/confab.js', gzip: 30 * KB},
  // Loaded on demand by confab.js, only on pages that use them.
  // (4.5 KB: validating inline comments' anchors took the IndexedDB adapter past 4.)
  {file: 'dist/confab-indexeddb.js', gzip: 4.5 * KB},
  {file: 'dist/confab-rest.js', gzip: 4.5 * KB},
  {file: 'dist/confab-memory.js', gzip: 4.5 * KB},
  // Sorting, load more, permalinks, reactions, edit and delete, loaded beside the first page of comments.
  {file: 'dist/confab-actions.js', gzip: 4 * KB},
  // Inline comments, loaded only by pages with the inline attribute.
  {file: 'dist/confab-inline.js', gzip: 8 * KB},
  // One language's strings each; English is in confab.js.
  ...['es', 'fr', 'de', 'pt', 'ja', 'zh', 'ar'].map((code) => ({file: `dist/confab-locale-${code}.js`, gzip: 2 * KB})),
];

let failed = false;
for (const {file, gzip} of budgets) {
  const raw = readFileSync(file);
  const size = gzipSync(raw, {level: 9}).length;
  const line = `${file}: ${(raw.length / KB).toFixed(1)} KB raw, ${(size / KB).toFixed(2)} KB gzip (budget ${gzip / KB} KB)`;
  if (size > gzip) {
    failed = true;
    console.error(`size budget exceeded: ${line}`);
  } else console.log(line);
}
process.exit(failed ? 1 : 0);
