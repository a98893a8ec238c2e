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

/**
 * Pages an in-memory list the way the server does: keyset pagination on (createdAt, id), so that a comment added
 * while a reader pages never shifts or repeats a page.
 */
export function paginate(all: readonly Comment[], options: ListOptions, adapter: string): CommentPage {
  const sign = options.sort === 'newest' ? -1 : 1;
  const limit = clampLimit(options.limit);
  const order = (a: Comment, b: Comment) => (options.sort === 'top' ? ups(b) - ups(a) : 0) || sign * byTime(a, b);
  const sorted = [...all].sort(order);
  const after = options.cursor ? decodeCursor(options.cursor, adapter) : null;
  const at = after && sorted.findIndex((c) => c.id === after.id);
  // Keyset on (createdAt, id) for time orders; for "top", the position of the last comment seen.
  const rest = !after ? sorted : options.sort === 'top' ? sorted.slice((at ?? -1) + 1) : sorted.filter((c) => sign * byTime(c, after) > 0);
  const comments = rest.slice(0, limit);
  const last = comments[comments.length - 1];
  return {comments, next: rest.length > limit && last ? encodeCursor(last) : null};
}
