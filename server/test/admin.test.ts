import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import type {RunningServer} from '../src/server.js';
import {ADMIN_SECRET, BACKENDS, call, openStream, startTestServer} from './support/harness.js';

const admin = {authorization: `Bearer ${ADMIN_SECRET}`};
const reader = (n: number) => ({'x-confab-reader': `reader${n}`.padEnd(43, 'y')});

for (const backend of BACKENDS) {
  describe(`moderation by admins on ${backend.name}`, () => {
    let server: RunningServer;
    let base: string;
    before(async () => {
      server = await startTestServer(await backend.database(), {moderation: 'first-time'});
      base = server.url;
    });
    after(() => server.close());

    const create = (postId: string, body: string, n: number, author = 'Reader') =>
      call(base, 'POST', '/api/comments', {json: {postId, body, author}, headers: reader(n)});
    const visible = async (postId: string) =>
      (await call(base, 'GET', `/api/comments?post=${encodeURIComponent(postId)}`)).body.comments.map(
        (c: {body: string}) => c.body
      );

    it('refuses every admin endpoint without the secret, or with a wrong one, and changes nothing', async () => {
      const held = (await create('/admin-a', 'waiting for approval', 1)).body.comment;
      for (const headers of [{}, {authorization: 'Bearer wrong-secret'}, {authorization: ADMIN_SECRET}] as Record<
        string,
        string
      >[]) {
        assert.equal((await call(base, 'GET', '/api/admin/comments', {headers})).status, 401);
        const res = await call(base, 'POST', `/api/admin/comments/${held.id}`, {json: {action: 'approve'}, headers});
        assert.equal(res.status, 401);
        assert.equal(res.body.error.code, 'unauthorized');
      }
      assert.deepEqual(await visible('/admin-a'), [], 'still held');
    });

    it('lists the queue; approving publishes to everyone, live', async () => {
      const held = (await create('/admin-b', 'first comment, held', 2)).body.comment;
      assert.equal(held.status, 'pending');
      const queue = await call(base, 'GET', '/api/admin/comments?queue=pending', {headers: admin});
      assert.equal(queue.status, 200);
      const item = queue.body.comments.find((c: {id: string}) => c.id === held.id);
      assert.equal(item.moderation, 'pending');
      assert.match(item.client, /^[0-9a-f]{8}$/);
      assert.ok(!/127\.0\.0\.1|::1/.test(queue.text), 'no address in the queue');
      const stream = await openStream(base, '/admin-b');
      await stream.next();
      assert.equal(
        (await call(base, 'POST', `/api/admin/comments/${held.id}`, {json: {action: 'approve'}, headers: admin}))
          .status,
        200
      );
      assert.equal(JSON.parse((await stream.nextComment()).data).id, held.id, 'streamed when approved');
      stream.close();
      assert.deepEqual(await visible('/admin-b'), ['first comment, held']);
      const later = await create('/admin-b', 'second comment of an approved commenter', 2);
      assert.equal(later.body.comment.status, undefined, 'first-time mode: later comments publish');
    });

    it('marks spam, deletes, edits and blocks, writing each action to the log', async () => {
      const a = (await create('/admin-c', 'spammy text here', 3, 'Spammer')).body.comment;
      assert.equal(
        (await call(base, 'POST', `/api/admin/comments/${a.id}`, {json: {action: 'spam'}, headers: admin})).status,
        200
      );
      const spam = await call(base, 'GET', '/api/admin/comments?queue=spam', {headers: admin});
      assert.ok(spam.body.comments.some((c: {id: string}) => c.id === a.id));
      assert.equal(
        (await call(base, 'POST', `/api/admin/comments/${a.id}`, {json: {action: 'block-name'}, headers: admin}))
          .status,
        200
      );
      const again = await create('/admin-c', 'I am back with a new text', 4, 'spammer');
      assert.equal(again.body.comment.status, 'pending');
      const queue = await call(base, 'GET', '/api/admin/comments?queue=spam', {headers: admin});
      assert.ok(
        queue.body.comments.some((c: {id: string}) => c.id === again.body.comment.id),
        'a blocked name goes to spam'
      );
      const ok = (await create('/admin-d', 'to be edited by a moderator', 5)).body.comment;
      await call(base, 'POST', `/api/admin/comments/${ok.id}`, {json: {action: 'approve'}, headers: admin});
      assert.equal(
        (
          await call(base, 'PATCH', `/api/admin/comments/${ok.id}`, {
            json: {body: 'edited by a moderator'},
            headers: admin,
          })
        ).status,
        200
      );
      assert.deepEqual(await visible('/admin-d'), ['edited by a moderator']);
      assert.equal(
        (await call(base, 'POST', `/api/admin/comments/${ok.id}`, {json: {action: 'delete'}, headers: admin})).status,
        200
      );
      assert.deepEqual(await visible('/admin-d'), []);
      const bad = await call(base, 'POST', `/api/admin/comments/${ok.id}`, {json: {action: 'explode'}, headers: admin});
      assert.equal(bad.status, 400);
    });

    it('serves the moderation page at /admin', async () => {
      const page = await call(base, 'GET', '/admin');
      assert.equal(page.status, 200);
      assert.match(page.text, /<confab-moderation><\/confab-moderation>/);
      const script = await call(base, 'GET', '/admin/confab-admin.js');
      assert.equal(script.status, 200);
      assert.match(script.headers.get('content-type') ?? '', /javascript/);
    });

    it('says that a secret is not right in words a person understands', async () => {
      const wrong = await call(base, 'GET', '/api/admin/comments', {
        headers: {authorization: 'Bearer not-the-secret-at-all'},
      });
      assert.equal(wrong.status, 401);
      assert.equal(wrong.body.error.message, 'That secret is not right.');
    });

    it('slows and then refuses wrong secrets, but never the right one', async () => {
      const statuses = [];
      for (let i = 0; i < 12; i++) {
        statuses.push(
          (await call(base, 'GET', '/api/admin/comments', {headers: {authorization: `Bearer guess-${i}`}})).status
        );
      }
      // Earlier tests failed from this address too: 401s until ten failures in all, then only 429s.
      const firstRefused = statuses.indexOf(429);
      assert.ok(firstRefused > 0, 'some guesses are answered 401 first');
      assert.deepEqual(statuses.slice(firstRefused), Array(statuses.length - firstRefused).fill(429));
      const refused = await call(base, 'GET', '/api/admin/comments', {headers: {authorization: 'Bearer guess-again'}});
      assert.equal(refused.status, 429);
      assert.ok(Number(refused.headers.get('retry-after')) > 0);
      // Someone else's failures (here, from the moderator's own address) never lock the moderator out.
      const moderator = await call(base, 'GET', '/api/admin/comments', {headers: admin});
      assert.equal(moderator.status, 200);
      const log = await call(base, 'GET', '/api/admin/comments?queue=recent', {headers: admin});
      assert.equal(log.status, 200);
    });

    it('sends /admin with headers that forbid framing and sniffing', async () => {
      for (const path of ['/admin', '/admin/confab-admin.js']) {
        const page = await call(base, 'GET', path);
        assert.equal(page.headers.get('x-content-type-options'), 'nosniff', path);
        assert.ok(page.headers.get('referrer-policy'), path);
      }
      const page = await call(base, 'GET', '/admin');
      assert.match(page.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
      assert.equal(page.headers.get('x-frame-options'), 'DENY');
    });
  });
}
