import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {call, exited, freshSqlite, spawnServer} from './support/harness.js';

describe('durability', () => {
  it('keeps every acknowledged comment when the server is killed with SIGKILL', async () => {
    const database = await freshSqlite();
    const first = await spawnServer(['--database', database, '--rate-limit', '0', '--post-rate-limit', '0']);
    const acknowledged: string[] = [];
    // Writers keep going until the kill; every 201 they saw must survive it.
    let killed = false;
    const writers = Array.from({length: 8}, async (_, w) => {
      for (let i = 0; !killed; i++) {
        try {
          const res = await call(first.url, 'POST', '/api/comments', {json: {postId: '/durable', body: `w${w} #${i}`}});
          if (res.status === 201) acknowledged.push(res.body.comment.id);
        } catch {
          return; // the connection died with the server
        }
      }
    });
    while (acknowledged.length < 150) await new Promise((r) => setTimeout(r, 5));
    first.child.kill('SIGKILL');
    killed = true;
    await exited(first.child);
    await Promise.all(writers);

    const second = await spawnServer(['--database', database, '--rate-limit', '0', '--post-rate-limit', '0']);
    try {
      const stored = new Set<string>();
      let cursor: string | null = null;
      do {
        const res: {body: {comments: {id: string}[]; next: string | null}} = await call(
          second.url,
          'GET',
          `/api/comments?post=/durable&limit=100${cursor ? `&cursor=${cursor}` : ''}`
        );
        for (const c of res.body.comments) stored.add(c.id);
        cursor = res.body.next;
      } while (cursor);
      const lost = acknowledged.filter((id) => !stored.has(id));
      assert.deepEqual(lost, [], `${lost.length} of ${acknowledged.length} acknowledged comments were lost`);
    } finally {
      second.child.kill('SIGTERM');
      await exited(second.child);
    }
  });

  it('finishes in-flight writes and exits cleanly on SIGTERM', async () => {
    const database = await freshSqlite();
    const server = await spawnServer(['--database', database, '--rate-limit', '0', '--post-rate-limit', '0']);
    const pending = Array.from({length: 20}, (_, i) =>
      call(server.url, 'POST', '/api/comments', {json: {postId: '/term', body: `t${i}`}})
    );
    await new Promise((r) => setTimeout(r, 0));
    server.child.kill('SIGTERM');
    const settled = await Promise.allSettled(pending);
    await exited(server.child);
    assert.equal(server.child.exitCode, 0, server.output());
    const acknowledged = settled.filter((s) => s.status === 'fulfilled' && s.value.status === 201).length;
    const again = await spawnServer(['--database', database, '--rate-limit', '0', '--post-rate-limit', '0']);
    try {
      const res = await call(again.url, 'GET', '/api/counts?post=/term');
      assert.equal(res.body.counts['/term'], acknowledged);
    } finally {
      again.child.kill('SIGTERM');
      await exited(again.child);
    }
  });
});
