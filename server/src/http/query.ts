import type {Context} from 'hono';
import {isValidId, type CommentSort} from 'confab/core';
import type {Env} from '../context.js';
import {scoped} from '../sites.js';
import type {StoredComment} from '../store/rows.js';
import type {Position} from '../store/store.js';
import {ApiError} from './errors.js';
import {postIdParam} from './schemas.js';

/** The post a request names (`?post=`), validated, as stored: scoped by the request's site (see sites.ts). */
export function queryPostId(c: Context<Env>): string {
  return scoped(c.get('site') ?? '', queryBarePostId(c));
}

/** The post a request names (`?post=`), validated, as readers know it. */
export function queryBarePostId(c: Context): string {
  const postId = c.req.query('post');
  if (postId === undefined) throw new ApiError(400, 'invalid-request', 'Name the post: ?post=...');
  if (!postIdParam.safeParse(postId).success) {
    throw new ApiError(
      400,
      'invalid-request',
      'post must be 1 to 512 printable characters without spaces, quotes or angle brackets.'
    );
  }
  return postId;
}

/** `?sort=`: one of the three orders (an allowlist; never SQL). */
export function querySort(c: Context): CommentSort {
  return parseSort(c.req.query('sort'));
}

export function parseSort(raw: string | null | undefined): CommentSort {
  const sort = raw ?? 'oldest';
  if (sort !== 'oldest' && sort !== 'newest' && sort !== 'top') {
    throw new ApiError(400, 'invalid-request', 'sort must be "oldest", "newest" or "top".');
  }
  return sort;
}

/** `?anchored=1`: only inline comments' threads, all in one answer. */
export function queryAnchored(c: Context): boolean {
  const raw = c.req.query('anchored');
  if (raw === undefined) return false;
  if (raw !== '1') throw new ApiError(400, 'invalid-request', 'anchored must be 1, or left out.');
  return true;
}

/** The page size: an integer, clamped to 1..100 (default 50). */
export function queryLimit(c: Context): number {
  return parseLimit(c.req.query('limit'));
}

export function parseLimit(raw: string | null | undefined): number {
  if (raw === undefined || raw === null || raw === '') return 50;
  if (!/^-?\d{1,12}$/.test(raw)) throw new ApiError(400, 'invalid-request', 'limit must be a whole number.');
  return Math.min(100, Math.max(1, Number(raw)));
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** An opaque cursor: where the next page starts, in one sort order. */
export function encodeCursor(comment: StoredComment, sort: CommentSort): string {
  const key = [comment.createdAt, comment.id, sort, ...(sort === 'top' ? [comment.up] : [])];
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, sort: CommentSort): Position | undefined {
  if (cursor === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === (sort === 'top' ? 4 : 3)) {
      const [createdAt, id, cursorSort, up] = value;
      const upOk = sort !== 'top' || (Number.isSafeInteger(up) && up >= 0);
      if (typeof createdAt === 'string' && ISO.test(createdAt) && isValidId(id) && cursorSort === sort && upOk) {
        return {createdAt, id, up};
      }
    }
  } catch {
    // reported below
  }
  throw new ApiError(400, 'invalid-cursor', 'That page cursor is not valid (it may belong to another sort order).');
}
