#!/usr/bin/env node
/**
 * `npm run bench:render`: the server-rendered thread (`GET /api/comments.html`) of posts with 20, 200 and 2,000
 * markdown comments (a fifth of them replies), through the built `confab-server/render` on SQLite: the first render
 * (every body through markdown and DOMPurify), the median of 25 more (bodies cached), and the size, raw and gzip.
 * A measurement, not a test.
 */
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {gzipSync} from 'node:zlib';
import {openRenderer} from '../dist/render.js';
import {startCli} from './spawn.mjs';

const dir = mkdtempSync(join(tmpdir(), 'confab-render-'));
const database = join(dir, 'render.db');
const sizes = (process.env.RENDER_SIZES ?? '20,200,2000').split(',').map(Number);

// Comments written through the server's API, as readers write them (markdown, links, quotes, replies).
const {url, child: server} = await startCli([
  '--database',
  database,
  '--rate-limit',
  '0',
  '--post-rate-limit',
  '0',
  '--min-submit',
  '0',
  '--quiet',
]);
for (const n of sizes) {
  const roots = [];
  for (let i = 0; i < n; i++) {
    const parentId = i % 5 === 4 && roots.length ? roots[(i * 7) % roots.length] : undefined;
    const body = `Comment **${i}** on the post, with a [link](https://example.org/${i}), some \`code\` and a few more
words to make it the size of a real comment.\n\n> a quoted line\n\nAnd a second paragraph.`;
    const res = await fetch(`${url}/api/comments`, {
      method: 'POST',
      headers: {'content-type': 'application/json', 'x-confab-reader': `bench${i % 50}`.padEnd(43, 'x')},
      body: JSON.stringify({postId: `/bench/${n}`, author: `Reader ${i % 37}`, body, parentId}),
    });
    const {comment} = await res.json();
    if (!parentId) roots.push(comment.id);
  }
}
server.kill('SIGTERM');
await new Promise((r) => server.on('exit', r));

const renderer = await openRenderer({database, endpoint: 'https://comments.example/api'});
console.log(`\nrender: the server-rendered thread on SQLite, ${new Date().toISOString()}`);
console.log('comments on the post   in the fragment   first render   median render   size      gzip');
for (const n of sizes) {
  const postId = `/bench/${n}`;
  const times = [];
  let html = '';
  let first = 0;
  for (let i = 0; i < 30; i++) {
    const started = performance.now();
    html = await renderer.render(postId);
    if (i === 0) first = performance.now() - started;
    if (i >= 5) times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const shown = (html.match(/<article /g) ?? []).length;
  console.log(
    `${String(n).padStart(17)}   ${String(shown).padStart(15)}   ${first.toFixed(1).padStart(9)} ms   ${times[times.length >> 1].toFixed(1).padStart(10)} ms   ${(html.length / 1024).toFixed(1).padStart(5)} KB  ${(gzipSync(html).length / 1024).toFixed(1).padStart(5)} KB`
  );
}
await renderer.close();
rmSync(dir, {recursive: true, force: true});
