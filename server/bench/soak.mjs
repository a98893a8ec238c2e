#!/usr/bin/env node
/**
 * `npm run bench:soak`: does the server's memory level off? A steady mix for a while (default 2 minutes; an hour
 * with `SOAK_MINUTES=60`): posts, list reads of first and later pages, reactions, and live streams that readers open,
 * follow for a while and close, on SQLite (or on `SOAK_DATABASE`, such as a postgres:// URL). The server's resident
 * memory (VmRSS) is sampled every 10 seconds; the report gives the samples and the growth over the second half. A
 * measurement, not a test.
 */
import {spawn} from 'node:child_process';
import {readFileSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Agent, get, request} from 'node:http';

const minutes = Number(process.env.SOAK_MINUTES) || 2;
const rate = {
  writes: Number(process.env.SOAK_WRITES) || 20,
  reads: Number(process.env.SOAK_READS) || 100,
  streams: Number(process.env.SOAK_STREAMS) || 200,
};
const dir = mkdtempSync(join(tmpdir(), 'confab-soak-'));
const database = process.env.SOAK_DATABASE || join(dir, 'soak.db');
const cli = new URL('../bin/confab-server.js', import.meta.url).pathname;
const POSTS = Array.from({length: 20}, (_, i) => `/soak/${i}`);
const agent = new Agent({keepAlive: true, maxSockets: 64});

const child = spawn(
  process.execPath,
  [
    cli,
    '--port',
    '0',
    '--database',
    database,
    '--rate-limit',
    '0',
    '--post-rate-limit',
    '0',
    '--reaction-limit',
    '0',
    '--max-streams-per-client',
    '100000',
    '--quiet',
  ],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
  }
);
const url = await new Promise((resolve, reject) => {
  let out = '';
  child.stdout.on('data', (chunk) => {
    out += chunk;
    const m = /listening on (http:\/\/\S+)/.exec(out);
    if (m) resolve(m[1]);
  });
  child.on('exit', (code) => reject(new Error(`server exited ${code}`)));
});
const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))[1]) / 1024;

const counts = {writes: 0, reads: 0, reactions: 0, streamsOpened: 0, errors: 0};
/** Answers other than the expected one, by what and status (0: no answer). */
const failures = {};
const failed = (what, res) => {
  counts.errors++;
  const key = `${what} ${res.status}`;
  failures[key] = (failures[key] ?? 0) + 1;
};
const send = (method, path, body, headers = {}) =>
  new Promise((resolve) => {
    const req = request(
      `${url}${path}`,
      {method, agent, headers: {'content-type': 'application/json', ...headers}},
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({status: res.statusCode, text}));
      }
    );
    req.on('error', () => resolve({status: 0, text: ''}));
    req.end(body);
  });
const pick = (list) => list[Math.floor(Math.random() * list.length)];
const ids = [];
const reader = () => `soak${Math.floor(Math.random() * 1e9)}`.padEnd(43, 'r');

/** Runs `work` `perSecond` times a second until the end. */
function steady(perSecond, work) {
  const timer = setInterval(() => void work(), 1000 / perSecond);
  return () => clearInterval(timer);
}

const stops = [
  steady(rate.writes, async () => {
    const res = await send(
      'POST',
      '/api/comments',
      JSON.stringify({postId: pick(POSTS), body: `soak ${counts.writes} ${Math.random()}`})
    );
    if (res.status === 201) {
      counts.writes++;
      ids.push(JSON.parse(res.text).comment.id);
      if (ids.length > 5000) ids.shift();
    } else failed('post', res);
  }),
  steady(rate.reads, async () => {
    const res = await send(
      'GET',
      `/api/comments?post=${encodeURIComponent(pick(POSTS))}&sort=${pick(['oldest', 'newest', 'top'])}`
    );
    if (res.status === 200) counts.reads++;
    else failed('read', res);
  }),
  steady(Math.max(1, rate.writes / 2), async () => {
    if (!ids.length) return;
    const res = await send('PUT', `/api/comments/${pick(ids)}/reactions/${pick(['up', 'heart'])}`, undefined, {
      'x-confab-reader': reader(),
    });
    if (res.status === 200) counts.reactions++;
    else failed('reaction', res);
  }),
];
// Live readers: `rate.streams` open at any time, each following a post for 5 to 20 seconds.
const open = new Set();
function openStream() {
  const req = get(`${url}/api/stream?post=${encodeURIComponent(pick(POSTS))}`, (res) => {
    counts.streamsOpened++;
    res.resume();
    const timer = setTimeout(() => req.destroy(), 5000 + Math.random() * 15000);
    res.on('close', () => {
      clearTimeout(timer);
      open.delete(req);
    });
  });
  req.on('error', () => open.delete(req));
  open.add(req);
}
const streams = setInterval(() => {
  while (open.size < rate.streams) openStream();
}, 200);

const samples = [];
const started = Date.now();
samples.push({s: 0, mb: rss()});
await new Promise((resolve) => {
  const timer = setInterval(() => {
    const s = Math.round((Date.now() - started) / 1000);
    samples.push({s, mb: rss()});
    if (s >= minutes * 60) {
      clearInterval(timer);
      resolve();
    }
  }, 10_000);
});
for (const stop of stops) stop();
clearInterval(streams);
for (const req of open) req.destroy();
agent.destroy();
child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
rmSync(dir, {recursive: true, force: true});

const half = samples.filter((x) => x.s >= (minutes * 60) / 2);
const growth = half[half.length - 1].mb - half[0].mb;
console.log(
  `\nsoak: ${minutes} min on ${database.startsWith('postgres') ? 'PostgreSQL' : 'SQLite'}, ${new Date().toISOString()}`
);
console.log(
  `load: ${rate.writes} posts/s, ${rate.reads} list reads/s, ${rate.writes / 2} reactions/s, ${rate.streams} live streams open (each 5-20 s)`
);
console.log(
  `done: ${counts.writes} posts, ${counts.reads} reads, ${counts.reactions} reactions, ${counts.streamsOpened} streams opened, ${counts.errors} errors${
    counts.errors
      ? ` (${Object.entries(failures)
          .map(([what, n]) => `${what}: ${n}`)
          .join(', ')})`
      : ''
  }`
);
console.log('resident memory (MB): ' + samples.map((x) => `${x.s}s ${x.mb.toFixed(0)}`).join(', '));
console.log(
  `second half: ${half[0].mb.toFixed(1)} -> ${half[half.length - 1].mb.toFixed(1)} MB (${growth >= 0 ? '+' : ''}${growth.toFixed(1)} MB)`
);
