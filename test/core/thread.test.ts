import {expect} from '@open-wc/testing';
import {buildThread} from '../../src/core/thread.js';
import type {Comment} from '../../src/core/types.js';

const at = (minute: number) => new Date(Date.UTC(2024, 0, 1, 0, minute)).toISOString();
const c = (id: string, minute: number, parentId: string | null = null): Comment => ({
  id,
  postId: '/p',
  parentId,
  author: id,
  body: id,
  createdAt: at(minute),
});

describe('core/thread', () => {
  it('nests replies under their parent, oldest first, with depths', () => {
    const tree = buildThread([c('b', 2), c('a', 1), c('a1', 3, 'a'), c('a1x', 5, 'a1'), c('a2', 4, 'a')]);
    expect(tree.map((n) => n.comment.id)).to.deep.equal(['a', 'b']);
    expect(tree[0]!.replies.map((n) => n.comment.id)).to.deep.equal(['a1', 'a2']);
    expect(tree[0]!.replies[0]!.replies[0]!.depth).to.equal(2);
  });

  it('orders top-level comments newest first on request, replies still oldest first', () => {
    const tree = buildThread([c('a', 1), c('b', 2), c('a2', 4, 'a'), c('a1', 3, 'a')], 'newest');
    expect(tree.map((n) => n.comment.id)).to.deep.equal(['b', 'a']);
    expect(tree[1]!.replies.map((n) => n.comment.id)).to.deep.equal(['a1', 'a2']);
  });

  it('puts pinned comments first in every order, the rest in that order', () => {
    const comments = [c('a', 1), {...c('b', 2), pinned: true}, {...c('c', 3), reactions: {up: 5}}, c('d', 4)];
    const ids = (order: 'oldest' | 'newest' | 'top') => buildThread(comments, order).map((n) => n.comment.id);
    expect(ids('oldest')).to.deep.equal(['b', 'a', 'c', 'd']);
    expect(ids('newest')).to.deep.equal(['b', 'd', 'c', 'a']);
    expect(ids('top')).to.deep.equal(['b', 'c', 'a', 'd']);
  });

  it('shows a reply whose parent is missing at the top level instead of losing it', () => {
    const tree = buildThread([c('a', 1), c('orphan', 2, 'gone')]);
    expect(tree.map((n) => n.comment.id)).to.deep.equal(['a', 'orphan']);
  });

  it('cannot be made to loop by records that point at each other', () => {
    const tree = buildThread([c('x', 1, 'y'), c('y', 2, 'x'), c('self', 3, 'self')]);
    const ids: string[] = [];
    const walk = (nodes: typeof tree) => nodes.forEach((n) => (ids.push(n.comment.id), walk(n.replies)));
    walk(tree);
    expect(ids.sort()).to.deep.equal(['self', 'x', 'y']);
  });

  it('keeps deep chains intact', () => {
    const chain = Array.from({length: 12}, (_, i) => c(`n${i}`, i, i ? `n${i - 1}` : null));
    let node = buildThread(chain)[0]!;
    while (node.replies[0]) node = node.replies[0];
    expect(node.comment.id).to.equal('n11');
    expect(node.depth).to.equal(11);
  });
});
