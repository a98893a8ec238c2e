import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {ListCache} from '../src/list-cache.js';
import type {RunningServer} from '../src/server.js';
import {ADMIN_SECRET, BACKENDS, call, startTestServer} from './support/harness.js';

const admin = {authorization: `Bearer ${ADMIN_SECRET}`};
const reader = (n: number) => ({'x-confab-reader': `cache-reader-${n}`.padEnd(43, 'x')});

for (const backend of BACKENDS) {
  describe(`kept lists on ${backend.name}`, () => {
    let server: RunningServer;
    let base: string;
    before(async () => {
      server = await startTestServer(await backend.database(), {reportThreshold: 1});
      base = server.url;
    });
    after(() => server.close());

    let n = 0;
    const post = () => `/cache/${backend.name}/${++n}`;
    /** The list as a reader without an id gets it (the kept one, when nothing changed). */
    const list = async (postId: string, query = '') => {
      const answer = await call(base, 'GET', `/api/comments?post=${encodeURIComponent(postId)}${query}`);
      assert.equal(answer.status, 200);
      return answer.body as {comments: {id: string; body: string; reactions?: object; pinned?: boolean}[]} & {
        closed?: boolean;
        total?: number;
      };
    };
    const create = async (postId: string, body: string, extra: object = {}) =>
      (await call(base, 'POST', '/api/comments', {json: {postId, body, ...extra}, headers: reader(1)})).body;

    it('gives way to every change of the post, at once, in the process that made it', async () => {
      const postId = post();
      const first = await create(postId, 'first');
      assert.deepEqual(
        (await list(postId)).comments.map((c) => c.body),
        ['first']
      );
      assert.deepEqual(
        (await list(postId)).comments.map((c) => c.body),
        ['first'],
        'asked again, unchanged'
      );

      const second = await create(postId, 'second');
      assert.deepEqual(
        (await list(postId)).comments.map((c) => c.body),
        ['first', 'second'],
        'a new comment'
      );
      assert.equal((await list(postId)).total, 2);

      await call(base, 'PUT', `/api/comments/${first.comment.id}/reactions/up`, {headers: reader(2)});
      assert.deepEqual((await list(postId)).comments[0]!.reactions, {up: 1}, 'a reaction');

      await call(base, 'PATCH', `/api/comments/${second.comment.id}`, {
        json: {body: 'second, edited'},
        headers: {authorization: `Bearer ${second.token}`},
      });
      assert.equal((await list(postId)).comments[1]!.body, 'second, edited', 'an edit');

      await call(base, 'POST', `/api/admin/comments/${second.comment.id}`, {json: {action: 'pin'}, headers: admin});
      assert.equal((await list(postId)).comments[0]!.id, second.comment.id, 'a pin');

      await call(base, 'PUT', '/api/admin/posts', {json: {postId, closed: true}, headers: admin});
      assert.equal((await list(postId)).closed, true, 'closing the thread');
      await call(base, 'PUT', '/api/admin/posts', {json: {postId, closed: false}, headers: admin});
      assert.equal((await list(postId)).closed, undefined, 'opening it again');

      await call(base, 'PUT', `/api/comments/${first.comment.id}/report`, {headers: reader(3)});
      assert.deepEqual(
        (await list(postId)).comments.map((c) => c.id),
        [second.comment.id],
        'a report that holds it'
      );

      await call(base, 'POST', `/api/admin/comments/${first.comment.id}`, {json: {action: 'approve'}, headers: admin});
      assert.equal((await list(postId)).comments.length, 2, 'approval');

      await call(base, 'DELETE', `/api/comments/${second.comment.id}`, {
        headers: {authorization: `Bearer ${second.token}`},
      });
      assert.deepEqual(
        (await list(postId)).comments.map((c) => c.id),
        [first.comment.id],
        'a deletion'
      );
    });

    it('keeps each page and order apart, and answers 304 to a tag it gave', async () => {
      const postId = post();
      for (const body of ['one', 'two', 'three']) await create(postId, body);
      const page = await list(postId, '&limit=2');
      assert.deepEqual(
        page.comments.map((c) => c.body),
        ['one', 'two']
      );
      assert.deepEqual(
        (await list(postId, '&sort=newest&limit=2')).comments.map((c) => c.body),
        ['three', 'two']
      );
      const next = await list(postId, `&limit=2&cursor=${(page as unknown as {next: string}).next}`);
      assert.deepEqual(
        next.comments.map((c) => c.body),
        ['three']
      );
      const tagged = await call(base, 'GET', `/api/comments?post=${encodeURIComponent(postId)}&limit=2`);
      const etag = tagged.headers.get('etag')!;
      assert.match(tagged.headers.get('vary') ?? '', /X-Confab-Reader/);
      const again = await call(base, 'GET', `/api/comments?post=${encodeURIComponent(postId)}&limit=2`, {
        headers: {'if-none-match': etag},
      });
      assert.equal(again.status, 304);
      await create(postId, 'four');
      const changed = await call(base, 'GET', `/api/comments?post=${encodeURIComponent(postId)}&limit=2`, {
        headers: {'if-none-match': etag},
      });
      assert.equal(changed.status, 200, 'the tag of an answer from before the change no longer matches');
    });

    it('never gives a reader with an id the list of readers without one', async () => {
      const postId = post();
      await create(postId, 'published');
      assert.equal((await list(postId)).comments.length, 1);
      // Held as spam by a moderator: its author still sees it (as "awaiting approval").
      const held = await create(postId, 'mine, held');
      await call(base, 'POST', `/api/admin/comments/${held.comment.id}`, {json: {action: 'spam'}, headers: admin});
      assert.equal((await list(postId)).comments.length, 1, 'others do not see it');
      const own = await call(base, 'GET', `/api/comments?post=${encodeURIComponent(postId)}`, {headers: reader(1)});
      assert.deepEqual(
        own.body.comments.map((c: {body: string}) => c.body),
        ['published', 'mine, held'],
        'its author does'
      );
    });

    it('answers a kept list before routing, as the route does, plain or compressed, and 304', async () => {
      const postId = post();
      for (let i = 0; i < 12; i++) await create(postId, `A comment long enough to be worth compressing, number ${i}.`);
      const path = `/api/comments?post=${encodeURIComponent(postId)}&limit=10`;
      const shape = (a: Awaited<ReturnType<typeof call>>) => ({
        status: a.status,
        body: a.text,
        ...Object.fromEntries(
          ['content-type', 'cache-control', 'vary', 'etag', 'x-content-type-options', 'content-encoding'].map(
            (name) => [name, a.headers.get(name)]
          )
        ),
      });
      for (const encoding of ['identity', 'br', 'gzip']) {
        const headers = {'accept-encoding': encoding};
        // Another order first, so that this one is read by the route (and kept), then served kept.
        await create(postId, `and one more before ${encoding}`);
        const hits = server.lists.hits;
        const routed = await call(base, 'GET', path, {headers});
        assert.equal(server.lists.hits, hits, 'the first read goes to the database');
        const kept = await call(base, 'GET', path, {headers});
        assert.equal(server.lists.hits, hits + 1, 'the second is kept');
        assert.deepEqual(shape(kept), shape(routed));
        assert.equal(kept.headers.get('content-encoding'), encoding === 'identity' ? null : encoding);
        const again = await call(base, 'GET', path, {
          headers: {...headers, 'if-none-match': kept.headers.get('etag')!},
        });
        assert.equal(again.status, 304);
      }
      // Cross-origin requests (their CORS headers) and readers with an id go to the app.
      const hits = server.lists.hits;
      await call(base, 'GET', path, {headers: {origin: 'https://elsewhere.example'}});
      await call(base, 'GET', path, {headers: reader(1)});
      assert.equal(server.lists.hits, hits + 1, 'only the cross-origin one may use a kept list, through the app');
    });

    it('lists the threads about a passage alone, all in one answer past any page size, and keeps it', async () => {
      const postId = post();
      const anchor = {quote: 'lead', prefix: '', suffix: '', position: 0};
      const inline: string[] = [];
      for (let i = 0; i < 130; i++) {
        const c = await create(postId, `comment ${i}`, i % 40 === 39 ? {anchor} : {});
        if (i % 40 === 39) inline.push(c.comment.id);
      }
      const reply = await create(postId, 'a reply to an inline one', {parentId: inline[2]});
      const path = `/api/comments?post=${encodeURIComponent(postId)}&anchored=1&limit=1`;
      const answer = await call(base, 'GET', path);
      assert.equal(answer.status, 200);
      assert.deepEqual(
        answer.body.comments.map((c: {id: string}) => c.id),
        [...inline, reply.comment.id],
        'every inline thread, limit and cursor aside'
      );
      assert.equal(answer.body.next, null);
      const hits = server.lists.hits;
      assert.equal((await call(base, 'GET', path)).text, answer.text);
      assert.equal(server.lists.hits, hits + 1, 'kept');
      await create(postId, 'one more inline', {anchor});
      assert.equal((await call(base, 'GET', path)).body.comments.length, 5, 'and let go at a change');
      assert.equal((await call(base, 'GET', path.replace('anchored=1', 'anchored=yes'))).status, 400);
    });

    it('keeps no answer read before a change that came in while it was read', async () => {
      const cache = new ListCache();
      await cache.start(server.store);
      try {
        const answer = {body: '{}', etag: '"x"'};
        const ticket = cache.ticket('/p');
        cache.changed('/p');
        cache.put(ticket, '/p', 'k', answer, Date.now() + 1000);
        assert.equal(cache.get('/p', 'k'), undefined, 'read before the change: not kept');
        cache.put(cache.ticket('/p'), '/p', 'k', answer, Date.now() + 1000);
        assert.equal(cache.get('/p', 'k'), answer, 'read after it: kept');
        const before = cache.ticket('/p');
        cache.changed(null);
        assert.equal(cache.get('/p', 'k'), undefined, 'any post may have changed: nothing kept');
        cache.put(before, '/p', 'k', answer, Date.now() + 1000);
        assert.equal(cache.get('/p', 'k'), undefined);
        cache.put(cache.ticket('/p'), '/p', 'k', answer, Date.now() - 1);
        assert.equal(cache.get('/p', 'k'), undefined, 'past its time: gone');
      } finally {
        await cache.stop();
      }
    });
  });
}
