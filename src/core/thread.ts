import type {Comment} from './types.js';

/** A comment with its replies, oldest first. */
export interface ThreadNode {
  comment: Comment;
  replies: ThreadNode[];
  /** 0 for a top-level comment. */
  depth: number;
}

/** Oldest first, ties broken by id: the one order every adapter and the thread agree on. */
export const byTime = (a: Pick<Comment, 'createdAt' | 'id'>, b: Pick<Comment, 'createdAt' | 'id'>) =>
  a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** The deepest level of the tree: replies to a comment this deep sit beside it, so nesting (and rendering) is bounded. */
export const MAX_DEPTH = 12;

/**
 * Builds the reply tree. Top-level comments follow `order`; replies are always oldest first so a conversation reads
 * in order. A reply nests only under a parent written before it, so no cycle can form; a reply whose parent is
 * missing (deleted, not loaded, malformed) is shown at the top level rather than lost. Chains of replies deeper than
 * `MAX_DEPTH` continue at that depth, in order, however deep readers take them.
 */
export function buildThread(comments: readonly Comment[], order: 'oldest' | 'newest' | 'top' = 'oldest'): ThreadNode[] {
  const nodes = new Map<string, ThreadNode>();
  // The node whose replies hold each comment.
  const home = new Map<string, ThreadNode | undefined>();
  const roots: ThreadNode[] = [];
  for (const comment of [...comments].sort(byTime)) {
    let parent = comment.parentId ? nodes.get(comment.parentId) : undefined;
    if (parent && parent.depth >= MAX_DEPTH) parent = home.get(parent.comment.id);
    const node: ThreadNode = {comment, replies: [], depth: parent ? parent.depth + 1 : 0};
    if (!nodes.has(comment.id)) {
      nodes.set(comment.id, node);
      home.set(comment.id, parent);
    }
    (parent ? parent.replies : roots).push(node);
  }
  if (order === 'top') roots.sort((a, b) => ups(b.comment) - ups(a.comment));
  else if (order === 'newest') roots.reverse();
  // Pinned comments come first in every order (a stable sort keeps the rest as it is).
  return roots.sort((a, b) => +!!b.comment.pinned - +!!a.comment.pinned);
}

/** Upvotes of a comment, for the "top" order. */
export const ups = (c: Comment) => c.reactions?.up ?? 0;
