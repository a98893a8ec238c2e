import {expect} from '@open-wc/testing';
import {MemoryAdapter} from '../../src/adapters/memory.js';
import {runAdapterContract} from '../../src/testing.js';

runAdapterContract('MemoryAdapter', {create: () => new MemoryAdapter()});

describe('MemoryAdapter', () => {
  it('starts from given comments, skipping malformed ones', async () => {
    const adapter = new MemoryAdapter({
      comments: [
        {id: 'ok', postId: '/p', parentId: null, author: 'A', body: 'fine', createdAt: '2024-01-01T00:00:00Z'},
        {id: 'bad', postId: '/p', parentId: null, author: 'A', body: '', createdAt: '2024-01-01T00:00:00Z'},
      ],
    });
    const page = await adapter.list('/p');
    expect(page.comments.map((c) => c.id)).to.deep.equal(['ok']);
  });

  it('returns copies, so a caller cannot change what is stored', async () => {
    const adapter = new MemoryAdapter();
    const c = await adapter.create('/p', {parentId: null, author: 'A', body: 'original'});
    c.body = 'changed';
    const [listed] = (await adapter.list('/p')).comments;
    expect(listed!.body).to.equal('original');
  });

  it('survives records that name each other as parents (a hostile import): no hang, each comment once', async () => {
    const at = '2024-01-01T00:00:00Z';
    const adapter = new MemoryAdapter({
      comments: [
        {id: 'root', postId: '/loop', parentId: null, author: 'A', body: 'root', createdAt: at},
        {id: 'x', postId: '/loop', parentId: 'y', author: 'A', body: 'x', createdAt: at},
        {id: 'y', postId: '/loop', parentId: 'x', author: 'A', body: 'y', createdAt: at},
        {id: 'z', postId: '/loop', parentId: 'x', author: 'A', body: 'z', createdAt: at},
      ],
    });
    const thread = await adapter.thread('/loop', 'z');
    expect(thread.map((c) => c.id).sort()).to.deep.equal(['x', 'y', 'z']);
    expect((await adapter.list('/loop')).comments.map((c) => c.id)).to.include('root');
  });

  it('rejects a call whose signal is already aborted', async () => {
    const adapter = new MemoryAdapter();
    const controller = new AbortController();
    controller.abort();
    const error = await adapter.list('/p', {signal: controller.signal}).catch((e) => e);
    expect(error.code).to.equal('aborted');
  });
});
