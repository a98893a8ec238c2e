import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {call, eventually, exited, freshPostgres, openStream, spawnServer} from './support/harness.js';

describe('two server processes on one PostgreSQL', () => {
  let a: Awaited<ReturnType<typeof spawnServer>>;
  let b: Awaited<ReturnType<typeof spawnServer>>;
  before(async () => {
    const database = await freshPostgres();
    // Started together: the migration lock lets only one of them create the schema.
    [a, b] = await Promise.all([
      spawnServer(['--database', database, '--rate-limit', '0', '--post-rate-limit', '0']),
      spawnServer(['--database', database, '--rate-limit', '0', '--post-rate-limit', '0']),
    ]);
  });
  after(async () => {
    for (const s of [a, b]) s?.child.kill('SIGTERM');
    await Promise.all([a, b].map((s) => s && exited(s.child)));
  });

  it('lists through one process a comment created through the other', async () => {
    const created = await call(a.url, 'POST', '/api/comments', {json: {postId: '/shared', body: 'written on A'}});
    assert.equal(created.status, 201);
    const listed = await call(b.url, 'GET', '/api/comments?post=/shared');
    assert.deepEqual(listed.body.comments, [created.body.comment]);
  });

  it('lets a list kept by one process go when the other changes the post', async () => {
    const bodies = async () =>
      (await call(b.url, 'GET', '/api/comments?post=/kept')).body.comments.map((c: {body: string}) => c.body);
    await call(a.url, 'POST', '/api/comments', {json: {postId: '/kept', body: 'one'}});
    assert.deepEqual(await bodies(), ['one']);
    assert.deepEqual(await bodies(), ['one'], 'kept by B');
    await call(a.url, 'POST', '/api/comments', {json: {postId: '/kept', body: 'two'}});
    // B hears of it through the database's notification, as its live streams do.
    await eventually(async () => (await bodies()).length === 2);
    assert.deepEqual(await bodies(), ['one', 'two']);
  });

  it('streams to a reader connected to the other process', async () => {
    const stream = await openStream(b.url, '/live-shared');
    assert.equal((await stream.next()).event, 'ready');
    const created = await call(a.url, 'POST', '/api/comments', {
      json: {postId: '/live-shared', body: 'from A, seen on B'},
    });
    const event = await stream.nextComment();
    assert.deepEqual(JSON.parse(event.data), created.body.comment);
    stream.close();
  });

  it('edits through B a comment created through A, with its token', async () => {
    const {comment, token} = (await call(a.url, 'POST', '/api/comments', {json: {postId: '/shared', body: 'typo'}}))
      .body;
    const edited = await call(b.url, 'PATCH', `/api/comments/${comment.id}`, {
      json: {body: 'fixed'},
      headers: {authorization: `Bearer ${token}`},
    });
    assert.equal(edited.status, 200);
    assert.equal(edited.body.comment.body, 'fixed');
  });
});
