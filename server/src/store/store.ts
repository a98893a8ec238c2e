import type {Comment, CommentSort, Reaction} from '../../../src/core/types.js';

/** A position in a post's comments, for keyset pagination and stream replay. */
export interface Position {
  createdAt: string;
  id: string;
  /** Upvotes, for the "top" order. */
  up?: number;
}

/** Reaction counts of a comment, and those of one reader. */
export interface ReactionSummary {
  counts: Partial<Record<Reaction, number>>;
  mine: Reaction[];
}

/** What the server stores for a new comment: the public fields and hashes that never leave the server. */
export type Status = 'published' | 'pending' | 'spam';

/** A comment as moderators see it: its real status, and who wrote it only as hashes (never an address). */
export interface AdminComment extends Comment {
  moderation: Status | 'deleted';
  ipHash: string | null;
}

export interface NewComment extends Omit<Comment, 'editedAt' | 'status'> {
  /** Where moderation put it. Default published. */
  status?: Status;
  /** Hashed anonymous reader id of the author, which lets them see their own pending comment. */
  readerHash?: string | null;
  /** Hash of the normalized body, for duplicate detection. */
  bodyHash?: string | null;
  /** Salted hash of the client's address (its /64 for IPv6). */
  ipHash: string | null;
  /** SHA-256 of the edit token, hex. */
  tokenHash: string | null;
}

/** A stored comment with the server-side fields the API needs to check ownership. */
export interface CommentRecord extends Comment {
  tokenHash: string | null;
  /** Salted hash of the author's address (for blocking). */
  ipHash?: string | null;
  deleted: boolean;
}

export interface RateLimit {
  /** At most `max` comments per `windowMs` from one `ipHash`. */
  max: number;
  windowMs: number;
  /** At most this many comments per `windowMs` on one post, from everyone (0: no limit). */
  perPost?: number;
}

/** What moderation asks the store about a new comment. */
export interface Suspicion {
  /** The author has no published comment yet (known by reader id when the widget sends one, else by address). */
  firstTime: boolean;
  /** The same text was posted in the last day by the same client, or by anyone on the same post. */
  duplicate: boolean;
  /** The address or the name is blocked. */
  blocked: boolean;
}

export type InsertResult = {ok: true} | {ok: false; reason: 'rate-limited'; retryAfterMs: number} | {ok: false; reason: 'parent-not-found'};

/**
 * The server's storage, implemented for SQLite and PostgreSQL. Everything a server process needs lives here, so any
 * number of processes can share one database.
 */
export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Applies pending migrations; returns the schema version. */
  migrate(): Promise<number>;
  /** A persistent random secret (created on first use), shared by every process on this database. */
  secret(name: string, initial?: string): Promise<string>;
  /** Up to `limit` visible comments of a post after `after`, in `sort` order. */
  list(postId: string, options: {after?: Position; limit: number; sort: CommentSort}): Promise<Comment[]>;
  /**
   * A page of a post's threads: up to `limit` top-level comments after `after` in `sort` order, each with all its
   * replies (oldest first). A reply whose parent is missing counts as top-level.
   */
  threads(
    postId: string,
    options: {after?: Position; limit: number; sort: CommentSort}
  ): Promise<{roots: Comment[]; replies: Comment[]; more: boolean}>;
  /** The whole thread (its top-level comment and every reply) that a comment belongs to, or null. */
  thread(id: string): Promise<Comment[] | null>;
  get(id: string): Promise<CommentRecord | null>;
  /** The id of the newest comment of a post (deleted or not), or null. */
  latest(postId: string): Promise<string | null>;
  /** Inserts a comment, atomically checking its parent and the client's rate limit. Notifies listeners. */
  insert(comment: NewComment, rate?: RateLimit): Promise<InsertResult>;
  /** Inserts comments that are not stored yet (by id); returns how many were added. */
  importMany(comments: NewComment[]): Promise<number>;
  update(id: string, body: string, editedAt: string): Promise<Comment | null>;
  remove(id: string, deletedAt: string): Promise<boolean>;
  /**
   * Gives or takes back one reader's reaction, at most once per reader, kind and comment (a replayed request changes
   * nothing). Returns false when the comment does not exist or is deleted.
   */
  react(commentId: string, kind: Reaction, readerHash: string, on: boolean, at: string): Promise<boolean>;
  /** Reaction counts of these comments, and the reactions of one reader (when given). */
  reactions(commentIds: string[], readerHash: string | null): Promise<Map<string, ReactionSummary>>;
  /** What moderation needs to know about a new comment's author and text. */
  suspicion(c: {
    ipHash: string | null;
    readerHash: string | null;
    postId: string;
    bodyHash: string | null;
    author: string;
    since: string;
  }): Promise<Suspicion>;
  /** Moderation queues, newest first: held (pending), spam, or every recent comment. */
  adminList(queue: 'pending' | 'spam' | 'recent', options: {limit: number; before?: Position}): Promise<AdminComment[]>;
  /** Moves a comment to a status; a comment published this way reaches live readers. False when it does not exist. */
  setStatus(id: string, status: Status): Promise<boolean>;
  /** Blocks a commenter by hashed address or by name (lower-cased). */
  block(kind: 'ip' | 'name', value: string, at: string): Promise<void>;
  /** Records an admin action (or a failed sign-in). */
  log(entry: {at: string; action: string; target: string | null; detail: string | null}): Promise<void>;
  /** Recent admin log entries of one action and target (failed sign-ins of one client). */
  logCount(action: string, target: string, since: string): Promise<number>;
  /** Visible comment counts per post. */
  counts(postIds: string[]): Promise<Record<string, number>>;
  /** Calls `listener` with every comment inserted through any process on this database. */
  listen(listener: (comment: Comment) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
