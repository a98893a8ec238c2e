/**
 * Readers own their words, and moderators can act on them: deleting one's own comment at any time, downloading one's
 * own comments, deleting everything by one commenter, and exporting everything. Both databases.
 */
import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import type {RunningServer} from '../src/server.js';
import {ADMIN_SECRET, BACKENDS, call, startTestServer} from './support/harness.js';

const admin = {authorization: `Bearer ${ADMIN_SECRET}`};

for (const backend of BACKENDS) {
  describe(`readers' own data on ${backend.name}`, () => {
    let server: RunningServer;
    let base: string;
    before(async () => {
      // No edit window at all: every change after posting is "later".
      server = await startTestServer(await backend.database(), {
        editWindowMinutes: 0,
        moderation: 'first-time',
        trustProxy: ['127.0.0.1', '::1'],
      });
      base = server.url;
    });
    after(() => server.close());

    const post = () => `/own-data/${Math.random().toString(36).slice(2)}`;
    const create = (json: Record<string, unknown>, from = '203.0.113.1') =>
      call(base, 'POST', '/api/comments', {json, headers: {'x-forwarded-for': from}});

    it('lets the browser that wrote a comment delete it at any time, though the edit window is closed', async () => {
      const {comment, token} = (await create({postId: post(), body: 'Mine for ever'})).body;
      const edit = await call(base, 'PATCH', `/api/comments/${comment.id}`, {
        json: {body: 'changed'},
        headers: {authorization: `Bearer ${token}`},
      });
      assert.equal(edit.status, 403);
      assert.equal(edit.body.error.code, 'edit-window-closed');
      const removed = await call(base, 'DELETE', `/api/comments/${comment.id}`, {
        headers: {authorization: `Bearer ${token}`},
      });
      assert.equal(removed.status, 204);
      const wrong = await create({postId: post(), body: 'Not yours'});
      const refused = await call(base, 'DELETE', `/api/comments/${wrong.body.comment.id}`, {
        headers: {authorization: `Bearer ${token}`},
      });
      assert.equal(refused.status, 403);
    });

    it("gives a browser its own comments (held ones too) for the tokens it holds, and nobody else's", async () => {
      const a = (await create({postId: post(), body: 'first of mine'}, '203.0.113.2')).body;
      const b = (await create({postId: post(), body: 'second of mine'}, '203.0.113.2')).body;
      const other = (await create({postId: post(), body: 'someone else'}, '203.0.113.3')).body;
      const mine = await call(base, 'POST', '/api/comments/mine', {
        json: {
          tokens: {[a.comment.id]: a.token, [b.comment.id]: b.token, [other.comment.id]: 'not-its-token', nope: 'x'},
        },
      });
      assert.equal(mine.status, 200);
      assert.deepEqual(
        mine.body.comments.map((c: {body: string}) => c.body),
        ['first of mine', 'second of mine']
      );
      assert.equal(mine.body.comments[0].status, 'pending', "a held comment is its author's to download");
      assert.ok(!mine.text.includes('someone else'));
    });

    it('deletes everything by one commenter, by name or by address, in one logged action', async () => {
      const postId = post();
      const byName = [];
      for (const body of ['spam one', 'spam two', 'spam three'])
        byName.push(
          (await create({postId, author: 'Spammy McSpam', body}, `198.51.100.${byName.length + 1}`)).body.comment
        );
      const sameAddress = [];
      for (const body of ['noise one', 'noise two'])
        sameAddress.push(
          (await create({postId, author: `Name ${sameAddress.length}`, body}, '192.0.2.99')).body.comment
        );
      const keep = (await create({postId, author: 'Innocent', body: 'stays'}, '192.0.2.100')).body.comment;
      for (const c of [...byName, ...sameAddress, keep])
        await call(base, 'POST', `/api/admin/comments/${c.id}`, {json: {action: 'approve'}, headers: admin});
      const purgedName = await call(base, 'POST', `/api/admin/comments/${byName[0].id}/purge`, {
        json: {by: 'name'},
        headers: admin,
      });
      assert.deepEqual(purgedName.body, {removed: 3});
      const purgedClient = await call(base, 'POST', `/api/admin/comments/${sameAddress[1].id}/purge`, {
        json: {by: 'client'},
        headers: admin,
      });
      assert.deepEqual(purgedClient.body, {removed: 2});
      const left = (await call(base, 'GET', `/api/comments?post=${encodeURIComponent(postId)}`)).body.comments.map(
        (c: {body: string}) => c.body
      );
      assert.deepEqual(left, ['stays']);
      const anonymous = (await create({postId, body: 'nameless'})).body.comment;
      const refused = await call(base, 'POST', `/api/admin/comments/${anonymous.id}/purge`, {
        json: {by: 'name'},
        headers: admin,
      });
      assert.equal(refused.status, 400);
      assert.equal(refused.body.error.code, 'cannot-block-default-name');
    });

    it('exports everything for moderators, as Confab JSON and as WXR', async () => {
      const postId = post();
      await create({postId, body: 'to be exported'});
      const json = await call(base, 'GET', `/api/admin/export?post=${encodeURIComponent(postId)}`, {headers: admin});
      assert.equal(json.status, 200);
      assert.match(json.headers.get('content-disposition') ?? '', /attachment/);
      assert.equal(json.body.format, 'confab');
      assert.deepEqual(
        json.body.comments.map((c: {body: string; status: string}) => [c.body, c.status]),
        [['to be exported', 'pending']]
      );
      const wxr = await call(base, 'GET', '/api/admin/export?format=wxr', {headers: admin});
      assert.match(wxr.text, /<wp:wxr_version>1\.2<\/wp:wxr_version>/);
      assert.match(wxr.text, /to be exported/);
      assert.equal((await call(base, 'GET', '/api/admin/export')).status, 401);
    });
  });
}
