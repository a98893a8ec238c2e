/**
 * Faults injected into a real PostgreSQL (a cluster of this test's own): restarts under load, a database that is
 * down, frozen (SIGSTOP) or read-only, and two server processes restarted and killed while readers follow both.
 * Nothing is mocked; every fault is short and bounded.
 */
import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {startCluster, type Cluster} from './support/pg-cluster.mjs';
import {call, eventually, exited, follower, freshPostgres, spawnServer} from './support/harness.js';

const FLAGS = [
  '--rate-limit',
  '0',
  '--post-rate-limit',
  '0',
  '--db-connect-timeout',
  '1',
  '--db-statement-timeout',
  '2',
];

type Server = Awaited<ReturnType<typeof spawnServer>>;

/** Writers that post to a post until stopped, through whichever server `url()` names, counting every answer. */
function writers(url: () => string, postId: string, count = 4, label = 'w') {
  const statuses = new Map<number | string, number>();
  const acknowledged: string[] = [];
  const outages: {code: string; retryAfter: string | null}[] = [];
  let stopped = false;
  const loops = Array.from({length: count}, async (_, w) => {
    for (let i = 0; !stopped; i++) {
      try {
        const res = await call(url(), 'POST', '/api/comments', {
          json: {postId, body: `writer ${label}${w}, comment ${i}`},
        });
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status === 201) acknowledged.push(res.body.comment.id);
        if (res.status === 503) outages.push({code: res.body?.error?.code, retryAfter: res.headers.get('retry-after')});
      } catch {
        // The server was restarted under the request: not acknowledged, so not promised.
        statuses.set('connection', (statuses.get('connection') ?? 0) + 1);
      }
      await new Promise((r) => setTimeout(r, 15));
    }
  });
  return {
    statuses,
    acknowledged,
    outages,
    async stop() {
      stopped = true;
      await Promise.all(loops);
    },
  };
}

/** Every comment of a post, page by page. */
async function everything(base: string, postId: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const res: {body: {comments: {id: string}[]; next: string | null}} = await call(
      base,
      'GET',
      `/api/comments?post=${encodeURIComponent(postId)}&limit=100${cursor ? `&cursor=${cursor}` : ''}`
    );
    ids.push(...res.body.comments.map((c) => c.id));
    cursor = res.body.next;
  } while (cursor);
  return ids;
}

/** Waits until a post goes through again (the database is back). */
const recovered = (url: string) =>
  eventually(
    async () =>
      (
        await call(url, 'POST', '/api/comments', {json: {postId: '/recovery', body: 'back?'}}).catch(() => ({
          status: 0,
        }))
      ).status === 201,
    100
  );

describe('PostgreSQL faults', () => {
  let cluster: Cluster;
  before(async () => {
    cluster = await startCluster();
  });
  after(() => cluster.stop());

  it('a restart never crashes the server: writes in the gap get 503 with Retry-After, and it recovers by itself', async () => {
    const server = await spawnServer(['--database', await freshPostgres(cluster.url), ...FLAGS]);
    const postId = '/restarts';
    const reader = follower(() => server.url, postId);
    const load = writers(() => server.url, postId);
    try {
      for (const mode of ['fast', 'immediate', 'fast', 'immediate'] as const) {
        const before = load.acknowledged.length;
        await eventually(() => load.acknowledged.length > before + 30);
        await cluster.restart(mode);
        await recovered(server.url);
      }
    } finally {
      await load.stop();
    }
    try {
      assert.equal(server.child.exitCode, null, `the server is still running: ${server.output().slice(-500)}`);
      assert.ok(!/Unhandled 'error' event|uncaughtException/.test(server.output()), server.output().slice(-1000));
      const unexpected = [...load.statuses.keys()].filter((s) => s !== 201 && s !== 503);
      assert.deepEqual(unexpected, [], `only 201 and 503: ${JSON.stringify([...load.statuses])}`);
      for (const outage of load.outages) {
        assert.equal(outage.code, 'unavailable');
        assert.ok(Number(outage.retryAfter) > 0);
      }
      assert.equal((await call(server.url, 'GET', '/api/health')).status, 200);
      // The live reader missed nothing and got nothing twice, in order.
      const stored = await everything(server.url, postId);
      for (const id of load.acknowledged) assert.ok(stored.includes(id), 'no acknowledged comment is lost');
      await eventually(() => new Set(reader.received.map((e) => e.id)).size >= stored.length);
      await reader.stop();
      assert.deepEqual([...reader.received.map((e) => e.id)].sort(), [...stored].sort(), 'every comment, once');
      const seqs = reader.received.map((e) => e.seq);
      assert.deepEqual(
        seqs,
        [...seqs].sort((a, b) => a - b),
        'in order'
      );
      console.log(
        `restarts: ${JSON.stringify(Object.fromEntries(load.statuses))}, acknowledged ${load.acknowledged.length}, delivered live ${reader.received.length}, reconnects ${reader.reconnects}`
      );
    } finally {
      await reader.stop();
      server.child.kill('SIGTERM');
      await exited(server.child);
    }
  });

  it('with the database down, says so (health 503 naming it, writes 503 unavailable), then works again without a restart', async () => {
    const server = await spawnServer(['--database', await freshPostgres(cluster.url), ...FLAGS]);
    try {
      await cluster.down('fast');
      try {
        const health = await call(server.url, 'GET', '/api/health');
        assert.equal(health.status, 503);
        assert.equal(health.body.store, 'postgres');
        assert.equal(health.body.error.code, 'unavailable');
        assert.match(health.body.error.message, /PostgreSQL/);
        const write = await call(server.url, 'POST', '/api/comments', {json: {postId: '/down', body: 'while down'}});
        assert.equal(write.status, 503);
        assert.equal(write.body.error.code, 'unavailable');
        assert.ok(Number(write.headers.get('retry-after')) > 0);
      } finally {
        await cluster.up();
      }
      await recovered(server.url);
      await eventually(async () => (await call(server.url, 'GET', '/api/health')).status === 200);
      assert.equal(server.child.exitCode, null);
      assert.match(server.output(), /database fails/, 'the operator is told');
    } finally {
      server.child.kill('SIGTERM');
      await exited(server.child);
    }
  });

  it('with the database frozen, answers 503 within the timeouts instead of waiting for ever, and recovers', async () => {
    const server = await spawnServer(['--database', await freshPostgres(cluster.url), ...FLAGS]);
    try {
      assert.equal(
        (await call(server.url, 'POST', '/api/comments', {json: {postId: '/frozen', body: 'before'}})).status,
        201
      );
      cluster.pause();
      try {
        const [write, read, health] = await Promise.all([
          call(server.url, 'POST', '/api/comments', {json: {postId: '/frozen', body: 'while frozen'}}),
          call(server.url, 'GET', '/api/comments?post=/frozen'),
          call(server.url, 'GET', '/api/health'),
        ]);
        assert.deepEqual([write.status, read.status, health.status], [503, 503, 503]);
        assert.equal(write.body.error.code, 'unavailable');
      } finally {
        cluster.resume();
      }
      await recovered(server.url);
      const listed = await call(server.url, 'GET', '/api/comments?post=/frozen');
      assert.ok(listed.body.comments.some((c: {body: string}) => c.body === 'before'));
    } finally {
      server.child.kill('SIGTERM');
      await exited(server.child);
    }
  });

  it('with the database read-only, refuses writes with 503 and still serves reads', async () => {
    const database = await freshPostgres(cluster.url);
    const server = await spawnServer(['--database', database, ...FLAGS]);
    const name = new URL(database).pathname.slice(1);
    try {
      assert.equal(
        (await call(server.url, 'POST', '/api/comments', {json: {postId: '/ro', body: 'writable'}})).status,
        201
      );
      await cluster.sql(`ALTER DATABASE ${name} SET default_transaction_read_only = on`);
      await cluster.sql(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}'`);
      try {
        await eventually(
          async () =>
            (await call(server.url, 'POST', '/api/comments', {json: {postId: '/ro', body: 'refused'}})).status === 503
        );
        const write = await call(server.url, 'POST', '/api/comments', {json: {postId: '/ro', body: 'refused'}});
        assert.equal(write.body.error.code, 'unavailable');
        assert.match(write.body.error.message, /read-only/);
        assert.equal((await call(server.url, 'GET', '/api/health')).status, 503);
        const read = await call(server.url, 'GET', '/api/comments?post=/ro');
        assert.equal(read.status, 200);
        assert.deepEqual(
          read.body.comments.map((c: {body: string}) => c.body),
          ['writable']
        );
      } finally {
        await cluster.sql(`ALTER DATABASE ${name} SET default_transaction_read_only = off`);
        await cluster.sql(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}'`);
      }
      await recovered(server.url);
    } finally {
      server.child.kill('SIGTERM');
      await exited(server.child);
    }
  });

  it('two processes, a reader on each, the database and each process restarted under load: every reader sees every comment once, in order', async () => {
    const database = await freshPostgres(cluster.url);
    let a: Server = await spawnServer(['--database', database, ...FLAGS]);
    let b: Server = await spawnServer(['--database', database, ...FLAGS]);
    const postId = '/two-processes';
    const readerA = follower(() => a.url, postId);
    const readerB = follower(() => b.url, postId);
    const viaA = writers(() => a.url, postId, 2, 'a');
    const viaB = writers(() => b.url, postId, 2, 'b');
    const progress = async () => {
      const before = viaA.acknowledged.length + viaB.acknowledged.length;
      await eventually(() => viaA.acknowledged.length + viaB.acknowledged.length > before + 20);
    };
    try {
      await progress();
      await cluster.restart('fast');
      await recovered(a.url);
      await progress();
      // A is stopped and started again (a deploy): its reader reconnects to the new process.
      a.child.kill('SIGTERM');
      await exited(a.child);
      a = await spawnServer(['--database', database, ...FLAGS]);
      await progress();
      await cluster.restart('immediate');
      await recovered(b.url);
      await progress();
      // B is killed outright.
      b.child.kill('SIGKILL');
      await exited(b.child);
      b = await spawnServer(['--database', database, ...FLAGS]);
      await progress();
    } finally {
      await Promise.all([viaA.stop(), viaB.stop()]);
    }
    try {
      const stored = await everything(a.url, postId);
      for (const id of [...viaA.acknowledged, ...viaB.acknowledged])
        assert.ok(stored.includes(id), 'no acknowledged comment is lost');
      for (const reader of [readerA, readerB]) {
        await eventually(() => new Set(reader.received.map((e) => e.id)).size >= stored.length);
        await reader.stop();
        const ids = reader.received.map((e) => e.id);
        assert.equal(ids.length, new Set(ids).size, 'nothing twice');
        assert.deepEqual([...ids].sort(), [...stored].sort(), 'every comment');
        const seqs = reader.received.map((e) => e.seq);
        assert.deepEqual(
          seqs,
          [...seqs].sort((x, y) => x - y),
          'in order'
        );
      }
      const posted = viaA.acknowledged.length + viaB.acknowledged.length;
      console.log(
        `two processes: posted ${posted} acknowledged, stored ${stored.length}, delivered A ${readerA.received.length} B ${readerB.received.length}, ` +
          `duplicated 0, lost 0, reconnects A ${readerA.reconnects} B ${readerB.reconnects}`
      );
    } finally {
      await Promise.all([readerA.stop(), readerB.stop()]);
      for (const s of [a, b]) s.child.kill('SIGTERM');
      await Promise.all([a, b].map((s) => exited(s.child)));
    }
  });

  it('a create retried through the other process (its answer lost) returns the first comment', async () => {
    const database = await freshPostgres(cluster.url);
    const [a, b] = await Promise.all([
      spawnServer(['--database', database, ...FLAGS]),
      spawnServer(['--database', database, ...FLAGS]),
    ]);
    try {
      const headers = {'idempotency-key': 'retry-across-processes-0001'};
      const json = {postId: '/idempotent', body: 'posted once'};
      const answers = await Promise.all([a, b, a, b].map((s) => call(s.url, 'POST', '/api/comments', {json, headers})));
      assert.deepEqual(
        answers.map((r) => r.status),
        [201, 201, 201, 201]
      );
      assert.equal(new Set(answers.map((r) => r.body.comment.id)).size, 1);
      assert.equal(new Set(answers.map((r) => r.body.token)).size, 1, 'the same token too');
      assert.equal((await everything(a.url, '/idempotent')).length, 1);
    } finally {
      for (const s of [a, b]) s.child.kill('SIGTERM');
      await Promise.all([a, b].map((s) => exited(s.child)));
    }
  });
});
