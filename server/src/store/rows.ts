import type {Comment, Reaction} from '../../../src/core/types.js';
import {parseAnchor} from '../../../src/core/validate.js';
import type {NewComment, RateLimit, ReactionSummary} from './store.js';

/** A comments row as both databases return it (PostgreSQL gives Dates for timestamps). */
export interface CommentRow {
  id: string;
  post_id: string;
  parent_id: string | null;
  author: string;
  body: string;
  created_at: string | Date;
  edited_at: string | Date | null;
  is_post_author: number | boolean;
  deleted_at: string | Date | null;
  up_count?: number;
  status?: string;
  reader_hash?: string | null;
  anchor?: string | null;
}

/** A comment as the store reads it: pending ones also say who wrote them (hashed), for the author's own view. */
export type StoredComment = Comment & {readerHash?: string | null; up?: number};

/** SQLite keeps the ISO text it was given; PostgreSQL returns Dates. */
const iso = (value: string | Date) => (typeof value === 'string' ? value : value.toISOString());

/** JSON from a column, or undefined when it is not JSON: a damaged value costs the field, never the comment. */
function readJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The public shape of a comment: an explicit list of fields, so no server-side column can leak into a response. */
export function toComment(row: CommentRow): StoredComment {
  if (row.deleted_at) {
    // A placeholder: kept only because it has replies; who wrote it and what it said are gone.
    return {id: row.id, postId: row.post_id, parentId: row.parent_id, author: '', body: '', createdAt: iso(row.created_at), deleted: true};
  }
  const comment: Comment = {
    id: row.id,
    postId: row.post_id,
    parentId: row.parent_id,
    author: row.author,
    body: row.body,
    createdAt: iso(row.created_at),
  };
  if (row.edited_at) comment.editedAt = iso(row.edited_at);
  if (row.is_post_author) comment.isPostAuthor = true;
  const anchor = row.anchor ? parseAnchor(readJson(row.anchor)) : undefined;
  if (anchor) comment.anchor = anchor;
  const stored: StoredComment = comment;
  if (row.up_count) stored.up = row.up_count;
  if (row.status === 'pending' || row.status === 'spam') return {...stored, status: 'pending', readerHash: row.reader_hash ?? null};
  return stored;
}

export const PUBLIC_COLUMNS =
  'id, post_id, parent_id, author, body, created_at, edited_at, is_post_author, deleted_at, up_count, status, reader_hash, anchor';

/** Keyset condition for the "top" order (most upvotes, then oldest), after a given (up, createdAt, id). */
export const topAfter = (up: string, createdAt: string, id: string) =>
  `(up_count < ${up} OR (up_count = ${up} AND (created_at > ${createdAt} OR (created_at = ${createdAt} AND id > ${id}))))`;

/** Groups reaction rows by comment. */
export function summarize(
  counts: {comment_id: string; kind: Reaction; n: number | string}[],
  mine: {comment_id: string; kind: Reaction}[]
): Map<string, ReactionSummary> {
  const out = new Map<string, ReactionSummary>();
  const of = (id: string) => out.get(id) ?? out.set(id, {counts: {}, mine: []}).get(id)!;
  for (const row of counts) of(row.comment_id).counts[row.kind] = Number(row.n);
  for (const row of mine) of(row.comment_id).mine.push(row.kind);
  return out;
}

/**
 * Published comments, deleted ones that still have replies (shown as placeholders), and held ones (pending or
 * spam), which the API shows to their author only, as awaiting approval.
 */
export const VISIBLE = `status IN ('published', 'pending', 'spam')
  AND (deleted_at IS NULL OR EXISTS (SELECT 1 FROM comments AS reply WHERE reply.parent_id = comments.id))`;

/** Whether a stored comment may be shown to a reader (pending ones only to their author). */
export const visibleTo = (reader: string | null) => (c: StoredComment) => c.status !== 'pending' || (!!reader && c.readerHash === reader);

/** Drops the server-side fields of a record. */
export function toPublic(record: Comment): Comment {
  const comment: Comment = {
    id: record.id,
    postId: record.postId,
    parentId: record.parentId,
    author: record.author,
    body: record.body,
    createdAt: record.createdAt,
  };
  if (record.editedAt) comment.editedAt = record.editedAt;
  if (record.isPostAuthor) comment.isPostAuthor = true;
  if (record.anchor && !record.deleted) comment.anchor = record.anchor;
  if (record.deleted) comment.deleted = true;
  if (record.status === 'pending') comment.status = 'pending';
  return comment;
}

type Limit = {column: 'post_id' | 'ip_hash'; value: string; max: number; since: string; windowMs: number};

/** The limits that apply to a new comment: per post, then per client, each with the start of its window. */
export function rateLimits(c: NewComment, rate?: RateLimit): Limit[] {
  if (!rate) return [];
  const since = new Date(Date.parse(c.createdAt) - rate.windowMs).toISOString();
  const limits = [
    {column: 'post_id' as const, value: c.postId, max: rate.perPost ?? 0},
    {column: 'ip_hash' as const, value: c.ipHash, max: rate.max},
  ];
  return limits.filter((l): l is Omit<Limit, 'since' | 'windowMs'> & {value: string} => !!l.value && l.max > 0)
    .map((l) => ({...l, since, windowMs: rate.windowMs}));
}
