import assert from 'node:assert/strict';
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import {describe, it} from 'node:test';
import {startServer} from '../src/server.js';
import {sign} from '../src/webhook.js';
import {call, freshSqlite, testConfig} from './support/harness.js';

const SECRET = 'webhook-secret-for-tests';

describe('webhook', () => {
  it('signs each delivery, retries a failing endpoint, and never holds up the reader', async () => {
    const received: {headers: IncomingMessage['headers']; body: string}[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let calls = 0;
    const receiver = createServer((req: IncomingMessage, res: ServerResponse) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', async () => {
        calls++;
        if (calls === 1) {
          // The first delivery waits until the reader has been answered, then fails.
          await gate;
          res.writeHead(503).end();
          return;
        }
        received.push({headers: req.headers, body});
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    const server = await startServer(
      testConfig(await freshSqlite(), {webhook: url, webhookSecret: SECRET, moderation: 'first-time'}),
      {webhookRetryDelays: [10, 10, 10]}
    );
    try {
      const created = await call(server.url, 'POST', '/api/comments', {
        json: {postId: '/hooked', body: 'tell the site'},
      });
      assert.equal(created.status, 201, 'answered while the webhook endpoint was still busy');
      release();
      while (!received.length) await new Promise((r) => setTimeout(r, 10));
      const [delivery] = received;
      assert.equal(calls, 2, 'retried once after the 503');
      assert.equal(delivery!.headers['x-confab-event'], 'comment.pending');
      assert.equal(delivery!.headers['x-confab-signature'], sign(SECRET, delivery!.body));
      const payload = JSON.parse(delivery!.body);
      assert.equal(payload.event, 'comment.pending');
      assert.equal(payload.comment.id, created.body.comment.id);
      assert.ok(!/ip_?hash|token/i.test(delivery!.body), 'nothing private in the payload');
    } finally {
      await server.close();
      receiver.close();
    }
  });

  it('refuses a webhook without a secret to sign it', async () => {
    const {loadConfig} = await import('../src/config.js');
    assert.throws(() => loadConfig(['--webhook', 'https://hooks.example/x'], {}), /needs --webhook-secret/);
  });
});
