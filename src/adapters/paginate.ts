import {ConfabError} from '../core/errors.js';
import {byTime, ups} from '../core/thread.js';
import type {Comment, CommentPage, ListOptions} from '../core/types.js';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;

export function clampLimit(limit: number | undefined): number {
  if (typeof limit !== 'number' || !Number.isFinite(limit)) return DEFAULT_PAGE_SIZE;
  return Math.min(MAX_PAGE_SIZE, Math.max(1, Math.trunc(limit)));
}

type Key = {createdAt: string; id: string};

function encodeCursor({createdAt, id}: Key): string {
  return btoa(JSON.stringify([createdAt, id])).replace(/=+$/, '');
}

function decodeCursor(cursor: string, adapter: string): Key {
  try {
    const [createdAt, id, ...rest]: unknown[] = JSON.parse(atob(cursor));
    if (typeof createdAt === 'string' && typeof id === 'string' && !rest.length) return {createdAt, id};
  } catch {
    // reported below
  }
  throw new ConfabError('invalid', 'That page cursor is not valid.', {adapter});
}

/** Replies of the given comments, and their replies, oldest first. */
function descendants(all: readonly Comment[], roots: readonly Comment[]): Comment[] {
  const children = new Map<string, Comment[]>();
  for (const c of all) {
    if (!c.parentId) continue;
    const siblings = children.get(c.parentId);
    if (siblings) siblings.push(c);
    else children.set(c.parentId, [c]);
  }
  // `seen` stops at records that name each other as parents (untrusted storage), which would otherwise loop.
  const seen = new Set(roots.map((r) => r.id));
  const out: Comment[] = [];
  const stack = [...seen];
  while (stack.length) {
    for (const child of children.get(stack.pop()!) ?? []) {
      if (seen.has(child.id)) continue;
      seen.add(child.id);
      out.push(child);
      stack.push(child.id);
    }
  }
  return out.sort(byTime);
}

/** The whole thread a comment belongs to: its top-level comment and every reply, or an empty list. */
export function threadOf(all: readonly Comment[], id: string): Comment[] {
  const byId = new Map(all.map((c) => [c.id, c]));
  let root = byId.get(id);
  for (let hops = 0; root?.parentId && byId.has(root.parentId) && hops < all.length; hops++)
    root = byId.get(root.parentId);
  return root ? [root, ...descendants(all, [root])] : [];
}

/**
 * Pages an in-memory list the way the server does: a page is `limit` top-level comments (keyset on (createdAt, id),
 * so a comment added while a reader pages never shifts or repeats a page), each with all its replies. A reply whose
 * parent is missing counts as top-level.
 */
export function paginate(everything: readonly Comment[], options: ListOptions, adapter: string): CommentPage {
  const ids = new Set(everything.map((c) => c.id));
  const all = everything.filter((c) => !c.parentId || !ids.has(c.parentId));
  const sign = options.sort === 'newest' ? -1 : 1;
  const limit = clampLimit(options.limit);
  const order = (a: Comment, b: Comment) => (options.sort === 'top' ? ups(b) - ups(a) : 0) || sign * byTime(a, b);
  const sorted = [...all].sort(order);
  if (options.anchored) {
    const roots = sorted.filter((c) => c.anchor);
    return {comments: [...roots, ...descendants(everything, roots)], next: null};
  }
  const after = options.cursor ? decodeCursor(options.cursor, adapter) : null;
  const at = after && sorted.findIndex((c) => c.id === after.id);
  // Keyset on (createdAt, id) for time orders; for "top", the position of the last comment seen.
  const rest = !after
    ? sorted
    : options.sort === 'top'
      ? sorted.slice((at ?? -1) + 1)
      : sorted.filter((c) => sign * byTime(c, after) > 0);
  const roots = rest.slice(0, limit);
  const last = roots[roots.length - 1];
  return {
    comments: [...roots, ...descendants(everything, roots)],
    next: rest.length > limit && last ? encodeCursor(last) : null,
  };
}
