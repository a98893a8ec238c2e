import {expect} from '@open-wc/testing';
import {createStore, set, type UseStore} from 'idb-keyval';
import {IndexedDbAdapter} from '../../src/adapters/indexeddb.js';
import {ConfabError} from '../../src/core/errors.js';
import {runAdapterContract} from '../../src/testing.js';

const dbName = `confab-test-${Date.now()}`;
runAdapterContract('IndexedDbAdapter', {create: () => new IndexedDbAdapter({dbName})});

describe('IndexedDbAdapter', () => {
  it('keeps both comments when two tabs post to one post at the same moment', async () => {
    // Two adapters, two connections: as two tabs would have.
    const name = `confab-tabs-${Date.now()}`;
    const tabA = new IndexedDbAdapter({dbName: name});
    const tabB = new IndexedDbAdapter({dbName: name});
    await Promise.all([
      ...Array.from({length: 10}, (_, i) => tabA.create('/race', {parentId: null, author: 'A', body: `a${i}`})),
      ...Array.from({length: 10}, (_, i) => tabB.create('/race', {parentId: null, author: 'B', body: `b${i}`})),
    ]);
    const page = await new IndexedDbAdapter({dbName: name}).list('/race', {limit: 100});
    expect(page.comments).to.have.length(20);
  });

  it('skips malformed records instead of failing or showing them', async () => {
    const name = `confab-malformed-${Date.now()}`;
    const adapter = new IndexedDbAdapter({dbName: name});
    const good = await adapter.create('/p', {parentId: null, author: 'A', body: 'good'});
    const store = createStore(name, 'comments');
    await set(['/p', 'zz-broken'], {id: 'zz-broken', postId: '/p', body: 42}, store);
    await set(['/p', 'zz-script'], '<script>alert(1)</script>', store);
    await set(['/p', 'zz-other'], {...good, id: 'zz-other', postId: '/elsewhere'}, store);
    const page = await adapter.list('/p');
    expect(page.comments.map((c) => c.id)).to.deep.equal([good.id]);
  });

  it('tells another tab about a new comment', async () => {
    const name = `confab-live-${Date.now()}`;
    const reader = new IndexedDbAdapter({dbName: name});
    const writer = new IndexedDbAdapter({dbName: name});
    const seen: string[] = [];
    const stop = reader.subscribe('/live', (c) => seen.push(c.body));
    await writer.create('/live', {parentId: null, author: 'W', body: 'hello from the other tab'});
    while (!seen.length) await new Promise((r) => setTimeout(r, 10));
    stop();
    expect(seen).to.deep.equal(['hello from the other tab']);
  });

  it('fails with code "timeout" when the database never opens', async () => {
    const never: UseStore = () => new Promise(() => {});
    const adapter = new IndexedDbAdapter({store: never, timeout: 50});
    const error = await adapter.list('/p').catch((e) => e);
    expect(error).to.be.instanceOf(ConfabError);
    expect(error.code).to.equal('timeout');
    expect(error.message).to.match(/^\[confab\] \[indexeddb\]/);
  });

  it('fails with code "quota" when the browser has no room, keeping the cause', async () => {
    const quota = new DOMException('full', 'QuotaExceededError');
    const full: UseStore = () => Promise.reject(quota);
    const error = await new IndexedDbAdapter({store: full})
      .create('/p', {parentId: null, author: 'A', body: 'x'})
      .catch((e) => e);
    expect(error.code).to.equal('quota');
    expect(error.cause).to.equal(quota);
  });

  it('fails with code "unavailable" when IndexedDB is missing or refuses to open', async () => {
    const original = Object.getOwnPropertyDescriptor(window, 'indexedDB');
    Object.defineProperty(window, 'indexedDB', {value: undefined, configurable: true});
    try {
      const error = await new IndexedDbAdapter({dbName: 'never'}).list('/p').catch((e) => e);
      expect(error.code).to.equal('unavailable');
    } finally {
      if (original) Object.defineProperty(window, 'indexedDB', original);
      else delete (window as {indexedDB?: unknown}).indexedDB;
    }
    const blocked: UseStore = () => Promise.reject(new DOMException('denied', 'SecurityError'));
    const error = await new IndexedDbAdapter({store: blocked}).list('/p').catch((e) => e);
    expect(error.code).to.equal('unavailable');
  });
});
