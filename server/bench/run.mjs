#!/usr/bin/env node
/**
 * `npm run bench:server`: list and create on loopback with autocannon, for the Confab server on SQLite and on
 * PostgreSQL, beside a bare node:http server that answers the same JSON without validation or storage (the
 * ceiling), and for PostgreSQL once more with two server processes sharing the load (the connections split between
 * them), and creates once more as a blog gets them, on servers as deployed: the default rate limits, on 1,000 posts from
 * 62,500 clients, each with its own text and Idempotency-Key. Prints requests per second, p99 latency and the ratio to
 * the ceiling. A measurement, not a test.
 *
 * Options (environment): BENCH_SECONDS (default 5), BENCH_CONNECTIONS (default 50).
 */
import autocannon from 'autocannon';
import {spawn} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {startCluster} from '../test/support/pg-cluster.mjs';

const seconds = Number(process.env.BENCH_SECONDS) || 5;
const connections = Number(process.env.BENCH_CONNECTIONS) || 50;
const cli = new URL('../bin/confab-server.js', import.meta.url).pathname;
const POST = '/bench/post';
const createBody = JSON.stringify({
  postId: POST,
  author: 'Bench',
  body: 'A comment of ordinary length, written to measure the server.',
});

/**
 * A server process on `database`: with the rate limits off (every create of the load from one client on one post),
 * or as deployed (`deployed`: the default limits, the clients told apart by X-Forwarded-For from a trusted proxy).
 */
function startConfab(database, deployed = false) {
  const limits = deployed ? ['--trust-proxy', '127.0.0.1'] : ['--rate-limit', '0', '--post-rate-limit', '0'];
  const child = spawn(process.execPath, [cli, '--port', '0', '--database', database, ...limits, '--quiet'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve({url: m[1], stop: () => new Promise((r) => (child.once('exit', r), child.kill('SIGTERM')))});
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
}

/** The ceiling, in its own process like the others: node:http answering the same shapes, no validation, no database. */
async function startBare(page) {
  const source = `
    const {createServer} = require('node:http');
    const listJson = ${JSON.stringify(JSON.stringify(page))};
    const comment = ${JSON.stringify(page.comments[0])};
    const server = createServer((req, res) => {
      if (req.method === 'GET') return res.writeHead(200, {'content-type': 'application/json'}).end(listJson);
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const input = JSON.parse(body);
        res.writeHead(201, {'content-type': 'application/json'}).end(JSON.stringify({comment: {...comment, body: input.body}, token: 'x'}));
      });
    });
    server.listen(0, '127.0.0.1', () => console.log('listening on http://127.0.0.1:' + server.address().port));
    process.on('SIGTERM', () => server.close(() => process.exit(0)));`;
  const child = spawn(process.execPath, ['-e', source], {stdio: ['ignore', 'pipe', 'inherit']});
  return new Promise((resolve) => {
    child.stdout.on('data', (chunk) => {
      const m = /listening on (http:\/\/\S+)/.exec(String(chunk));
      if (m) resolve({url: m[1], stop: () => new Promise((r) => (child.once('exit', r), child.kill('SIGTERM')))});
    });
  });
}

async function seed(url, n) {
  for (let i = 0; i < n; i++) {
    await fetch(`${url}/api/comments`, {
      method: 'POST',
      headers: {'content-type': 'application/json'},
      body: createBody,
    });
  }
}

/** Creates as a blog gets them: on one of this many posts, from one of 62,500 readers, chosen at random. */
const POSTS = 1000;
const pick = (n) => Math.floor(Math.random() * n);
/** A create as the widget sends it: its own text, and an Idempotency-Key (for a retry after a lost answer). */
const spreadRequest = (req) => ({
  ...req,
  headers: {
    ...req.headers,
    'x-forwarded-for': `10.0.${pick(250)}.${pick(250)}`,
    'idempotency-key': `bench-${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`,
  },
  body: JSON.stringify({
    postId: `${POST}/${pick(POSTS)}`,
    author: 'Bench',
    body: `A comment, number ${Math.random()}.`,
  }),
});

/**
 * One route's load on one or more server processes, the connections split between them, at the same time. `spread`:
 * creates as a blog gets them (`spreadRequest`) instead of all alike on one post.
 */
async function measure(urls, route, spread = false) {
  const results = await Promise.all(
    urls.map((url) => {
      const request =
        route === 'list'
          ? {url: `${url}/api/comments?post=${encodeURIComponent(POST)}&limit=50`}
          : {
              url: `${url}/api/comments`,
              method: 'POST',
              headers: {'content-type': 'application/json'},
              body: createBody,
              ...(spread ? {requests: [{setupRequest: spreadRequest}]} : {}),
            };
      return autocannon({...request, connections: Math.round(connections / urls.length), duration: seconds});
    })
  );
  return {
    rps: results.reduce((sum, r) => sum + r.requests.average, 0),
    p99: Math.max(...results.map((r) => r.latency.p99)),
    errors: results.reduce((sum, r) => sum + r.errors + r.timeouts + (r.non2xx ?? 0), 0),
  };
}

const dir = mkdtempSync(join(tmpdir(), 'confab-bench-'));
const cluster = await startCluster();
const rows = [];
try {
  const sqlite = await startConfab(join(dir, 'bench.db'));
  await seed(sqlite.url, 200);
  const page = await (await fetch(`${sqlite.url}/api/comments?post=${encodeURIComponent(POST)}&limit=50`)).json();
  const bare = await startBare(page);
  const postgres = await startConfab(cluster.url);
  await seed(postgres.url, 200);
  const targets = [
    ['node:http (ceiling)', [bare]],
    ['confab + SQLite', [sqlite]],
    ['confab + PostgreSQL', [postgres]],
  ];
  const ceiling = {};
  const run = async (route, name, processes, spread = false) => {
    const r = await measure(
      processes.map((t) => t.url),
      route,
      spread
    );
    if (name.startsWith('node:http')) ceiling[route] = r.rps;
    rows.push({route, name, ...r, ratio: r.rps / ceiling[route]});
    console.error(`measured ${route} on ${name}`);
  };
  for (const route of ['list', 'create']) for (const [name, processes] of targets) await run(route, name, processes);
  // Creates as a blog gets them, on servers as deployed (the default rate limits, which the rows above turn off).
  const deployed = [await startConfab(join(dir, 'deployed.db'), true), await startConfab(cluster.url, true)];
  await run('create', 'SQLite, as deployed', [deployed[0]], true);
  await run('create', 'PostgreSQL, deployed', [deployed[1]], true);
  for (const target of deployed) await target.stop();
  // PostgreSQL is there for several processes: a second one on the same database (started only now, so that the rows
  // above had one process listening), both under load together, on one post.
  const second = await startConfab(cluster.url);
  for (const route of ['list', 'create']) await run(route, '  2 processes', [postgres, second]);
  rows.sort((a, b) => (a.route === b.route ? 0 : a.route === 'list' ? -1 : 1));
  for (const target of [bare, sqlite, postgres, second]) await target.stop();
} finally {
  cluster.stop();
  rmSync(dir, {recursive: true, force: true});
}

console.log(`\n${seconds} s per run, ${connections} connections, loopback, ${new Date().toISOString()}\n`);
console.log('route   target                 req/s     p99 ms   of ceiling   errors');
for (const r of rows) {
  console.log(
    `${r.route.padEnd(7)} ${r.name.padEnd(22)} ${r.rps.toFixed(0).padStart(7)} ${String(r.p99).padStart(8)} ${(r.ratio * 100).toFixed(0).padStart(10)}% ${String(r.errors).padStart(8)}`
  );
}
