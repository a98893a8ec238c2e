/**
 * Faults with SQLite and with the server process itself: a real full file system, two processes on one file, and a
 * shutdown while a live-stream client keeps reconnecting on a kept-alive connection.
 */
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {Agent, get} from 'node:http';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, it} from 'node:test';
import {call, eventually, exited, follower, freshSqlite, spawnServer} from './support/harness.js';

const FLAGS = ['--rate-limit', '0', '--post-rate-limit', '0', '--db-statement-timeout', '1'];

/**
 * A small file system of its own (tmpfs, which needs root), or, where mounting is not allowed, a folder whose server
 * process may not write files past a size (RLIMIT_FSIZE, with SIGXFSZ ignored so that writes fail instead).
 */
function smallDisk(): {
  dir: string;
  full: boolean;
  wrap: (args: string[]) => string[];
  fill(): void;
  free(): void;
  remove(): void;
} {
  const dir = mkdtempSync(join(tmpdir(), 'confab-disk-'));
  const mounted =
    process.getuid?.() === 0 && spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', dir]).status === 0;
  const filler = join(dir, 'filler');
  return {
    dir,
    full: mounted,
    wrap: (args) => (mounted ? args : ['bash', '-c', `trap '' XFSZ; ulimit -f 2048; exec "$@"`, 'bash', ...args]),
    fill() {
      if (!mounted) return;
      // Until the file system says no more.
      spawnSync('dd', ['if=/dev/zero', `of=${filler}`, 'bs=64k']);
    },
    free() {
      rmSync(filler, {force: true});
    },
    remove() {
      if (mounted) spawnSync('umount', ['-l', dir]);
      rmSync(dir, {recursive: true, force: true});
    },
  };
}

describe('SQLite and process faults', () => {
  it('on a full disk: writes get 503 storage-full with Retry-After, health says so, reads go on; freed, it works without a restart', async () => {
    const disk = smallDisk();
    const database = join(disk.dir, 'comments.db');
    const server = await spawnServer(['--database', database, ...FLAGS], {}, disk.wrap);
    const acknowledged: string[] = [];
    try {
      const first = await call(server.url, 'POST', '/api/comments', {
        json: {postId: '/full', body: 'before the disk filled up'},
      });
      assert.equal(first.status, 201);
      acknowledged.push(first.body.comment.id);
      disk.fill();
      // Writes go on until the database needs a page it cannot have (pages already in its files are reused first).
      let refused: Awaited<ReturnType<typeof call<{error: {code: string}}>>> | undefined;
      for (let i = 0; i < 3000 && !refused; i++) {
        const res = await call(server.url, 'POST', '/api/comments', {
          json: {postId: '/full', body: `filling ${i} ${'x'.repeat(4000)}`},
        });
        if (res.status === 201) acknowledged.push(res.body.comment.id);
        else refused = res;
      }
      assert.ok(refused, 'a write was refused');
      assert.equal(refused.status, 503);
      assert.equal(refused.body.error.code, disk.full ? 'storage-full' : 'unavailable');
      assert.ok(Number(refused.headers.get('retry-after')) > 0);
      const health = await call(server.url, 'GET', '/api/health');
      assert.equal(health.status, 503);
      assert.equal(health.body.store, 'sqlite');
      if (disk.full) assert.equal(health.body.error.code, 'storage-full');
      const read = await call(server.url, 'GET', '/api/comments?post=/full&limit=1');
      assert.equal(read.status, 200, 'reads go on');
      disk.free();
      await eventually(
        async () =>
          (await call(server.url, 'POST', '/api/comments', {json: {postId: '/full', body: 'after freeing space'}}))
            .status === 201
      );
      await eventually(async () => (await call(server.url, 'GET', '/api/health')).status === 200);
      const counts = await call(server.url, 'GET', '/api/counts?post=/full');
      assert.ok(counts.body.counts['/full'] >= acknowledged.length, 'every acknowledged comment is kept');
      console.log(
        `full disk (${disk.full ? 'tmpfs' : 'RLIMIT_FSIZE'}): acknowledged ${acknowledged.length} before the refusal, then 503 ${refused.body.error.code}`
      );
    } finally {
      server.child.kill('SIGTERM');
      await exited(server.child);
      disk.remove();
    }
  });

  it('two processes on one SQLite file: a reader on one sees comments posted through the other, live', async () => {
    const database = await freshSqlite();
    const a = await spawnServer(['--database', database, ...FLAGS]);
    const b = await spawnServer(['--database', database, ...FLAGS]);
    const reader = follower(() => b.url, '/shared-file');
    try {
      const posted = [];
      for (let i = 0; i < 5; i++)
        posted.push(
          (await call(a.url, 'POST', '/api/comments', {json: {postId: '/shared-file', body: `through A ${i}`}})).body
            .comment.id
        );
      await eventually(() => reader.received.length >= 5);
      assert.deepEqual(
        reader.received.map((e) => e.id),
        posted
      );
    } finally {
      await reader.stop();
      for (const s of [a, b]) s.child.kill('SIGTERM');
      await Promise.all([a, b].map((s) => exited(s.child)));
    }
  });

  it('stops at once on SIGTERM, exit 0, while a live-stream client keeps reconnecting on a kept-alive connection', async () => {
    const database = await freshSqlite();
    const server = await spawnServer(['--database', database, ...FLAGS]);
    const agent = new Agent({keepAlive: true, maxSockets: 1});
    let stop = false;
    let streams = 0;
    // Opens the stream, reads its first event, lets go, and opens it again at once on the same connection.
    const once = () =>
      new Promise<void>((resolve) => {
        const req = get(`${server.url}/api/stream?post=/shutdown`, {agent}, (res) => {
          res.once('data', () => {
            streams++;
            res.destroy();
            resolve();
          });
          res.on('error', () => resolve());
          res.on('end', () => resolve());
        });
        req.on('error', () => setTimeout(resolve, 10));
      });
    const client = (async () => {
      while (!stop) await once();
    })();
    await eventually(() => streams > 3);
    // Writes in flight when the signal comes: each one either finishes (and is kept) or is refused (and is not).
    const writes = Array.from({length: 10}, (_, i) =>
      call(server.url, 'POST', '/api/comments', {json: {postId: '/shutdown', body: `in flight ${i}`}}).then(
        (res) => res.status,
        () => 0
      )
    );
    await new Promise((r) => setTimeout(r, 5));
    server.child.kill('SIGTERM');
    await exited(server.child);
    stop = true;
    await client;
    agent.destroy();
    assert.equal(server.child.exitCode, 0, server.output().slice(-800));
    const stored = (await Promise.all(writes)).filter((status) => status === 201).length;
    const again = await spawnServer(['--database', database, ...FLAGS]);
    try {
      assert.equal(
        (await call(again.url, 'GET', '/api/counts?post=/shutdown')).body.counts['/shutdown'],
        stored,
        'every acknowledged write was kept'
      );
    } finally {
      again.child.kill('SIGTERM');
      await exited(again.child);
    }
  });
});
