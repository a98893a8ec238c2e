import assert from 'node:assert/strict';
import {writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import type {RunningServer} from '../src/server.js';
import {startServer} from '../src/server.js';
import {BACKENDS, call, testConfig} from './support/harness.js';

const reader = (n: number) => ({'x-confab-reader': `reader${n}`.padEnd(43, 'x')});

for (const backend of BACKENDS) {
  describe(`spam defence on ${backend.name}: held, never dropped`, () => {
    let server: RunningServer;
    let base: string;
    before(async () => {
      const words = join(tmpdir(), `confab-words-${process.pid}.txt`);
      writeFileSync(words, 'cheap pills\ncasino\n');
      server = await startServer(
        testConfig(await backend.database(), {minSubmitSeconds: 2, maxLinks: 2, blockedWords: words, postRateLimit: 0}),
        {checkers: [({comment}) => (comment.body.includes('external-spam') ? 'spam' : undefined)]}
      );
      base = server.url;
    });
    after(() => server.close());

    const post = () => `/moderated/${Math.random().toString(36).slice(2)}`;
    const create = (json: Record<string, unknown>, n = 1) =>
      call(base, 'POST', '/api/comments', {json: {elapsedMs: 30_000, ...json}, headers: reader(n)});
    const listFor = async (postId: string, n?: number) =>
      (await call(base, 'GET', `/api/comments?post=${encodeURIComponent(postId)}`, {headers: n ? reader(n) : {}})).body
        .comments as {
        body: string;
        status?: string;
      }[];

    let nextReader = 100;
    const held = async (json: Record<string, unknown>, what: string) => {
      const postId = post();
      const author = nextReader++;
      const res = await create({postId, ...json}, author);
      assert.equal(res.status, 201, `${what}: accepted, not refused`);
      assert.equal(res.body.comment.status, 'pending', `${what}: shown to its author as awaiting approval`);
      assert.deepEqual(await listFor(postId, 2), [], `${what}: hidden from other readers`);
      const own = await listFor(postId, author);
      assert.equal(own.length, 1, `${what}: its author still sees it`);
      assert.equal(own[0]!.status, 'pending');
      const counts = await call(base, 'GET', `/api/counts?post=${encodeURIComponent(postId)}`);
      assert.equal(counts.body.counts[postId], 0, `${what}: not counted`);
    };

    it('publishes an ordinary comment at once (moderation off)', async () => {
      const postId = post();
      const res = await create({postId, body: 'A thoughtful comment.'});
      assert.equal(res.body.comment.status, undefined);
      assert.equal((await listFor(postId, 2)).length, 1);
    });

    it('holds a comment whose honeypot is filled', () =>
      held({body: 'hello', website: 'http://spam.example'}, 'honeypot'));
    it('holds a comment sent instantly after the form was shown', () =>
      held({body: 'quick', elapsedMs: 300}, 'instant'));
    it("holds a first-time commenter's comment with 20 links", () =>
      held({body: Array.from({length: 20}, (_, i) => `https://l${i}.example`).join(' ')}, 'links'));
    it('holds a comment with a blocked word', () => held({body: 'Visit my CASINO now'}, 'word list'));
    it('holds what a site checker calls spam', () => held({body: 'this is external-spam'}, 'checker'));

    it('holds the second of two identical comments, but not a short common phrase', async () => {
      const postId = post();
      const first = await create({postId, body: 'Same words, twice.'}, 3);
      assert.equal(first.body.comment.status, undefined);
      const second = await create({postId: post(), body: 'same   WORDS, twice.'}, 3);
      assert.equal(second.body.comment.status, 'pending', 'the same commenter elsewhere');
      const third = await create({postId, body: 'Same words, twice.'}, 4);
      assert.equal(third.body.comment.status, 'pending', 'someone else on the same post');
      const thanks = await create({postId, body: 'Thanks!'}, 5);
      const again = await create({postId, body: 'thanks!'}, 6);
      assert.equal(thanks.body.comment.status, undefined);
      assert.equal(again.body.comment.status, undefined);
    });
  });
}

describe('moderation modes and limits', () => {
  it("first-time mode holds a commenter's first comment and publishes later ones", async () => {
    const server = await startServer(testConfig(await BACKENDS[0]!.database(), {moderation: 'first-time'}));
    try {
      const first = await call(server.url, 'POST', '/api/comments', {
        json: {postId: '/ft', body: 'hello'},
        headers: reader(7),
      });
      assert.equal(first.body.comment.status, 'pending');
      // Until an admin approves it, the commenter is still a first-timer.
      const second = await call(server.url, 'POST', '/api/comments', {
        json: {postId: '/ft', body: 'again'},
        headers: reader(7),
      });
      assert.equal(second.body.comment.status, 'pending');
    } finally {
      await server.close();
    }
  });

  it('rate-limits 100 posts from one address in a minute with 429 and Retry-After, keeping the earlier ones', async () => {
    const server = await startServer(testConfig(await BACKENDS[0]!.database(), {rateLimit: 5, rateWindowSeconds: 60}));
    try {
      const answers = [];
      for (let i = 0; i < 100; i++) {
        answers.push(await call(server.url, 'POST', '/api/comments', {json: {postId: '/flood', body: `flood ${i}`}}));
      }
      assert.deepEqual(
        answers.slice(0, 5).map((a) => a.status),
        [201, 201, 201, 201, 201]
      );
      assert.ok(answers.slice(5).every((a) => a.status === 429 && Number(a.headers.get('retry-after')) > 0));
      const listed = await call(server.url, 'GET', '/api/comments?post=/flood');
      assert.deepEqual(
        listed.body.comments.map((c: {body: string}) => c.body),
        ['flood 0', 'flood 1', 'flood 2', 'flood 3', 'flood 4']
      );
    } finally {
      await server.close();
    }
  });

  it('limits comments per post from everyone', async () => {
    const server = await startServer(
      testConfig(await BACKENDS[0]!.database(), {postRateLimit: 3, trustProxy: ['127.0.0.1', '::1']})
    );
    try {
      const statuses = [];
      for (let i = 0; i < 5; i++) {
        const res = await call(server.url, 'POST', '/api/comments', {
          json: {postId: '/busy', body: `from client ${i}`},
          headers: {'x-forwarded-for': `203.0.113.${i}`},
        });
        statuses.push(res.status);
      }
      assert.deepEqual(statuses, [201, 201, 201, 429, 429]);
    } finally {
      await server.close();
    }
  });
});
