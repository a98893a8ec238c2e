/**
 * What an outside red team broke, one regression test each: held comments reaching other readers (replay, reactions,
 * latest), edits that escape moderation, stuffed reactions, unbounded streams and replays, blocking the default name,
 * a reused connection after a 413, and the headers of served pages. Both databases.
 */
import assert from 'node:assert/strict';
import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {request} from 'node:http';
import {after, before, describe, it} from 'node:test';
import type {RunningServer} from '../src/server.js';
import {ADMIN_SECRET, BACKENDS, call, openStream, startTestServer, type StreamEvent} from './support/harness.js';

const reader = (n: number) => ({'x-confab-reader': `hardening${n}`.padEnd(43, 'z')});
const admin = {authorization: `Bearer ${ADMIN_SECRET}`};
const PUBLIC_KEYS = new Set([
  'id',
  'postId',
  'parentId',
  'author',
  'body',
  'createdAt',
  'editedAt',
  'isPostAuthor',
  'deleted',
  'reactions',
  'mine',
  'status',
  'anchor',
]);

/** Every key of every comment in a response is a public one. */
function onlyPublic(comments: Record<string, unknown>[], what: string) {
  for (const c of comments)
    for (const key of Object.keys(c)) assert.ok(PUBLIC_KEYS.has(key), `${what}: ${key} left the server`);
}

/** Reads events until `done` says stop (or the stream has nothing more for a moment). */
async function collect(stream: Awaited<ReturnType<typeof openStream>>, count: number): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  while (events.length < count) {
    const event = await stream.next();
    if (event.event !== 'ready') events.push(event);
  }
  return events;
}

for (const backend of BACKENDS) {
  describe(`hardening on ${backend.name}`, () => {
    let server: RunningServer;
    let base: string;
    before(async () => {
      server = await startTestServer(await backend.database(), {
        maxLinks: 2,
        replayLimit: 5,
        maxStreamsPerClient: 3,
        reactionsPerClient: 3,
      });
      base = server.url;
    });
    after(() => server.close());

    const post = () => `/hardening/${Math.random().toString(36).slice(2)}`;
    const create = (json: Record<string, unknown>, n = 1) =>
      call(base, 'POST', '/api/comments', {json, headers: reader(n)});
    const list = async (postId: string, n?: number) =>
      (await call(base, 'GET', `/api/comments?post=${encodeURIComponent(postId)}`, {headers: n ? reader(n) : {}})).body;

    it("never sends a held comment, or its author's hash, to other readers: list, thread, replay, reactions, counts", async () => {
      const postId = post();
      const published = (await create({postId, body: 'A fine comment.'}, 1)).body.comment;
      const stream = await openStream(base, postId, undefined, '');
      // A bot filling the honeypot: held as spam, answered as "awaiting approval".
      const spam = (await create({postId, body: 'Buy now https://spam.example', website: 'https://spam.example'}, 2))
        .body;
      assert.equal(spam.comment.status, 'pending');
      const after = (await create({postId, body: 'Another fine comment.'}, 3)).body.comment;
      const events = await collect(stream, 2);
      stream.close();
      assert.deepEqual(
        events.map((e) => JSON.parse(e.data).id),
        [published.id, after.id],
        'live: the held one is skipped'
      );
      // A reader reconnecting from the very start, and from before the spam (as after a deploy): replay skips it too.
      for (const [lastId, query] of [
        [undefined, ''],
        [events[0]!.id, undefined],
      ] as const) {
        const again = await openStream(base, postId, lastId, query);
        const replayed = await collect(again, lastId ? 1 : 2);
        again.close();
        assert.ok(
          replayed.every((e) => e.event === 'comment' && JSON.parse(e.data).id !== spam.comment.id),
          'replay: never the held one'
        );
        for (const e of replayed) onlyPublic([JSON.parse(e.data)], 'replay');
        assert.ok(!replayed.some((e) => e.data.includes('spam.example')));
      }
      const listed = await list(postId, 3);
      assert.deepEqual(
        listed.comments.map((c: {id: string}) => c.id),
        [published.id, after.id]
      );
      onlyPublic(listed.comments, 'list');
      assert.match(listed.latest, /^\d+$/, "latest is a sequence number, never a held comment's id");
      const own = await list(postId, 2);
      assert.ok(
        own.comments.some((c: {id: string; status?: string}) => c.id === spam.comment.id && c.status === 'pending'),
        'its author sees it'
      );
      onlyPublic(own.comments, 'own list');
      const thread = await call(base, 'GET', `/api/comments/${spam.comment.id}/thread`, {headers: reader(3)});
      assert.equal(thread.status, 404);
      const reacted = await call(base, 'PUT', `/api/comments/${spam.comment.id}/reactions/up`, {headers: reader(4)});
      assert.equal(reacted.status, 404);
      assert.ok(!reacted.text.includes('spam.example'), 'no text through a reaction');
      assert.equal((await call(base, 'GET', `/api/counts?post=${encodeURIComponent(postId)}`)).body.counts[postId], 2);
    });

    it('moderates an edit like a new comment: link spam goes back to the queue, and away from open pages', async () => {
      const postId = post();
      const {comment, token} = (await create({postId, body: 'Innocent words.'}, 5)).body;
      const stream = await openStream(base, postId);
      assert.equal((await stream.next()).event, 'ready');
      const spammy = 'Now see https://a.example https://b.example https://c.example';
      const edited = await call(base, 'PATCH', `/api/comments/${comment.id}`, {
        json: {body: spammy},
        headers: {authorization: `Bearer ${token}`, ...reader(5)},
      });
      assert.equal(edited.status, 200);
      assert.equal(edited.body.comment.status, 'pending', 'its author is told it awaits approval');
      const removal = await stream.next();
      stream.close();
      assert.equal(removal.event, 'remove');
      assert.deepEqual(JSON.parse(removal.data), {id: comment.id});
      assert.deepEqual((await list(postId, 6)).comments, [], 'gone for other readers');
      const queue = await call(base, 'GET', '/api/admin/comments?queue=pending', {headers: admin});
      assert.ok(queue.body.comments.some((c: {id: string}) => c.id === comment.id));
      // Approved, it is back for everyone.
      await call(base, 'POST', `/api/admin/comments/${comment.id}`, {json: {action: 'approve'}, headers: admin});
      assert.equal((await list(postId, 6)).comments[0].body, spammy);
    });

    it('holds every edit under --moderation all', async () => {
      const strict = await startTestServer(await backend.database(), {moderation: 'all'});
      try {
        const postId = post();
        const {comment, token} = (
          await call(strict.url, 'POST', '/api/comments', {json: {postId, body: 'Held first.'}, headers: reader(7)})
        ).body;
        await call(strict.url, 'POST', `/api/admin/comments/${comment.id}`, {
          json: {action: 'approve'},
          headers: admin,
        });
        const edited = await call(strict.url, 'PATCH', `/api/comments/${comment.id}`, {
          json: {body: 'Changed after approval.'},
          headers: {authorization: `Bearer ${token}`},
        });
        assert.equal(edited.body.comment.status, 'pending');
        assert.deepEqual(
          (await call(strict.url, 'GET', `/api/comments?post=${encodeURIComponent(postId)}`)).body.comments,
          []
        );
      } finally {
        await strict.close();
      }
    });

    it('limits edits of one comment', async () => {
      const {comment, token} = (await create({postId: post(), body: 'v0'})).body;
      const statuses = [];
      for (let i = 1; i <= 11; i++) {
        statuses.push(
          (
            await call(base, 'PATCH', `/api/comments/${comment.id}`, {
              json: {body: `v${i}`},
              headers: {authorization: `Bearer ${token}`},
            })
          ).status
        );
      }
      assert.deepEqual(statuses, [...Array(10).fill(200), 429]);
    });

    it('refuses stuffed reactions: made-up reader ids from one address count up to the cap, then 429', async () => {
      const postId = post();
      const target = (await create({postId, body: 'Upvote me'})).body.comment;
      const rival = (await create({postId, body: 'Or me'})).body.comment;
      await call(base, 'PUT', `/api/comments/${rival.id}/reactions/up`, {headers: reader(900)});
      const statuses: number[] = [];
      for (let i = 0; i < 300; i++) {
        const id = `stuffed${i}`.padEnd(43, 'q');
        statuses.push(
          (await call(base, 'PUT', `/api/comments/${target.id}/reactions/up`, {headers: {'x-confab-reader': id}}))
            .status
        );
      }
      assert.deepEqual(statuses.slice(0, 3), [200, 200, 200], 'the cap: three readers of one client per comment');
      assert.ok(statuses.slice(3).every((s) => s === 429));
      const top = (await call(base, 'GET', `/api/comments?post=${encodeURIComponent(postId)}&sort=top`)).body.comments;
      assert.equal(top[0].id, target.id);
      assert.equal(top[0].reactions.up, 3, 'not 300');
    });

    it('limits reactions per client per minute, with Retry-After', async () => {
      const limited = await startTestServer(await backend.database(), {reactionLimit: 5});
      try {
        const {comment} = (await call(limited.url, 'POST', '/api/comments', {json: {postId: post(), body: 'x'}})).body;
        const statuses = [];
        for (let i = 0; i < 7; i++) {
          statuses.push(
            await call(limited.url, i % 2 ? 'DELETE' : 'PUT', `/api/comments/${comment.id}/reactions/heart`, {
              headers: reader(8),
            })
          );
        }
        assert.deepEqual(
          statuses.map((s) => s.status),
          [200, 200, 200, 200, 200, 429, 429]
        );
        assert.ok(Number(statuses[5]!.headers.get('retry-after')) > 0);
      } finally {
        await limited.close();
      }
    });

    it('caps live streams per client with 429', async () => {
      const postId = post();
      const open = await Promise.all([1, 2, 3].map(() => openStream(base, postId)));
      const refused = await call(base, 'GET', `/api/stream?post=${encodeURIComponent(postId)}`);
      assert.equal(refused.status, 429);
      assert.equal(refused.body.error.code, 'too-many-streams');
      assert.ok(refused.headers.get('retry-after'));
      open[0]!.close();
      // The closed one is given back.
      let again: Awaited<ReturnType<typeof openStream>> | undefined;
      for (let i = 0; i < 50 && !again; i++) {
        again = await openStream(base, postId).catch(() => undefined);
        if (!again) await new Promise((r) => setTimeout(r, 20));
      }
      assert.ok(again, 'a stream can be opened again once one is closed');
      for (const s of [again!, ...open.slice(1)]) s.close();
    });

    it('bounds the replay: a reader further behind gets a reset, then live changes', async () => {
      const postId = post();
      for (let i = 0; i < 7; i++) await create({postId, body: `c${i}`});
      const stream = await openStream(base, postId, undefined, '');
      const [reset] = await collect(stream, 1);
      assert.equal(reset!.event, 'reset');
      const live = (await create({postId, body: 'after the reset'})).body.comment;
      const [next] = await collect(stream, 1);
      stream.close();
      assert.equal(JSON.parse(next!.data).id, live.id);
      // Within the bound, a replay.
      const near = await openStream(base, postId, String(Number(reset!.id) - 2));
      const replayed = await collect(near, 3);
      near.close();
      assert.deepEqual(
        replayed.map((e) => e.event),
        ['comment', 'comment', 'comment']
      );
    });

    it('refuses to block the default name, which every anonymous reader has', async () => {
      const postId = post();
      const anonymous = (await create({postId, body: 'no name given'})).body.comment;
      assert.equal(anonymous.author, 'Anonymous');
      const res = await call(base, 'POST', `/api/admin/comments/${anonymous.id}`, {
        json: {action: 'block-name'},
        headers: admin,
      });
      assert.equal(res.status, 400);
      assert.equal(res.body.error.code, 'cannot-block-default-name');
      assert.match(res.body.error.message, /block the address instead/);
      assert.equal(
        (await create({postId, body: 'still welcome'}, 9)).body.comment.status,
        undefined,
        'other anonymous readers still post'
      );
    });

    it('closes the connection after a 413, so a client that pools connections is not broken', async () => {
      const {Agent} = await import('node:http');
      const keepAlive = new Agent({keepAlive: true, maxSockets: 1});
      // A body sent in chunks (no Content-Length) is refused while it streams, with most of it unread.
      const send = (chunks: string[]) =>
        new Promise<{status: number; connection: string | undefined} | Error>((resolve) => {
          const headers = {'content-type': 'application/json', 'transfer-encoding': 'chunked'};
          const req = request(`${base}/api/comments`, {method: 'POST', agent: keepAlive, headers}, (res) => {
            res.resume();
            res.on('end', () => resolve({status: res.statusCode!, connection: res.headers.connection}));
          });
          req.on('error', resolve);
          req.on('socket', (socket) => socket.on('error', () => {}));
          for (const chunk of chunks) req.write(chunk);
          req.end();
        });
      try {
        const big = await send(Array(50).fill('x'.repeat(4000)));
        assert.ok(!(big instanceof Error), String(big));
        assert.equal(big.status, 413);
        assert.equal(big.connection, 'close');
        // The next request on the same pool goes through (without the fix: "socket hang up").
        const ok = await send([JSON.stringify({postId: post(), body: 'fits'})]);
        assert.ok(!(ok instanceof Error), `the next request failed: ${ok}`);
        assert.equal(ok.status, 201);
      } finally {
        keepAlive.destroy();
      }
    });
  });

  describe(`served pages on ${backend.name}`, () => {
    let server: RunningServer;
    before(async () => {
      const root = mkdtempSync(join(tmpdir(), 'confab-pages-'));
      mkdirSync(join(root, 'demo'));
      mkdirSync(join(root, 'dist'));
      writeFileSync(join(root, 'demo', 'index.html'), '<!doctype html><title>demo</title>');
      writeFileSync(join(root, 'dist', 'confab.js'), 'void 0;');
      server = await startTestServer(await backend.database(), {demo: root});
    });
    after(() => server.close());

    it('sends nosniff and a Referrer-Policy with the demo pages and the built files', async () => {
      for (const path of ['/demo/', '/demo/index.html', '/dist/confab.js']) {
        const res = await call(server.url, 'GET', path);
        assert.equal(res.status, 200, path);
        assert.equal(res.headers.get('x-content-type-options'), 'nosniff', path);
        assert.equal(res.headers.get('referrer-policy'), 'strict-origin-when-cross-origin', path);
      }
    });
  });
}
