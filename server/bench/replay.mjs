#!/usr/bin/env node
/**
 * `npm run bench:replay`: does one request hold up the others? A post of 20,000 comments on SQLite; ten readers
 * open its stream from the very start (`after=`, the heaviest replay there is) while `/api/health` is timed, as
 * the red team did. A measurement, not a test.
 */
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {get} from 'node:http';
import {startCli} from './spawn.mjs';

const N = Number(process.env.REPLAY_COMMENTS) || 20_000;
const dir = mkdtempSync(join(tmpdir(), 'confab-replay-'));
const seed = join(dir, 'seed.json');
writeFileSync(
  seed,
  JSON.stringify(
    Array.from({length: N}, (_, i) => ({
      id: `r${i}`,
      postId: '/replay',
      parentId: null,
      author: 'Reader',
      body: `Comment ${i} of a very long thread.`,
      createdAt: new Date(Date.UTC(2025, 0, 1) + i * 1000).toISOString(),
    }))
  )
);
const {url, child} = await startCli(['--database', join(dir, 'replay.db'), '--seed', seed, '--quiet']);
const time = async (path) => {
  const t = performance.now();
  await fetch(url + path).then((r) => r.text());
  return performance.now() - t;
};
const idle = [];
for (let i = 0; i < 20; i++) idle.push(await time('/api/health'));
// Ten streams from the start, each reading what it is sent.
const events = [];
const streams = Array.from({length: 10}, () =>
  get(`${url}/api/stream?post=/replay&after=`, (res) => {
    let n = 0;
    res.on('data', (c) => (n += (String(c).match(/^event: (comment|reset)/gm) ?? []).length));
    res.on('close', () => events.push(n));
  })
);
const busy = [];
const started = performance.now();
while (performance.now() - started < 2000) busy.push(await time('/api/health'));
for (const s of streams) s.destroy();
child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
rmSync(dir, {recursive: true, force: true});
const max = (list) => Math.max(...list).toFixed(1);
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)].toFixed(1);
console.log(`\nreplay: a post of ${N} comments (SQLite), ten streams opened with after= (replay everything)`);
console.log(`/api/health alone: median ${median(idle)} ms, slowest ${max(idle)} ms`);
console.log(
  `/api/health during the ten replays (${busy.length} requests in 2 s): median ${median(busy)} ms, slowest ${max(busy)} ms`
);
console.log(
  `events each stream was sent: ${events.join(', ')} (a reader this far behind gets "reset" and reloads the list)`
);
