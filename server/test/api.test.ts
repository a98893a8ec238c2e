import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import type {RunningServer} from '../src/server.js';
import {BACKENDS, call, openStream, startTestServer} from './support/harness.js';

const PUBLIC_KEYS = ['author', 'body', 'createdAt', 'id', 'parentId', 'postId'];

for (const backend of BACKENDS) {
  describe(`API on ${backend.name}`, () => {
    let server: RunningServer;
    let base: string;
    before(async () => {
      server = await startTestServer(await backend.database(), {origins: ['https://blog.example']});
      base = server.url;
    });
    after(() => server.close());

    const create = (json: unknown, headers?: Record<string, string>) =>
      call(base, 'POST', '/api/comments', {json, headers});
    const post = () => `/posts/${Math.random().toString(36).slice(2)}`;

    it('reports health', async () => {
      const res = await call(base, 'GET', '/api/health');
      assert.equal(res.status, 200);
      assert.deepEqual(res.body, {status: 'ok', store: backend.name, streams: 0, live: 'ok'});
    });

    it('fails its health check when the database is gone', async () => {
      const lost = await startTestServer(await backend.database());
      await lost.store.close();
      const res = await call(lost.url, 'GET', '/api/health');
      assert.equal(res.status, 503);
      assert.equal(res.body.status, 'unavailable');
      assert.equal(res.body.store, backend.name);
      assert.equal(res.body.error.code, 'unavailable');
      assert.ok(res.headers.get('retry-after'));
      await lost.close().catch(() => {});
    });

    it('creates a comment, returning it and an edit token once, and nothing private', async () => {
      const postId = post();
      const res = await create({postId, author: '  Ada ', body: 'Hello\r\nworld'});
      assert.equal(res.status, 201);
      assert.deepEqual(Object.keys(res.body).sort(), ['comment', 'token']);
      assert.match(res.body.token, /^[A-Za-z0-9_-]{43}$/, '256 bits, base64url');
      const c = res.body.comment;
      assert.deepEqual(Object.keys(c).sort(), PUBLIC_KEYS);
      assert.equal(c.author, 'Ada');
      assert.equal(c.body, 'Hello\nworld');
      assert.equal(c.parentId, null);
      const listed = await call(base, 'GET', `/api/comments?post=${encodeURIComponent(postId)}`);
      assert.deepEqual(listed.body, {comments: [c], next: null, editWindowMs: 15 * 60_000, latest: '1', total: 1});
      assert.ok(!listed.text.includes(res.body.token), 'the token is never listed');
      assert.ok(!/ip_?hash|token_?hash|127\.0\.0\.1/i.test(listed.text + res.text), 'no address or hash leaks');
    });

    it("stores an inline comment's anchor with it, lists and streams it, and refuses a bad one", async () => {
      const postId = post();
      const anchor = {
        quote: "You can't lead and micromanage",
        prefix: 'but it’s not leadership. ',
        suffix: ' at the same time',
        position: 1234,
      };
      const stream = await openStream(base, postId);
      assert.equal((await stream.next()).event, 'ready');
      const res = await create({postId, body: 'So true', anchor});
      assert.equal(res.status, 201);
      assert.deepEqual(res.body.comment.anchor, anchor);
      const listed = await call(base, 'GET', `/api/comments?post=${encodeURIComponent(postId)}`);
      assert.deepEqual(listed.body.comments[0].anchor, anchor);
      assert.deepEqual(JSON.parse((await stream.nextComment()).data).anchor, anchor);
      stream.close();
      const paragraph = await create({postId, body: 'On the whole paragraph', anchor: {...anchor, paragraph: true}});
      assert.equal(paragraph.body.comment.anchor.paragraph, true);
      const bad: [string, unknown][] = [
        ['a quote over 1,000 characters', {...anchor, quote: 'x'.repeat(1001)}],
        ['an empty quote', {...anchor, quote: '   '}],
        ['context over 32 characters', {...anchor, prefix: 'p'.repeat(33)}],
        ['a control character', {...anchor, quote: 'bell\u0007'}],
        ['a negative position', {...anchor, position: -1}],
        ['a fractional position', {...anchor, position: 1.5}],
        ['an unknown field', {...anchor, selector: 'p:nth-child(2)'}],
        ['a string', 'paragraph 2'],
        ['no quote', {prefix: '', suffix: '', position: 0}],
      ];
      for (const [what, value] of bad) {
        const refused = await create({postId, body: 'x', anchor: value});
        assert.equal(refused.status, 400, what);
        assert.match(refused.body.error.message, /anchor/, what);
      }
      const parent = res.body.comment;
      const reply = await create({postId, parentId: parent.id, body: 'a reply', anchor});
      assert.equal(reply.status, 400, 'a reply is about its parent, not a passage');
      // Nothing refused was stored.
      const after = await call(base, 'GET', `/api/comments?post=${encodeURIComponent(postId)}`);
      assert.deepEqual(
        after.body.comments.map((c: {body: string}) => c.body),
        ['So true', 'On the whole paragraph']
      );
    });

    it('names an empty author Anonymous and nests replies', async () => {
      const postId = post();
      const parent = (await create({postId, body: 'question'})).body.comment;
      assert.equal(parent.author, 'Anonymous');
      const reply = await create({postId, parentId: parent.id, author: 'B', body: 'answer'});
      assert.equal(reply.status, 201);
      assert.equal(reply.body.comment.parentId, parent.id);
      const orphan = await create({postId, parentId: 'does-not-exist', body: 'lost'});
      assert.equal(orphan.status, 422);
      assert.equal(orphan.body.error.code, 'parent-not-found');
      const elsewhere = await create({postId: post(), parentId: parent.id, body: 'wrong post'});
      assert.equal(elsewhere.status, 422);
    });

    it('pages with opaque cursors, oldest or newest first, without gaps or repeats', async () => {
      const postId = post();
      const made: string[] = [];
      for (let i = 0; i < 7; i++) made.push((await create({postId, body: `n${i}`})).body.comment.id);
      for (const sort of ['oldest', 'newest'] as const) {
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const q: string = `/api/comments?post=${encodeURIComponent(postId)}&limit=3&sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`;
          const res = await call(base, 'GET', q);
          assert.equal(res.status, 200);
          assert.ok(res.body.comments.length <= 3);
          seen.push(...res.body.comments.map((c: {id: string}) => c.id));
          cursor = res.body.next;
        } while (cursor);
        assert.deepEqual(seen, sort === 'oldest' ? made : [...made].reverse());
      }
    });

    it('clamps limit to 1..100 and never treats a negative limit as none', async () => {
      const postId = post();
      for (let i = 0; i < 3; i++) await create({postId, body: `c${i}`});
      const q = (limit: string) => call(base, 'GET', `/api/comments?post=${encodeURIComponent(postId)}&limit=${limit}`);
      assert.equal((await q('-1')).body.comments.length, 1);
      assert.equal((await q('0')).body.comments.length, 1);
      assert.equal((await q('999999999999')).body.comments.length, 3);
      for (const bad of ['abc', '1.5', '1e9', '9999999999999999999', '%00']) {
        const res = await q(bad);
        assert.equal(res.status, 400, `limit=${bad}`);
        assert.equal(res.body.error.code, 'invalid-request');
      }
    });

    it('counts comments for many posts in one request', async () => {
      const a = post();
      const b = post();
      await create({postId: a, body: 'x'});
      await create({postId: a, body: 'y'});
      const res = await call(base, 'GET', `/api/counts?post=${encodeURIComponent(a)}&post=${encodeURIComponent(b)}`);
      assert.equal(res.status, 200);
      assert.deepEqual(res.body, {counts: {[a]: 2, [b]: 0}});
      const tooMany = Array.from({length: 101}, (_, i) => `post=/p${i}`).join('&');
      assert.equal((await call(base, 'GET', `/api/counts?${tooMany}`)).status, 400);
      assert.equal((await call(base, 'GET', '/api/counts')).status, 400);
    });

    it("edits and deletes only with the comment's own token", async () => {
      const postId = post();
      const {comment, token} = (await create({postId, body: 'first draft'})).body;
      const other = (await create({postId, body: 'someone else'})).body;
      const path = `/api/comments/${comment.id}`;
      assert.equal((await call(base, 'PATCH', path, {json: {body: 'x'}})).status, 401);
      const wrong = await call(base, 'PATCH', path, {
        json: {body: 'x'},
        headers: {authorization: `Bearer ${other.token}`},
      });
      assert.equal(wrong.status, 403);
      assert.equal(wrong.body.error.code, 'forbidden');
      const edited = await call(base, 'PATCH', path, {
        json: {body: 'second draft'},
        headers: {authorization: `Bearer ${token}`},
      });
      assert.equal(edited.status, 200);
      assert.equal(edited.body.comment.body, 'second draft');
      assert.ok(edited.body.comment.editedAt);
      const empty = await call(base, 'PATCH', path, {json: {body: '  '}, headers: {authorization: `Bearer ${token}`}});
      assert.equal(empty.status, 400);
      assert.equal((await call(base, 'DELETE', path, {headers: {authorization: `Bearer ${other.token}`}})).status, 403);
      assert.equal((await call(base, 'DELETE', path, {headers: {authorization: `Bearer ${token}`}})).status, 204);
      const listed = await call(base, 'GET', `/api/comments?post=${encodeURIComponent(postId)}`);
      assert.deepEqual(
        listed.body.comments.map((c: {id: string}) => c.id),
        [other.comment.id]
      );
      assert.equal(
        (await call(base, 'PATCH', path, {json: {body: 'x'}, headers: {authorization: `Bearer ${token}`}})).status,
        404
      );
    });

    it('keeps a deleted comment that has replies as an empty placeholder, and counts only the living', async () => {
      const postId = post();
      const parent = (await create({postId, author: 'Parent', body: 'I will regret this'})).body;
      await create({postId, parentId: parent.comment.id, body: 'a reply'});
      const del = await call(base, 'DELETE', `/api/comments/${parent.comment.id}`, {
        headers: {authorization: `Bearer ${parent.token}`},
      });
      assert.equal(del.status, 204);
      const listed = await call(base, 'GET', `/api/comments?post=${encodeURIComponent(postId)}`);
      const placeholder = listed.body.comments.find((c: {id: string}) => c.id === parent.comment.id);
      assert.deepEqual(
        {author: placeholder.author, body: placeholder.body, deleted: placeholder.deleted},
        {author: '', body: '', deleted: true}
      );
      assert.ok(
        !listed.text.includes('I will regret this') && !listed.text.includes('Parent'),
        'nothing of it is left'
      );
      const counts = await call(base, 'GET', `/api/counts?post=${encodeURIComponent(postId)}`);
      assert.equal(counts.body.counts[postId], 1);
    });

    it('answers a thread request the same on both databases: the thread, its placeholder, or 404', async () => {
      const postId = post();
      const root = (await create({postId, body: 'the root'})).body;
      const reply = (await create({postId, parentId: root.comment.id, body: 'a reply'})).body.comment;
      const lone = (await create({postId, body: 'alone'})).body;
      const thread = (id: string) => call(base, 'GET', `/api/comments/${id}/thread`);
      const ofReply = await thread(reply.id);
      assert.equal(ofReply.status, 200);
      assert.deepEqual(
        ofReply.body.comments.map((c: {id: string}) => c.id),
        [root.comment.id, reply.id]
      );
      const remove = (c: {comment: {id: string}; token: string}) =>
        call(base, 'DELETE', `/api/comments/${c.comment.id}`, {headers: {authorization: `Bearer ${c.token}`}});
      await remove(lone);
      const gone = await thread(lone.comment.id);
      assert.equal(gone.status, 404, 'a deleted comment without replies has no thread');
      assert.equal(gone.body.error.code, 'not-found');
      await remove(root);
      const kept = await thread(reply.id);
      assert.equal(kept.status, 200);
      assert.equal(kept.body.comments[0].deleted, true, 'the placeholder keeps the reply in context');
      assert.equal((await thread('no-such-comment')).status, 404);
      assert.equal((await thread('not%20an%20id')).status, 404);
    });

    it("counts a reader's reaction once however often the request is replayed, and sorts by upvotes", async () => {
      const postId = post();
      const a = (await create({postId, body: 'a'})).body.comment;
      const b = (await create({postId, body: 'b'})).body.comment;
      const reader = (n: number) => ({'x-confab-reader': String(n).padStart(43, 'r')});
      for (let i = 0; i < 3; i++) {
        const res = await call(base, 'PUT', `/api/comments/${b.id}/reactions/up`, {headers: reader(1)});
        assert.equal(res.status, 200);
        assert.deepEqual(res.body.comment.reactions, {up: 1});
        assert.deepEqual(res.body.comment.mine, ['up']);
      }
      await call(base, 'PUT', `/api/comments/${b.id}/reactions/up`, {headers: reader(2)});
      await call(base, 'PUT', `/api/comments/${a.id}/reactions/heart`, {headers: reader(2)});
      const top = await call(base, 'GET', `/api/comments?post=${encodeURIComponent(postId)}&sort=top&limit=1`, {
        headers: reader(1),
      });
      assert.equal(top.body.comments[0].id, b.id);
      assert.deepEqual(top.body.comments[0].reactions, {up: 2});
      assert.deepEqual(top.body.comments[0].mine, ['up']);
      const next = await call(
        base,
        'GET',
        `/api/comments?post=${encodeURIComponent(postId)}&sort=top&limit=1&cursor=${top.body.next}`
      );
      assert.equal(next.body.comments[0].id, a.id);
      assert.equal(next.body.comments[0].mine, undefined, 'without a reader id, no "mine"');
      const off = await call(base, 'DELETE', `/api/comments/${b.id}/reactions/up`, {headers: reader(1)});
      assert.deepEqual(off.body.comment.reactions, {up: 1});
      assert.equal((await call(base, 'PUT', `/api/comments/${b.id}/reactions/up`)).status, 400, 'no reader id');
      assert.equal(
        (await call(base, 'PUT', `/api/comments/${b.id}/reactions/angry`, {headers: reader(1)})).status,
        404
      );
      assert.equal((await call(base, 'PUT', '/api/comments/nope/reactions/up', {headers: reader(1)})).status, 404);
      assert.ok(!/reader_hash|rrrr/.test(top.text), 'no reader id or hash in responses');
    });

    it('answers CORS only for configured origins', async () => {
      const allowed = await call(base, 'GET', '/api/health', {headers: {origin: 'https://blog.example'}});
      assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://blog.example');
      const other = await call(base, 'GET', '/api/health', {headers: {origin: 'https://evil.example'}});
      assert.equal(other.headers.get('access-control-allow-origin'), null);
      const preflight = await call(base, 'OPTIONS', '/api/comments', {
        headers: {
          origin: 'https://blog.example',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      });
      assert.ok(preflight.status < 300);
      assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /POST/);
    });

    it('stores every one of 200 concurrent creates on one post', async () => {
      const postId = post();
      const results = await Promise.all(Array.from({length: 200}, (_, i) => create({postId, body: `concurrent ${i}`})));
      assert.deepEqual([...new Set(results.map((r) => r.status))], [201]);
      const counts = await call(base, 'GET', `/api/counts?post=${encodeURIComponent(postId)}`);
      assert.equal(counts.body.counts[postId], 200);
      const bodies = new Set<string>();
      let cursor: string | null = null;
      do {
        const res: {body: {comments: {body: string}[]; next: string | null}} = await call(
          base,
          'GET',
          `/api/comments?post=${encodeURIComponent(postId)}&limit=100${cursor ? `&cursor=${cursor}` : ''}`
        );
        for (const c of res.body.comments) bodies.add(c.body);
        cursor = res.body.next;
      } while (cursor);
      assert.equal(bodies.size, 200);
    });

    it('streams new comments of a post, and replays what a reconnecting reader missed', async () => {
      const postId = post();
      const stream = await openStream(base, postId);
      assert.equal((await stream.next()).event, 'ready');
      const first = (await create({postId, body: 'live one'})).body.comment;
      await create({postId: post(), body: 'another post'});
      const event = await stream.nextComment();
      assert.match(event.id!, /^\d+$/, "the event id is the post's sequence number");
      assert.deepEqual(JSON.parse(event.data), first);
      stream.close();
      const missed1 = (await create({postId, body: 'while away 1'})).body.comment;
      const missed2 = (await create({postId, body: 'while away 2'})).body.comment;
      const again = await openStream(base, postId, event.id);
      const replayed = [await again.nextComment(), await again.nextComment()];
      assert.deepEqual(
        replayed.map((e) => JSON.parse(e.data).id),
        [missed1.id, missed2.id]
      );
      assert.ok(
        Number(replayed[0]!.id) > Number(event.id) && Number(replayed[1]!.id) > Number(replayed[0]!.id),
        'in sequence order'
      );
      const live = (await create({postId, body: 'back'})).body.comment;
      assert.equal(JSON.parse((await again.nextComment()).data).id, live.id, 'no duplicate of the replayed comments');
      again.close();
    });

    it('starts a stream after the newest comment a page loaded, or from the start with after=""', async () => {
      const postId = post();
      const a = (await create({postId, body: 'loaded'})).body.comment;
      const {latest} = (await call(base, 'GET', `/api/comments?post=${encodeURIComponent(postId)}`)).body;
      const b = (await create({postId, body: 'posted while the page loaded'})).body.comment;
      const fromA = await openStream(base, postId, undefined, latest);
      assert.equal(JSON.parse((await fromA.nextComment()).data).id, b.id);
      fromA.close();
      // A page loaded before sequence numbers named its newest comment: that still works.
      const fromId = await openStream(base, postId, undefined, a.id);
      assert.equal(JSON.parse((await fromId.nextComment()).data).id, b.id);
      fromId.close();
      const fromStart = await openStream(base, postId, undefined, '');
      const ids = [
        JSON.parse((await fromStart.nextComment()).data).id,
        JSON.parse((await fromStart.nextComment()).data).id,
      ];
      assert.deepEqual(ids, [a.id, b.id]);
      fromStart.close();
    });
  });
}
