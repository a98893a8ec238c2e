import {expect} from '@open-wc/testing';
import {RestAdapter} from '../../src/adapters/rest.js';
import {memoryTokens} from '../../src/adapters/tokens.js';
import {ConfabError} from '../../src/core/errors.js';
import {runAdapterContract} from '../../src/testing.js';
import {serverEndpoint} from '../support/server.js';
import {uniquePostId, until} from '../support/helpers.js';

const endpoint = await serverEndpoint();

runAdapterContract('RestAdapter against a real Confab server', {create: () => new RestAdapter({endpoint})});

describe('RestAdapter', () => {
  it('keeps the edit token in IndexedDB, so a new page in this browser can edit and delete', async () => {
    const postId = uniquePostId('rest-own');
    const created = await new RestAdapter({endpoint}).create(postId, {parentId: null, author: 'A', body: 'typo'});
    const later = new RestAdapter({endpoint});
    expect(await later.owned()).to.include(created.id);
    const edited = await later.update(postId, created.id, {body: 'fixed'});
    expect(edited.body).to.equal('fixed');
    expect(edited.editedAt).to.be.a('string');
    await later.remove(postId, created.id);
    expect((await later.list(postId)).comments).to.deep.equal([]);
    expect(await later.owned()).to.not.include(created.id);
  });

  it('answers a create without waiting for IndexedDB, and a page opened at once still holds the token', async () => {
    const postId = uniquePostId('rest-token-after');
    const created = await new RestAdapter({endpoint}).create(postId, {parentId: null, author: 'A', body: 'quick'});
    // Held synchronously beside the answer, until IndexedDB has it.
    expect(localStorage.getItem(`confab:token:${created.id}`)).to.be.a('string');
    const reloaded = new RestAdapter({endpoint});
    expect(await reloaded.owned()).to.include(created.id);
    expect((await reloaded.update(postId, created.id, {body: 'edited at once'})).body).to.equal('edited at once');
    await until(() => localStorage.getItem(`confab:token:${created.id}`) === null);
    expect(await new RestAdapter({endpoint}).owned()).to.include(created.id, 'then from IndexedDB');
  });

  it('refuses to edit without the token, and the server refuses a wrong one', async () => {
    const postId = uniquePostId('rest-foreign');
    const tokens = memoryTokens();
    const adapter = new RestAdapter({endpoint, tokens});
    const created = await adapter.create(postId, {parentId: null, author: 'A', body: 'mine'});
    const stranger = new RestAdapter({endpoint, tokens: memoryTokens()});
    const noToken = await stranger.update(postId, created.id, {body: 'hijack'}).catch((e) => e);
    expect(noToken).to.be.instanceOf(ConfabError);
    expect(noToken.code).to.equal('forbidden');
    const forged = memoryTokens();
    await forged.set(created.id, 'A'.repeat(43));
    const wrong = await new RestAdapter({endpoint, tokens: forged})
      .update(postId, created.id, {body: 'hijack'})
      .catch((e) => e);
    expect(wrong.code).to.equal('forbidden');
    expect(wrong.status).to.equal(403);
  });

  it('counts many posts in one request', async () => {
    const a = uniquePostId('count');
    const adapter = new RestAdapter({endpoint});
    await adapter.create(a, {parentId: null, author: 'A', body: 'one'});
    expect(await adapter.count([a, '/nothing-here'])).to.deep.equal({[a]: 1, '/nothing-here': 0});
  });

  it('maps 429 to "rate-limited" with the Retry-After seconds', async () => {
    const limited = new RestAdapter({endpoint: await serverEndpoint('limited'), tokens: memoryTokens()});
    const postId = uniquePostId('limited');
    let error: (ConfabError & {retryAfter?: number}) | null = null;
    for (let i = 0; i < 5 && !error; i++) {
      error = await limited.create(postId, {parentId: null, author: 'A', body: `n${i}`}).then(
        () => null,
        (e) => e
      );
    }
    expect(error!.code).to.equal('rate-limited');
    expect(error!.retryAfter).to.be.greaterThan(0);
  });

  it('maps an unreachable server to "network"', async () => {
    const down = new RestAdapter({endpoint: 'http://127.0.0.1:9/api', tokens: memoryTokens()});
    const error = await down.list('/p').catch((e) => e);
    expect(error.code).to.equal('network');
    expect(error.message).to.match(/^\[confab\] \[rest\]/);
  });

  it('receives live comments over SSE', async () => {
    const postId = uniquePostId('live');
    const reader = new RestAdapter({endpoint});
    const writer = new RestAdapter({endpoint, tokens: memoryTokens()});
    const streams = async () => (await (await fetch(`${endpoint}/health`)).json()).streams as number;
    const before = await streams();
    const seen: string[] = [];
    const stop = reader.subscribe(postId, (c) => seen.push(c.body));
    for (let open = before; open <= before; open = await streams()) await new Promise((r) => setTimeout(r, 20));
    await writer.create(postId, {parentId: null, author: 'W', body: 'one'});
    await writer.create(postId, {parentId: null, author: 'W', body: 'two'});
    await until(() => seen.length >= 2);
    stop();
    expect(seen).to.deep.equal(['one', 'two']);
  });
});
