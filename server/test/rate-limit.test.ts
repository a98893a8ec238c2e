import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import type {RunningServer} from '../src/server.js';
import {BACKENDS, call, startTestServer} from './support/harness.js';

for (const backend of BACKENDS) {
  describe(`rate limits on ${backend.name}`, () => {
    let direct: RunningServer;
    let proxied: RunningServer;
    before(async () => {
      direct = await startTestServer(await backend.database(), {rateLimit: 3, rateWindowSeconds: 60});
      proxied = await startTestServer(await backend.database(), {
        rateLimit: 3,
        rateWindowSeconds: 60,
        trustProxy: ['127.0.0.1', '::1'],
      });
    });
    after(async () => {
      await direct.close();
      await proxied.close();
    });

    const create = (server: RunningServer, body: string, forwardedFor?: string) =>
      call(server.url, 'POST', '/api/comments', {
        json: {postId: '/limited', body},
        headers: forwardedFor ? {'x-forwarded-for': forwardedFor} : {},
      });

    it('answers 429 with Retry-After past the limit, keeping the earlier comments', async () => {
      for (let i = 0; i < 3; i++) assert.equal((await create(direct, `ok ${i}`)).status, 201);
      const refused = await create(direct, 'one too many');
      assert.equal(refused.status, 429);
      assert.equal(refused.body.error.code, 'rate-limited');
      const retryAfter = Number(refused.headers.get('retry-after'));
      assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60, `Retry-After: ${retryAfter}`);
      const listed = await call(direct.url, 'GET', '/api/comments?post=/limited');
      assert.deepEqual(
        listed.body.comments.map((c: {body: string}) => c.body),
        ['ok 0', 'ok 1', 'ok 2']
      );
    });

    it('ignores X-Forwarded-For from a peer that is not a trusted proxy', async () => {
      const spoofed = await create(direct, 'new address?', '198.51.100.99');
      assert.equal(spoofed.status, 429);
    });

    it('believes X-Forwarded-For from a trusted proxy, one bucket per client', async () => {
      for (let i = 0; i < 3; i++) assert.equal((await create(proxied, `a ${i}`, '203.0.113.7')).status, 201);
      assert.equal((await create(proxied, 'a again', '203.0.113.7')).status, 429);
      assert.equal((await create(proxied, 'b', '203.0.113.8')).status, 201);
      // A client cannot escape by prepending its own hops: the right-most untrusted address counts.
      assert.equal((await create(proxied, 'a spoofing', '10.9.9.9, 203.0.113.7')).status, 429);
    });

    it('counts IPv6 clients by their /64', async () => {
      for (let i = 0; i < 3; i++)
        assert.equal((await create(proxied, `v6 ${i}`, `2001:db8:1:2::${i + 1}`)).status, 201);
      assert.equal((await create(proxied, 'same /64', '2001:db8:1:2:ffff:ffff:ffff:fff0')).status, 429);
      assert.equal((await create(proxied, 'next /64', '2001:db8:1:3::1')).status, 201);
    });
  });
}
