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

  it('imports the same comments again with one read (a page that keeps its export), and still adds new ones', async () => {
    const name = `confab-reimport-${Date.now()}`;
    const old = (id: string, n: number) => ({
      id,
      postId: '/old',
      parentId: null,
      author: `Author ${id}`,
      body: `Body ${id}`,
      createdAt: new Date(Date.UTC(2020, 0, n)).toISOString(),
    });
    const exported = [old('a', 1), old('b', 2)];
    expect(await new IndexedDbAdapter({dbName: name}).import('/old', exported)).to.equal(2);
    // Another page view: the same export again, then one with a comment more.
    const again = new IndexedDbAdapter({dbName: name});
    const writes: string[] = [];
    const put = IDBObjectStore.prototype.put;
    const add = IDBObjectStore.prototype.add;
    IDBObjectStore.prototype.put = function (...args) {
      writes.push('put');
      return put.apply(this, args);
    };
    IDBObjectStore.prototype.add = function (...args) {
      writes.push('add');
      return add.apply(this, args);
    };
    try {
      expect(await again.import('/old', exported)).to.equal(0);
      expect(writes, 'nothing written for what was imported before').to.deep.equal([]);
    } finally {
      IDBObjectStore.prototype.put = put;
      IDBObjectStore.prototype.add = add;
    }
    expect(await again.import('/old', [...exported, old('c', 3)])).to.equal(1);
    // The marks imports leave are no comments: never listed, never counted.
    expect((await again.list('/old')).comments.map((c) => c.id)).to.deep.equal(['a', 'b', 'c']);
    expect(await again.count(['/old'])).to.deep.equal({'/old': 3});
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
