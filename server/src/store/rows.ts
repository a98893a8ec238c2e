import {parseAnchor, type Comment, type Reaction} from 'confab/core';
import {bareId} from '../sites.js';
import type {ReactionSummary, Status} from './store.js';

/** A comments row as both databases return it (PostgreSQL gives Dates and booleans, SQLite text and 0/1). */
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
  up_count: number;
  status: string;
  reader_hash: string | null;
  anchor: string | null;
  seq: number;
  was_public: number | boolean;
  awaits_parent: number | boolean;
  has_replies: number | boolean | null;
  root_id: string | null;
  pinned_at: string | Date | null;
}

/**
 * A comment as the store reads it: the public fields, and what only the server may know (its real status, who wrote
 * it as a hash, its place in the post's sequence). `toPublic` is the only way from here to a response.
 */
export interface StoredComment extends Omit<Comment, 'status' | 'reactions' | 'mine'> {
  moderation: Status;
  readerHash: string | null;
  up: number;
  seq: number;
  /** Shown to every reader at some point: hiding it later is announced to live readers. */
  wasPublic: boolean;
  /** Held only because its parent is held: published with it. */
  awaitsParent: boolean;
  /** A deleted comment that still has published replies (shown as a placeholder). */
  hasReplies: boolean;
  rootId: string;
}

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
const STATUSES: readonly string[] = ['published', 'pending', 'spam'];

export function toStored(row: CommentRow): StoredComment {
  const deleted = row.deleted_at !== null;
  const stored: StoredComment = {
    id: row.id,
    postId: row.post_id,
    parentId: row.parent_id,
    // A placeholder keeps neither who wrote it nor what it said.
    author: deleted ? '' : row.author,
    body: deleted ? '' : row.body,
    createdAt: iso(row.created_at),
    moderation: (STATUSES.includes(row.status) ? row.status : 'pending') as Status,
    readerHash: row.reader_hash,
    up: Number(row.up_count) || 0,
    seq: Number(row.seq) || 0,
    wasPublic: !!row.was_public,
    awaitsParent: !!row.awaits_parent,
    hasReplies: !!row.has_replies,
    rootId: row.root_id ?? row.id,
  };
  if (deleted) stored.deleted = true;
  if (row.edited_at && !deleted) stored.editedAt = iso(row.edited_at);
  if (row.is_post_author) stored.isPostAuthor = true;
  if (row.pinned_at && !deleted) stored.pinned = true;
  const anchor = row.anchor && !deleted ? parseAnchor(readJson(row.anchor)) : undefined;
  if (anchor) stored.anchor = anchor;
  return stored;
}

/**
 * The public shape of a comment: an explicit list of fields, so no server-side column can leak into a response. A
 * held comment (pending or spam) says only `status: 'pending'` (its author sees "awaiting approval"; a bot learns
 * nothing).
 */
export function toPublic(stored: StoredComment, summary?: ReactionSummary): Comment {
  const comment: Comment = {
    id: stored.id,
    // As readers know it: a site's post id, never how it is stored (see sites.ts).
    postId: bareId(stored.postId),
    parentId: stored.parentId,
    author: stored.author,
    body: stored.body,
    createdAt: stored.createdAt,
  };
  if (stored.editedAt) comment.editedAt = stored.editedAt;
  if (stored.isPostAuthor) comment.isPostAuthor = true;
  if (stored.pinned) comment.pinned = true;
  if (stored.anchor) comment.anchor = stored.anchor;
  if (stored.deleted) comment.deleted = true;
  if (stored.moderation !== 'published') comment.status = 'pending';
  if (summary && Object.keys(summary.counts).length) comment.reactions = summary.counts;
  if (summary?.mine.length) comment.mine = summary.mine;
  return comment;
}

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
