#!/usr/bin/env node
/**
 * `npm run bench:import`: a Disqus export of 5,000 comments (and 50,000, to see that memory does not grow with the
 * file) imported into a fresh SQLite database by `confab-server import`, in a process of its own: the time it takes
 * and the process's peak resident memory. A measurement, not a test.
 */
import {spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {tsImport} from 'tsx/esm/api';

const {largeDisqus} = await tsImport('../test/support/migrate.ts', import.meta.url);
const dir = mkdtempSync(join(tmpdir(), 'confab-import-'));
const cli = new URL('../bin/confab-server.js', import.meta.url).pathname;
const sizes = (process.env.IMPORT_SIZES ?? '5000,50000').split(',').map(Number);
console.log(`\nimport: Disqus exports into a fresh SQLite database, ${new Date().toISOString()}`);
console.log('comments   file        time     peak memory');
for (const n of sizes) {
  const file = join(dir, `disqus-${n}.xml`);
  largeDisqus(file, n);
  const started = performance.now();
  const run = spawnSync(
    '/usr/bin/time',
    [
      '-f',
      '%M',
      process.execPath,
      cli,
      'import',
      '--from',
      'disqus',
      file,
      '--database',
      join(dir, `${n}.db`),
      '--json',
    ],
    {encoding: 'utf8'}
  );
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(run.stderr);
  const summary = JSON.parse(run.stdout);
  const peakMb = Number(run.stderr.trim().split('\n').pop()) / 1024;
  console.log(
    `${String(summary.imported).padStart(8)}   ${(statSync(file).size / 1e6).toFixed(1).padStart(5)} MB  ${seconds.toFixed(1).padStart(6)} s  ${peakMb.toFixed(0).padStart(8)} MB`
  );
}
rmSync(dir, {recursive: true, force: true});
