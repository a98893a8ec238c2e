import assert from 'node:assert/strict';
import {readdirSync} from 'node:fs';
import {request} from 'node:http';
import {fileURLToPath} from 'node:url';
import {gunzipSync} from 'node:zlib';
import {after, before, describe, it} from 'node:test';
import type {RunningServer} from '../src/server.js';
import {freshSqlite, startTestServer} from './support/harness.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A GET with node:http (no automatic decompression): status, headers and the raw bytes. */
function get(url: string, headers: Record<string, string> = {}, {firstChunk = false} = {}) {
  return new Promise<{status: number; headers: Record<string, string | string[] | undefined>; body: Buffer}>(
    (resolve, reject) => {
      const req = request(url, {headers}, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          // A stream never ends: its first bytes are enough.
          if (firstChunk) {
            resolve({status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks)});
            req.destroy();
          }
        });
        res.on('end', () => resolve({status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks)}));
      });
      req.on('error', (error) => (firstChunk ? undefined : reject(error)));
      req.end();
    }
  );
}

describe('on the wire: compression and caching', () => {
  let server: RunningServer;
  const postId = '/wire/post';
  before(async () => {
    server = await startTestServer(await freshSqlite(), {demo: ROOT});
    for (let i = 0; i < 20; i++) {
      await fetch(`${server.url}/api/comments`, {
        method: 'POST',
        headers: {'content-type': 'application/json'},
        body: JSON.stringify({
          postId,
          body: `Comment ${i}, long enough to be worth compressing: ${'words '.repeat(20)}`,
        }),
      });
    }
  });
  after(() => server.close());

  it('compresses the list and tags it, answering 304 when nothing changed', async () => {
    const url = `${server.url}/api/comments?post=${encodeURIComponent(postId)}`;
    const plain = await get(url);
    const zipped = await get(url, {'accept-encoding': 'gzip'});
    assert.equal(zipped.headers['content-encoding'], 'gzip');
    assert.ok(zipped.body.length * 3 < plain.body.length, `${zipped.body.length} gzip vs ${plain.body.length}`);
    assert.deepEqual(JSON.parse(gunzipSync(zipped.body).toString()), JSON.parse(plain.body.toString()));
    assert.match(String(zipped.headers.vary), /Accept-Encoding/i);
    const tag = String(plain.headers.etag);
    assert.ok(tag);
    const again = await get(url, {'if-none-match': tag});
    assert.equal(again.status, 304);
    assert.equal(again.body.length, 0);
    await fetch(`${server.url}/api/comments`, {
      method: 'POST',
      headers: {'content-type': 'application/json'},
      body: JSON.stringify({postId, body: 'a change'}),
    });
    assert.equal((await get(url, {'if-none-match': tag})).status, 200, 'a change makes a new answer');
  });

  it('compresses the fragment, the demo page and the built files; hashed files are cached for good', async () => {
    for (const path of [`/api/comments.html?post=${encodeURIComponent(postId)}`, '/demo/', '/dist/confab.js']) {
      const res = await get(`${server.url}${path}`, {'accept-encoding': 'gzip'});
      assert.equal(res.status, 200, path);
      if (res.body.length > 1024 || path !== '/dist/confab.js')
        assert.equal(res.headers['content-encoding'], 'gzip', path);
    }
    const main = readdirSync(`${ROOT}/dist`).find((f) => /^confab-main-.+\.js$/.test(f))!;
    const file = await get(`${server.url}/dist/${main}`, {'accept-encoding': 'gzip'});
    assert.equal(file.headers['content-encoding'], 'gzip');
    assert.equal(file.headers['cache-control'], 'public, max-age=31536000, immutable');
    const loader = await get(`${server.url}/dist/confab.js`);
    assert.equal(loader.headers['cache-control'], 'public, max-age=300');
    assert.equal((await get(`${server.url}/dist/${main}`, {'if-none-match': String(file.headers.etag)})).status, 304);
  });

  it('leaves the live stream uncompressed and unbuffered', async () => {
    const res = await get(
      `${server.url}/api/stream?post=${encodeURIComponent(postId)}`,
      {'accept-encoding': 'gzip'},
      {firstChunk: true}
    );
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-encoding'], undefined);
    assert.match(String(res.headers['content-type']), /text\/event-stream/);
    assert.ok(res.body.length > 0, 'the first event arrives at once');
  });
});
