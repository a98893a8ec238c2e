import {ConfabError} from '../core/errors.js';
import {byTime} from '../core/thread.js';
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
  const newest = options.sort === 'newest';
  const limit = clampLimit(options.limit);
  const sign = newest ? -1 : 1;
  const sorted = [...all].sort((a, b) => sign * byTime(a, b));
  const after = options.cursor ? decodeCursor(options.cursor, adapter) : null;
  const rest = after ? sorted.filter((c) => sign * byTime(c, after) > 0) : sorted;
  const comments = rest.slice(0, limit);
  const last = comments[comments.length - 1];
  return {comments, next: rest.length > limit && last ? encodeCursor(last) : null};
}
