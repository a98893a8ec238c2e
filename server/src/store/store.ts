import {randomBytes} from 'node:crypto';
import type {Comment, CommentSort, Reaction} from 'confab/core';
import {marks, type Db, type ListenEvents, type Param, type Queryable} from './db.js';
import {gathered} from './gather.js';
import {MailStore} from './mail-store.js';
import {migrations, POSTGRES, SQLITE} from './migrations.js';
import {summarize, toStored, type CommentRow, type StoredComment} from './rows.js';
import {VISIBLE_SQL, publishedSql, reachable, type Viewer} from './visibility.js';

/** A position in a post's comments, for keyset pagination. */
export interface Position {
  createdAt: string;
  id: string;
  /** Upvotes, for the "top" order. */
  up?: number;
}

/** Which page of a post's threads, as whom. */
export interface ThreadQuery {
  /** Where the page starts (absent: the first page). */
  after?: Position;
  limit: number;
  sort: CommentSort;
  viewer: Viewer;
  /** Only the threads about a passage, all of them (at most MAX_ANCHORED): `after` and `limit` do not apply. */
  anchored?: boolean;
}

/** Reaction counts of a comment, and those of one reader. */
export interface ReactionSummary {
  counts: Partial<Record<Reaction, number>>;
  mine: Reaction[];
}

/** Where moderation put a comment. */
export type Status = 'published' | 'pending' | 'spam';

/** A comment as moderators see it: its real status, and who wrote it only as a hash (never an address). */
export interface AdminComment extends Comment {
  moderation: Status | 'deleted';
  ipHash: string | null;
  /** Readers' reports not yet cleared by a moderator's approval, and the latest one's time. */
  reports?: number;
  reportedAt?: string;
}

/** A moderator by name: their sites (null: every site). */
export interface Moderator {
  name: string;
  sites: string[] | null;
}

/** Comments a moderator may pin on one post. */
export const MAX_PINS = 3;

export interface NewComment extends Omit<Comment, 'editedAt' | 'status' | 'reactions' | 'mine'> {
  /** Where moderation put it. Default published. */
  status?: Status;
  /** Hashed anonymous reader id of the author, which lets them see their own held comment. */
  readerHash?: string | null;
  /** Hash of the normalized body, for duplicate detection. */
  bodyHash?: string | null;
  /** Salted hash of the client's address (its /64 for IPv6). */
  ipHash: string | null;
  /** SHA-256 of the edit token, hex. */
  tokenHash: string | null;
  /** Hash of the client's idempotency key: a second create with it returns the first comment. */
  idempotencyKey?: string | null;
}

/** A comment of an import, with everything decided: its thread, status and placeholder state. */
export interface ImportRow {
  id: string;
  postId: string;
  parentId: string | null;
  rootId: string;
  author: string;
  body: string;
  createdAt: string;
  editedAt?: string;
  edits?: number;
  isPostAuthor?: boolean;
  ipHash: string | null;
  status: Status;
  awaitsParent?: boolean;
  /** A placeholder: deleted in the source, kept for its replies. */
  deleted?: boolean;
  anchor?: Comment['anchor'];
  reactions?: Partial<Record<Reaction, number>>;
}

/** A stored comment with the server-side fields the API needs to check ownership and block. */
export interface CommentRecord extends StoredComment {
  tokenHash: string | null;
  ipHash: string | null;
  idempotencyKey: string | null;
  edits: number;
}

export interface RateLimit {
  /** At most `max` comments per `windowMs` from one `ipHash`. */
  max: number;
  windowMs: number;
  /** At most this many comments per `windowMs` on one post, from everyone (0: no limit). */
  perPost?: number;
}

export interface ReactionLimit {
  /** Readers (reader ids) of one client who may give one kind of reaction to one comment. */
  perComment: number;
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

/** What `suspicion` asks about a comment (`except`: the comment itself, for an edit). */
export interface SuspicionQuery {
  ipHash: string | null;
  readerHash: string | null;
  postId: string;
  bodyHash: string | null;
  author: string;
  since: string;
  except?: string;
}

/** EXISTS is a boolean on PostgreSQL, 0 or 1 on SQLite. */
function suspicion(
  c: SuspicionQuery,
  row: {published: unknown; duplicate: unknown; blocked: unknown} | undefined
): Suspicion {
  return {firstTime: !row?.published, duplicate: !!c.bodyHash && !!row?.duplicate, blocked: !!row?.blocked};
}

export type InsertResult =
  | {ok: true; comment: StoredComment; repeated: boolean}
  | {ok: false; reason: 'rate-limited'; retryAfterMs: number}
  | {ok: false; reason: 'parent-not-found'};

export type ReactResult = {ok: true; comment: StoredComment} | {ok: false; reason: 'not-found' | 'limited'};

/**
 * What else happens in the transaction of a change to comments, so that it happens if and only if the change is
 * stored: mail queued with the comment that causes it. Imports call none of them.
 */
export interface StoreHooks {
  /** A comment was created (published or held). */
  created?(db: Queryable, comment: StoredComment): Promise<void>;
  /** A comment became visible to everyone: created published, approved, or published with its held parent. */
  published?(db: Queryable, commentId: string): Promise<void>;
}

/** One change of a post's comments, in the post's sequence: a live stream sends it as the comment's new state. */
export interface Change {
  seq: number;
  comment: StoredComment;
}

const COLUMNS = `c.id, c.post_id, c.parent_id, c.author, c.body, c.created_at, c.edited_at, c.is_post_author, c.deleted_at,
  c.up_count, c.status, c.reader_hash, c.anchor, c.seq, c.was_public, c.awaits_parent, c.root_id, c.pinned_at,
  (c.deleted_at IS NOT NULL AND EXISTS (SELECT 1 FROM comments AS r WHERE r.parent_id = c.id AND r.status = 'published')) AS has_replies`;

/** `COLUMNS` of a row just inserted (no alias there; a new comment has no replies), for `INSERT ... RETURNING`. */
const INSERTED = `id, post_id, parent_id, author, body, created_at, edited_at, is_post_author, deleted_at, up_count, status,
  reader_hash, anchor, seq, was_public, awaits_parent, root_id, pinned_at, FALSE AS has_replies`;

/** A create on PostgreSQL (see migrations.ts), the stored row back as `INSERTED` names it. */
const INSERT_CALL = `SELECT ${INSERTED} FROM confab_insert_comment(${marks(19)})`;

/**
 * Creates on PostgreSQL that came together (see migrations.ts), each item's answer in its row and in order: a refusal
 * with its detail, or the stored row as `INSERTED` names it.
 */
const INSERT_BATCH = `SELECT o_refusal, o_detail, ${INSERTED}
  FROM (SELECT b.o_ord, b.o_refusal, b.o_detail, (b.o_c).* FROM confab_insert_comments(?) AS b) AS c ORDER BY o_ord`;

/** Creates gathered into one call on PostgreSQL at most (about what arrives during one call under load). */
const GATHER_MAX = 64;

/** The next number of a post's sequence (its row made on first use), locking the post's row until the commit. */
const NEXT_SEQ =
  'INSERT INTO posts (post_id, seq) VALUES (?, 1) ON CONFLICT (post_id) DO UPDATE SET seq = posts.seq + 1 RETURNING seq';

type RecordRow = CommentRow & {
  token_hash: string | null;
  ip_hash: string | null;
  idempotency_key: string | null;
  edits: number;
};

const toRecord = (row: RecordRow): CommentRecord => ({
  ...toStored(row),
  tokenHash: row.token_hash,
  ipHash: row.ip_hash,
  idempotencyKey: row.idempotency_key,
  edits: Number(row.edits) || 0,
});

/**
 * Replies read with one page of threads, or with one thread: the oldest this many (a thread readers have grown past
 * it shows its first replies; no answer is unbounded).
 */
export const MAX_REPLIES = 2000;
/** Threads about a passage (inline comments) a post's list of them holds: far more than an article has paragraphs. */
export const MAX_ANCHORED = 1000;

/** Serializes migrations when several processes start at once (PostgreSQL). */
const MIGRATION_LOCK = 0x636f6e66; // "conf"

/**
 * The server's storage: one implementation over SQLite and PostgreSQL (see `db.ts`), so both answer the same.
 * Everything a server process needs lives in the database, so any number of processes can share one (PostgreSQL).
 *
 * Every write to a post's comments takes the next number of that post's sequence (`posts.seq`) in the same
 * transaction, under the post row's lock, and stamps it on the comment it changed; live streams follow that sequence.
 * (A create on PostgreSQL is one call of a function in the database, which numbers it last: see migrations.ts.)
 */
export class Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Subscribers, the outbox and link tokens (see `mail-store.ts`). */
  readonly mail: MailStore;
  /** Set by the server when it sends mail. */
  hooks: StoreHooks = {};
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
    this.kind = db.kind;
    this.mail = new MailStore(db);
  }

  /** Applies pending migrations; returns the schema version. */
  async migrate(): Promise<number> {
    const steps = migrations(this.kind === 'sqlite' ? SQLITE : POSTGRES);
    const time = this.kind === 'sqlite' ? 'TEXT' : 'TIMESTAMPTZ';
    return this.#db.transaction(async (db) => {
      if (this.kind === 'postgres') await db.get('SELECT pg_advisory_xact_lock(?)', [MIGRATION_LOCK]);
      await db.run(
        `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at ${time} NOT NULL)`
      );
      const row = await db.get<{v: number | null}>('SELECT MAX(version) AS v FROM schema_migrations');
      let version = row?.v ?? 0;
      for (; version < steps.length; version++) {
        for (const statement of splitStatements(steps[version]!)) await db.run(statement);
        await db.run('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)', [
          version + 1,
          new Date().toISOString(),
        ]);
      }
      return version;
    });
  }

  /** A persistent random secret (created on first use), shared by every process on this database. */
  async secret(name: string, initial = randomBytes(32).toString('hex')): Promise<string> {
    await this.#db.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING', [name, initial]);
    return (await this.#db.get<{value: string}>('SELECT value FROM meta WHERE key = ?', [name]))!.value;
  }

  /**
   * A page of a post's threads as a viewer may see them: up to `limit` visible top-level comments after `after` in
   * `sort` order, each with its visible replies (oldest first). Held comments are left out before the limit.
   */
  async threads(
    postId: string,
    query: ThreadQuery
  ): Promise<{roots: StoredComment[]; replies: StoredComment[]; more: boolean}> {
    const {sort, viewer, anchored} = query;
    // Inline comments only: the threads about a passage, at most MAX_ANCHORED of them.
    const [after, limit] = anchored ? [undefined, MAX_ANCHORED] : [query.after, query.limit];
    const params: unknown[] = [postId, viewer];
    let where = anchored ? 'AND c.anchor IS NOT NULL' : '';
    if (after && sort === 'top') {
      where += ' AND (c.up_count < ? OR (c.up_count = ? AND (c.created_at > ? OR (c.created_at = ? AND c.id > ?))))';
      params.push(after.up ?? 0, after.up ?? 0, after.createdAt, after.createdAt, after.id);
    } else if (after) {
      where += ` AND (c.created_at, c.id) ${sort === 'newest' ? '<' : '>'} (?, ?)`;
      params.push(after.createdAt, after.id);
    }
    const dir = sort === 'newest' ? 'DESC' : 'ASC';
    const order = sort === 'top' ? 'c.up_count DESC, c.created_at ASC, c.id ASC' : `c.created_at ${dir}, c.id ${dir}`;
    params.push(limit + 1);
    const found = (
      await this.#db.all<CommentRow>(
        `SELECT ${COLUMNS} FROM comments AS c WHERE c.post_id = ? AND c.root_id = c.id AND ${VISIBLE_SQL} ${where}
         ORDER BY ${order} LIMIT ?`,
        params as never[]
      )
    ).map(toStored);
    let roots = found.slice(0, limit);
    const more = found.length > limit;
    // A first page starts with the post's pinned comments, wherever the order puts them (later pages may hold them
    // again: a reader's list keeps one of each).
    if (!after && !anchored) {
      const pinned = (
        await this.#db.all<CommentRow>(
          `SELECT ${COLUMNS} FROM comments AS c WHERE c.post_id = ? AND c.root_id = c.id AND c.pinned_at IS NOT NULL
           AND ${VISIBLE_SQL} ORDER BY c.pinned_at LIMIT ${MAX_PINS}`,
          [postId, viewer]
        )
      ).map(toStored);
      roots = [...pinned, ...roots.filter((r) => !pinned.some((p) => p.id === r.id))];
    }
    if (!roots.length) return {roots, replies: [], more};
    const rows = await this.#db.all<CommentRow>(
      `SELECT ${COLUMNS} FROM comments AS c WHERE c.root_id IN (${marks(roots.length)}) AND c.root_id <> c.id AND ${VISIBLE_SQL}
       ORDER BY c.created_at, c.id LIMIT ?`,
      [...roots.map((r) => r.id), viewer, MAX_REPLIES]
    );
    const replies = reachable([...roots, ...rows.map(toStored)]).slice(roots.length);
    return {roots, replies, more};
  }

  /**
   * The whole thread (its top-level comment and every reply) of a comment, as a viewer may see it; null when the
   * comment does not exist or the viewer may not see it.
   */
  async thread(id: string, viewer: Viewer): Promise<StoredComment[] | null> {
    const rows = await this.#db.all<CommentRow>(
      `SELECT ${COLUMNS} FROM comments AS c
       WHERE c.root_id = (SELECT root_id FROM comments WHERE id = ?) AND ${VISIBLE_SQL} ORDER BY c.created_at, c.id LIMIT ?`,
      [id, viewer, MAX_REPLIES]
    );
    const shown = reachable(rows.map(toStored));
    return shown.some((c) => c.id === id) ? shown : null;
  }

  async get(id: string): Promise<CommentRecord | null> {
    const row = await this.#db.get<RecordRow>(
      `SELECT ${COLUMNS}, c.token_hash, c.ip_hash, c.idempotency_key, c.edits FROM comments AS c WHERE c.id = ?`,
      [id]
    );
    return row ? toRecord(row) : null;
  }

  /** The comment created with an idempotency key, if any. */
  async byIdempotencyKey(key: string): Promise<CommentRecord | null> {
    const row = await this.#db.get<RecordRow>(
      `SELECT ${COLUMNS}, c.token_hash, c.ip_hash, c.idempotency_key, c.edits FROM comments AS c WHERE c.idempotency_key = ?`,
      [key]
    );
    return row ? toRecord(row) : null;
  }

  /** Where a post's sequence is now (0 for a post without comments): live updates take over after it. */
  async head(postId: string): Promise<number> {
    return (await this.#db.get<{seq: number}>('SELECT seq FROM posts WHERE post_id = ?', [postId]))?.seq ?? 0;
  }

  /**
   * The changes of a post after `after` in its sequence, oldest first: each changed comment once, as it is now.
   * Up to `limit`; the caller asks for one more than it will send to know whether it is too far behind.
   */
  async changes(postId: string, after: number, limit: number): Promise<Change[]> {
    const rows = await this.#db.all<CommentRow>(
      `SELECT ${COLUMNS} FROM comments AS c WHERE c.post_id = ? AND c.seq > ? ORDER BY c.seq LIMIT ?`,
      [postId, after, limit]
    );
    return rows.map((row) => ({seq: Number(row.seq), comment: toStored(row)}));
  }

  /**
   * Inserts a comment, atomically checking its parent and the rate limits. A reply to a held comment is held with it
   * (and published with it). With an idempotency key already used, nothing is inserted and the first comment is
   * returned (`repeated`). `within` runs in the same transaction once the comment is stored (a subscription).
   */
  async insert(
    c: NewComment,
    rate?: RateLimit,
    within?: (db: Queryable, comment: StoredComment) => Promise<void>
  ): Promise<InsertResult> {
    try {
      if (this.kind === 'postgres') return await this.#insertByFunction(c, rate, within);
      // SQLite writes one transaction at a time, in this process: the checks, the post's next number and the row.
      return await this.#db.transaction(async (db): Promise<InsertResult> => {
        if (c.idempotencyKey) {
          const first = await this.#byKey(db, c.idempotencyKey);
          if (first) return {ok: true, comment: first, repeated: true};
        }
        let status = c.status ?? 'published';
        let awaitsParent = false;
        if (c.parentId) {
          const parent = await db.get<{status: string}>('SELECT status FROM comments WHERE id = ? AND post_id = ?', [
            c.parentId,
            c.postId,
          ]);
          if (!parent) return {ok: false, reason: 'parent-not-found'};
          if (parent.status !== 'published' && status === 'published') {
            status = 'pending';
            awaitsParent = true;
          }
        }
        for (const limit of rateLimits(c, rate)) {
          const recent = await db.all<{created_at: string}>(
            `SELECT created_at FROM comments WHERE ${limit.column} = ? AND created_at > ? ORDER BY created_at DESC LIMIT ?`,
            [limit.value, limit.since, limit.max]
          );
          if (recent.length >= limit.max) {
            const oldest = Date.parse(recent[recent.length - 1]!.created_at);
            return {ok: false, reason: 'rate-limited', retryAfterMs: oldest + limit.windowMs - Date.parse(c.createdAt)};
          }
        }
        const seq = await this.#next(db, c.postId);
        // The row as stored comes back with the insert (no second read).
        const row = await db.get<CommentRow>(
          `INSERT INTO comments
           (id, post_id, parent_id, author, body, created_at, is_post_author, ip_hash, token_hash, status, reader_hash,
            body_hash, anchor, root_id, seq, was_public, awaits_parent, idempotency_key)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, COALESCE((SELECT root_id FROM comments WHERE id = ? AND post_id = ?), ?),
            ?, ?, ?, ?)
           RETURNING ${INSERTED}`,
          [
            ...rowValues(c, status),
            c.parentId,
            c.postId,
            c.id,
            seq,
            status === 'published',
            awaitsParent,
            c.idempotencyKey ?? null,
          ]
        );
        await this.#db.notify(db, c.postId);
        return this.#created(db, toStored(row!), within);
      });
    } catch (error) {
      // Two processes raced with one idempotency key: the one that lost answers with the winner's comment.
      if (c.idempotencyKey && isUniqueViolation(error)) {
        const first = await this.byIdempotencyKey(c.idempotencyKey);
        if (first) return {ok: true, comment: first, repeated: true};
      }
      throw error;
    }
  }

  /**
   * A create on PostgreSQL: one call of `confab_insert_comment` (see migrations.ts), which makes the same checks as
   * the SQLite path above. With nothing else to store alongside (no subscription, no mail hooks) the call is its own
   * transaction, numbered and told of in it: one round trip in all.
   */
  async #insertByFunction(
    c: NewComment,
    rate: RateLimit | undefined,
    within: ((db: Queryable, comment: StoredComment) => Promise<void>) | undefined
  ): Promise<InsertResult> {
    const limits = rateLimits(c, rate);
    const max = (column: Limit['column']) => limits.find((l) => l.column === column)?.max ?? 0;
    const alone = !within && !this.hooks.created && !this.hooks.published;
    const notice = alone ? this.#db.notice!(c.postId) : null;
    const params = [
      ...rowValues(c, c.status ?? 'published'),
      c.idempotencyKey ?? null,
      limits[0]?.since ?? c.createdAt,
      max('post_id'),
      max('ip_hash'),
      notice?.channel ?? null,
      notice?.payload ?? null,
    ];
    let result: InsertResult;
    try {
      if (notice) {
        const row = await this.#insertAlone(params);
        if (row.id === c.id) notice.sent();
        result = {ok: true, comment: toStored(row), repeated: row.id !== c.id};
      } else {
        result = await this.#db.transaction(async (db) => {
          const row = (await db.get<CommentRow>(INSERT_CALL, params))!;
          if (row.id !== c.id) return {ok: true, comment: toStored(row), repeated: true};
          await this.#db.notify(db, c.postId);
          return this.#created(db, toStored(row), within);
        });
      }
    } catch (error) {
      const {message, detail} = error as {message?: string; detail?: string};
      if (message === 'confab:parent-not-found') return {ok: false, reason: 'parent-not-found'};
      if (message === 'confab:rate-limited' && rate)
        return {
          ok: false,
          reason: 'rate-limited',
          retryAfterMs: Number(detail) + rate.windowMs - Date.parse(c.createdAt),
        };
      throw error;
    }
    if (!result.ok) return result;
    // A repeat answers with the first comment as it is now (a record, as on SQLite).
    if (result.repeated) return {ok: true, comment: (await this.byIdempotencyKey(c.idempotencyKey!))!, repeated: true};
    // Stored inside a longer transaction, it took its number as that committed: read once the post's row is free
    // again. The comment is stored by now: a read that fails leaves the number unknown (0) rather than answer a
    // stored comment with an error.
    if (!result.comment.seq) {
      const row = await this.#db
        .get<{seq: number}>('SELECT seq FROM comments WHERE id = ?', [result.comment.id])
        .catch(() => undefined);
      result.comment.seq = Number(row?.seq ?? 0);
    }
    return result;
  }

  /**
   * A create on PostgreSQL with nothing else to store alongside: those that come while one is being stored are
   * gathered into the next call (`confab_insert_comments`), one round trip and one commit for all of them, and the
   * post's row locked once for the lot rather than handed from one connection to the next for each. A refusal is
   * thrown as the single call throws it. Two processes whose calls lock two posts in opposite orders may deadlock:
   * PostgreSQL fails one call, whose creates are then made one by one.
   */
  readonly #insertAlone = gathered<Param[], CommentRow>(async (items) => {
    if (items.length === 1) return Promise.allSettled([this.#insertOne(items[0]!)]);
    let rows: (CommentRow & {o_refusal: string | null; o_detail: string | null})[];
    try {
      rows = await this.#db.all(INSERT_BATCH, [JSON.stringify(items)]);
    } catch (error) {
      if ((error as {code?: string}).code !== '40P01') throw error;
      return Promise.allSettled(items.map((params) => this.#insertOne(params)));
    }
    return rows.map(({o_refusal: refusal, o_detail: detail, ...row}) =>
      refusal === null ? {status: 'fulfilled', value: row} : {status: 'rejected', reason: refusalError(refusal, detail)}
    );
  }, GATHER_MAX);

  async #insertOne(params: Param[]): Promise<CommentRow> {
    return (await this.#db.get<CommentRow>(INSERT_CALL, params))!;
  }

  /** What follows a new comment in its transaction: the caller's `within` (a subscription), then the mail hooks. */
  async #created(
    db: Queryable,
    stored: StoredComment,
    within: ((db: Queryable, comment: StoredComment) => Promise<void>) | undefined
  ): Promise<InsertResult> {
    await within?.(db, stored);
    await this.hooks.created?.(db, stored);
    if (stored.moderation === 'published') await this.hooks.published?.(db, stored.id);
    return {ok: true, comment: stored, repeated: false};
  }

  /**
   * Inserts comments that are not stored yet (by id), oldest first so that a reply finds its parent's thread; returns
   * how many were added. All or nothing.
   */
  async importMany(comments: NewComment[]): Promise<number> {
    const ordered = [...comments].sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
    return this.#db.transaction(async (db) => {
      let added = 0;
      const posts = new Set<string>();
      for (const c of ordered) {
        if (await db.get('SELECT 1 FROM comments WHERE id = ?', [c.id])) continue;
        const status = c.status ?? 'published';
        const seq = await this.#next(db, c.postId);
        added += await db.run(
          `INSERT INTO comments
           (id, post_id, parent_id, author, body, created_at, is_post_author, ip_hash, token_hash, status, reader_hash,
            body_hash, anchor, root_id, seq, was_public)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, COALESCE((SELECT root_id FROM comments WHERE id = ? AND post_id = ?), ?), ?, ?)
           ON CONFLICT (id) DO NOTHING`,
          [...rowValues(c, status), c.parentId, c.postId, c.id, seq, status === 'published']
        );
        posts.add(c.postId);
      }
      for (const postId of posts) await this.#db.notify(db, postId);
      return added;
    });
  }

  /**
   * Runs an import in one transaction (all or nothing): `work` inserts rows one by one with the `insert` it is given,
   * which resolves to false for a comment already stored (by id). Rows come with their thread (`rootId`) and status
   * decided; each takes the next number of its post's sequence.
   */
  async importBatch<T>(work: (insert: (row: ImportRow) => Promise<boolean>) => Promise<T>): Promise<T> {
    return this.#db.transaction(async (db) => {
      const posts = new Set<string>();
      const insert = async (r: ImportRow): Promise<boolean> => {
        if (await db.get('SELECT 1 FROM comments WHERE id = ?', [r.id])) return false;
        const seq = await this.#next(db, r.postId);
        const up = r.reactions?.up ?? 0;
        await db.run(
          `INSERT INTO comments
           (id, post_id, parent_id, root_id, author, body, created_at, edited_at, edits, is_post_author, ip_hash, token_hash,
            status, awaits_parent, deleted_at, anchor, seq, was_public, up_count)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?)`,
          [
            r.id,
            r.postId,
            r.parentId,
            r.rootId,
            r.author,
            r.body,
            r.createdAt,
            r.editedAt ?? null,
            r.edits ?? 0,
            !!r.isPostAuthor,
            r.ipHash,
            r.status,
            !!r.awaitsParent,
            r.deleted ? r.createdAt : null,
            r.anchor ? JSON.stringify(r.anchor) : null,
            seq,
            r.status === 'published',
            up,
          ]
        );
        // Reaction counts come without their readers: each is kept as that many anonymous readers of the import.
        for (const [kind, n] of Object.entries(r.reactions ?? {})) {
          for (let i = 0; i < (n ?? 0); i++) {
            await db.run(
              'INSERT INTO reactions (comment_id, kind, reader_hash, ip_hash, created_at) VALUES (?, ?, ?, NULL, ?)',
              [r.id, kind, `import:${r.id}:${kind}:${i}`, r.createdAt]
            );
          }
        }
        posts.add(r.postId);
        return true;
      };
      const result = await work(insert);
      for (const postId of posts) await this.#db.notify(db, postId);
      return result;
    });
  }

  /**
   * Deletes every comment of one commenter (by name, case-folded, or by the hashed address), as a reader's deletion
   * would: text and token go, placeholders stay for replies. Returns how many.
   */
  async purge(by: 'name' | 'ip', value: string, at: string): Promise<number> {
    const rows = await this.#db.all<{id: string}>(
      by === 'name'
        ? 'SELECT id FROM comments WHERE lower(author) = lower(?) AND deleted_at IS NULL'
        : 'SELECT id FROM comments WHERE ip_hash = ? AND deleted_at IS NULL',
      [value]
    );
    for (const {id} of rows) await this.remove(id, at);
    return rows.length;
  }

  /** Which of these ids are stored. */
  async existing(ids: string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (let i = 0; i < ids.length; i += 500) {
      const batch = ids.slice(i, i + 500);
      for (const row of await this.#db.all<{id: string}>(
        `SELECT id FROM comments WHERE id IN (${marks(batch.length)})`,
        batch
      ))
        found.add(row.id);
    }
    return found;
  }

  /**
   * Moves every comment of a post to another post id (a URL changed), with its replies, reactions and anchors; each
   * takes the next number of the new post's sequence, so open pages of the new post see them. Returns how many.
   */
  async move(from: string, to: string): Promise<number> {
    return this.#db.transaction(async (db) => {
      const ids = await db.all<{id: string}>('SELECT id FROM comments WHERE post_id = ? ORDER BY seq', [from]);
      for (const {id} of ids) {
        const seq = await this.#next(db, to);
        await db.run('UPDATE comments SET post_id = ?, seq = ? WHERE id = ?', [to, seq, id]);
      }
      if (ids.length) {
        await this.#db.notify(db, from);
        await this.#db.notify(db, to);
      }
      return ids.length;
    });
  }

  /**
   * Every comment as an export has it, in a fixed order (post, time, id), a page at a time: what is shown (published,
   * placeholders) and what is held, with status, reactions and edits. Deleted comments without replies are gone.
   */
  async *exportAll(
    options: {postId?: string; sites?: readonly string[]} = {}
  ): AsyncGenerator<StoredComment & {reactionCounts: ReactionSummary['counts']; edits: number}> {
    let after: [string, string, string] | null = null;
    for (;;) {
      const params: unknown[] = [];
      let where = `(c.deleted_at IS NULL OR EXISTS (SELECT 1 FROM comments AS r WHERE r.parent_id = c.id AND r.deleted_at IS NULL))`;
      if (options.sites) where += ` AND ${siteFilter(options.sites, params)}`;
      if (options.postId) {
        where += ' AND c.post_id = ?';
        params.push(options.postId);
      }
      if (after) {
        where += ' AND (c.post_id, c.created_at, c.id) > (?, ?, ?)';
        params.push(...after);
      }
      const rows = await this.#db.all<CommentRow & {edits: number}>(
        `SELECT ${COLUMNS}, c.edits FROM comments AS c WHERE ${where} ORDER BY c.post_id, c.created_at, c.id LIMIT 500`,
        params as never[]
      );
      if (!rows.length) return;
      const stored = rows.map(toStored);
      const summaries = await this.reactions(
        stored.map((c) => c.id),
        null
      );
      for (const [i, c] of stored.entries())
        yield {...c, reactionCounts: summaries.get(c.id)?.counts ?? {}, edits: Number(rows[i]!.edits) || 0};
      const last = rows[rows.length - 1]!;
      after = [last.post_id, stored[stored.length - 1]!.createdAt, last.id];
      if (rows.length < 500) return;
    }
  }

  /**
   * Changes a comment's text (and, after moderation of the new text, its status). False when it does not exist or is
   * deleted.
   */
  async update(id: string, body: string, editedAt: string, status?: Status): Promise<StoredComment | null> {
    return this.#db.transaction(async (db) => {
      const found = await db.get<{post_id: string; status: string}>(
        'SELECT post_id, status FROM comments WHERE id = ? AND deleted_at IS NULL',
        [id]
      );
      if (!found) return null;
      const seq = await this.#next(db, found.post_id);
      await db.run(
        `UPDATE comments SET body = ?, edited_at = ?, edits = edits + 1, status = ?, seq = ?,
           was_public = (was_public OR ? = 'published') WHERE id = ?`,
        [body, editedAt, status ?? found.status, seq, status ?? found.status, id]
      );
      await this.#db.notify(db, found.post_id);
      return this.#storedIn(db, id);
    });
  }

  /** Deletes a comment: its text and token go; with published replies it stays as a placeholder. */
  async remove(id: string, deletedAt: string): Promise<boolean> {
    return this.#db.transaction(async (db) => {
      const found = await db.get<{post_id: string}>(
        'SELECT post_id FROM comments WHERE id = ? AND deleted_at IS NULL',
        [id]
      );
      if (!found) return false;
      const seq = await this.#next(db, found.post_id);
      await db.run(
        "UPDATE comments SET deleted_at = ?, body = '', anchor = NULL, token_hash = NULL, seq = ? WHERE id = ?",
        [deletedAt, seq, id]
      );
      await this.#db.notify(db, found.post_id);
      return true;
    });
  }

  /**
   * Gives or takes back one reader's reaction, at most once per reader, kind and comment (a replayed request changes
   * nothing), on a comment the reader may see. Refused (`limited`) past `limit.perComment` readers of one client.
   */
  async react(
    commentId: string,
    r: {kind: Reaction; readerHash: string; ipHash: string | null; on: boolean; at: string},
    limit: ReactionLimit
  ): Promise<ReactResult> {
    return this.#db.transaction(async (db): Promise<ReactResult> => {
      const target = await db.get<{post_id: string}>(
        `SELECT c.post_id FROM comments AS c WHERE c.id = ? AND c.deleted_at IS NULL AND ${VISIBLE_SQL}`,
        [commentId, r.readerHash]
      );
      if (!target) return {ok: false, reason: 'not-found'};
      let changed: number;
      if (r.on) {
        if (
          await db.get('SELECT 1 FROM reactions WHERE comment_id = ? AND kind = ? AND reader_hash = ?', [
            commentId,
            r.kind,
            r.readerHash,
          ])
        ) {
          return {ok: true, comment: (await this.#storedIn(db, commentId))!};
        }
        if (r.ipHash && limit.perComment > 0) {
          const same = await db.get<{n: number}>(
            'SELECT COUNT(*) AS n FROM reactions WHERE comment_id = ? AND kind = ? AND ip_hash = ?',
            [commentId, r.kind, r.ipHash]
          );
          if (Number(same?.n) >= limit.perComment) return {ok: false, reason: 'limited'};
        }
        changed = await db.run(
          'INSERT INTO reactions (comment_id, kind, reader_hash, ip_hash, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
          [commentId, r.kind, r.readerHash, r.ipHash, r.at]
        );
      } else {
        changed = await db.run('DELETE FROM reactions WHERE comment_id = ? AND kind = ? AND reader_hash = ?', [
          commentId,
          r.kind,
          r.readerHash,
        ]);
      }
      if (changed) {
        const seq = await this.#next(db, target.post_id);
        await db.run(
          "UPDATE comments SET up_count = (SELECT COUNT(*) FROM reactions WHERE comment_id = ? AND kind = 'up'), seq = ? WHERE id = ?",
          [commentId, seq, commentId]
        );
        await this.#db.notify(db, target.post_id);
      }
      return {ok: true, comment: (await this.#storedIn(db, commentId))!};
    });
  }

  /** Reaction counts of these comments, and the reactions of one reader (when given). */
  async reactions(commentIds: string[], readerHash: string | null): Promise<Map<string, ReactionSummary>> {
    if (!commentIds.length) return new Map();
    const counts = await this.#db.all<{comment_id: string; kind: Reaction; n: number}>(
      `SELECT comment_id, kind, COUNT(*) AS n FROM reactions WHERE comment_id IN (${marks(commentIds.length)}) GROUP BY comment_id, kind`,
      commentIds
    );
    const mine = readerHash
      ? await this.#db.all<{comment_id: string; kind: Reaction}>(
          `SELECT comment_id, kind FROM reactions WHERE reader_hash = ? AND comment_id IN (${marks(commentIds.length)})`,
          [readerHash, ...commentIds]
        )
      : [];
    return summarize(counts, mine);
  }

  /** What moderation needs to know about a new comment's author and text (`except`: the comment being edited). */
  async suspicion(c: SuspicionQuery): Promise<Suspicion> {
    if (this.kind === 'postgres') return this.#suspicions(c);
    const except = c.except ?? '';
    // One query for the three questions; the first is driven by the client.
    const row = await this.#db.get<{published: unknown; duplicate: unknown; blocked: unknown}>(
      `SELECT
         EXISTS (SELECT 1 FROM comments WHERE ${c.readerHash ? 'reader_hash' : 'ip_hash'} = ? AND id <> ?
           AND ${publishedSql('status')}) AS published,
         EXISTS (SELECT 1 FROM comments WHERE body_hash = ? AND created_at > ? AND id <> ?
           AND (post_id = ? OR ip_hash = ? OR reader_hash = ?)) AS duplicate,
         EXISTS (SELECT 1 FROM blocks WHERE (kind = 'ip' AND value = ?) OR (kind = 'name' AND value = lower(?))) AS blocked`,
      [
        c.readerHash ?? c.ipHash,
        except,
        c.bodyHash,
        c.since,
        except,
        c.postId,
        c.ipHash,
        c.readerHash,
        c.ipHash ?? '',
        c.author,
      ]
    );
    return suspicion(c, row);
  }

  /**
   * `suspicion` on PostgreSQL, where each query is a round trip: the creates that come while one is being read are
   * asked about in the next query, all together (the same three questions, a row each).
   */
  readonly #suspicions = gathered<SuspicionQuery, Suspicion>(async (items) => {
    const rows = await this.#db.all<{published: unknown; duplicate: unknown; blocked: unknown}>(
      `SELECT
         CASE WHEN q->>1 IS NOT NULL
           THEN EXISTS (SELECT 1 FROM comments WHERE reader_hash = q->>1 AND id <> q->>6 AND ${publishedSql('status')})
           ELSE EXISTS (SELECT 1 FROM comments WHERE ip_hash = q->>0 AND id <> q->>6 AND ${publishedSql('status')})
         END AS published,
         EXISTS (SELECT 1 FROM comments WHERE body_hash = q->>3 AND created_at > (q->>5)::TIMESTAMPTZ AND id <> q->>6
           AND (post_id = q->>2 OR ip_hash = q->>0 OR reader_hash = q->>1)) AS duplicate,
         EXISTS (SELECT 1 FROM blocks
           WHERE (kind = 'ip' AND value = COALESCE(q->>0, '')) OR (kind = 'name' AND value = lower(q->>4))) AS blocked
       FROM json_array_elements(?::JSON) WITH ORDINALITY AS items (q, n) ORDER BY n`,
      [
        JSON.stringify(
          items.map((c) => [c.ipHash, c.readerHash, c.postId, c.bodyHash, c.author, c.since, c.except ?? ''])
        ),
      ]
    );
    return items.map((c, i) => ({status: 'fulfilled', value: suspicion(c, rows[i])}));
  }, GATHER_MAX);

  /** Records the body hash of an edited comment, for duplicate detection. */
  async setBodyHash(id: string, bodyHash: string | null): Promise<void> {
    await this.#db.run('UPDATE comments SET body_hash = ? WHERE id = ?', [bodyHash, id]);
  }

  /** Moderation queues, newest first: held (pending), spam, or every recent comment. */
  async adminList(
    queue: 'pending' | 'spam' | 'recent' | 'reported',
    {limit, before, sites}: {limit: number; before?: Position; sites?: readonly string[]}
  ): Promise<AdminComment[]> {
    const params: unknown[] = [];
    let where = 'c.deleted_at IS NULL';
    if (sites) where += ` AND ${siteFilter(sites, params)}`;
    if (queue === 'reported') where += ' AND r.n > 0';
    else if (queue !== 'recent') {
      where += ' AND c.status = ?';
      params.push(queue);
    }
    if (before) {
      where += ' AND (c.created_at, c.id) < (?, ?)';
      params.push(before.createdAt, before.id);
    }
    params.push(limit);
    const rows = await this.#db.all<
      CommentRow & {ip_hash: string | null; reports: number | null; reported_at: string | Date | null}
    >(
      `SELECT ${COLUMNS}, c.ip_hash, r.n AS reports, r.last_at AS reported_at FROM comments AS c
       LEFT JOIN (SELECT comment_id, COUNT(*) AS n, MAX(created_at) AS last_at FROM reports GROUP BY comment_id) AS r
         ON r.comment_id = c.id
       WHERE ${where} ORDER BY c.created_at DESC, c.id DESC LIMIT ?`,
      params as never[]
    );
    return rows.map((row) => {
      const stored = toStored(row);
      const {status: _, ...comment} = toPublicFields(stored);
      const out: AdminComment = {...comment, moderation: stored.moderation, ipHash: row.ip_hash};
      if (row.reports) {
        out.reports = Number(row.reports);
        out.reportedAt = new Date(row.reported_at!).toISOString();
      }
      return out;
    });
  }

  /**
   * Moves a comment to a status. Publishing it also publishes the replies that were held only because of it. False
   * when it does not exist.
   */
  async setStatus(id: string, status: Status): Promise<boolean> {
    return this.#db.transaction(async (db) => {
      const found = await db.get<{post_id: string; status: string}>(
        'SELECT post_id, status FROM comments WHERE id = ? AND deleted_at IS NULL',
        [id]
      );
      if (!found) return false;
      const seq = await this.#next(db, found.post_id);
      await db.run(
        "UPDATE comments SET status = ?, awaits_parent = ?, seq = ?, was_public = (was_public OR ? = 'published') WHERE id = ?",
        [status, false, seq, status, id]
      );
      if (status === 'published' && found.status !== 'published') await this.hooks.published?.(db, id);
      // A moderator's approval answers the reports so far.
      if (status === 'published') await db.run('DELETE FROM reports WHERE comment_id = ?', [id]);
      if (status === 'published') {
        // Down the reply chains that waited for it, level by level (bounded by how many there are).
        for (let parents = [id]; parents.length;) {
          const waiting = await db.all<{id: string}>(
            `SELECT id FROM comments WHERE parent_id IN (${marks(parents.length)}) AND awaits_parent = ? AND deleted_at IS NULL`,
            [...parents, true]
          );
          for (const reply of waiting) {
            const next = await this.#next(db, found.post_id);
            await db.run(
              "UPDATE comments SET status = 'published', awaits_parent = ?, was_public = ?, seq = ? WHERE id = ?",
              [false, true, next, reply.id]
            );
            await this.hooks.published?.(db, reply.id);
          }
          parents = waiting.map((w) => w.id);
        }
      }
      await this.#db.notify(db, found.post_id);
      return true;
    });
  }

  /** Blocks a commenter by hashed address or by name (lower-cased). */
  async block(kind: 'ip' | 'name', value: string, at: string): Promise<void> {
    await this.#db.run('INSERT INTO blocks (kind, value, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING', [
      kind,
      kind === 'name' ? value.toLowerCase() : value,
      at,
    ]);
  }

  /** Records an admin action (or a failed sign-in). */
  async log(e: {
    at: string;
    action: string;
    target: string | null;
    detail: string | null;
    actor?: string;
  }): Promise<void> {
    await this.#db.run('INSERT INTO admin_log (at, action, target, detail, actor) VALUES (?, ?, ?, ?, ?)', [
      e.at,
      e.action,
      e.target,
      e.detail,
      e.actor ?? null,
    ]);
  }

  /** The admin log, newest first: who did what, when. */
  async adminLog(
    limit: number
  ): Promise<{at: string; action: string; target: string | null; detail: string | null; actor: string | null}[]> {
    const rows = await this.#db.all<{
      at: string | Date;
      action: string;
      target: string | null;
      detail: string | null;
      actor: string | null;
    }>('SELECT at, action, target, detail, actor FROM admin_log ORDER BY at DESC LIMIT ?', [limit]);
    return rows.map((r) => ({...r, at: new Date(r.at).toISOString()}));
  }

  /**
   * Pins a top-level published comment (first on its post's page, in every order) or unpins it; at most `MAX_PINS`
   * per post. Live readers get the change as the comment's new state.
   */
  async pin(id: string, on: boolean, at: string): Promise<'ok' | 'not-found' | 'not-top-level' | 'too-many'> {
    return this.#db
      .transaction(async (db) => {
        const found = await db.get<{post_id: string; parent_id: string | null; pinned_at: unknown}>(
          "SELECT post_id, parent_id, pinned_at FROM comments WHERE id = ? AND deleted_at IS NULL AND status = 'published'",
          [id]
        );
        if (!found) return 'not-found';
        if (found.parent_id) return 'not-top-level';
        if (on === !!found.pinned_at) return 'ok';
        // Under the post's row lock (taken by #next), so two moderators pinning at once cannot pass the limit together.
        const seq = await this.#next(db, found.post_id);
        if (on) {
          const pinned = await db.get<{n: number}>(
            'SELECT COUNT(*) AS n FROM comments WHERE post_id = ? AND pinned_at IS NOT NULL AND deleted_at IS NULL',
            [found.post_id]
          );
          if (Number(pinned?.n) >= MAX_PINS) throw new TooManyPins();
        }
        await db.run('UPDATE comments SET pinned_at = ?, seq = ? WHERE id = ?', [on ? at : null, seq, id]);
        await this.#db.notify(db, found.post_id);
        return 'ok';
      })
      .catch((error) => {
        if (error instanceof TooManyPins) return 'too-many' as const;
        throw error;
      });
  }

  /** Closes a post's thread (new comments are refused) or opens it again. */
  async setClosed(postId: string, closed: boolean, at: string): Promise<void> {
    await this.#db.transaction(async (db) => {
      await db.run(
        `INSERT INTO posts (post_id, seq, closed_at) VALUES (?, 0, ?)
         ON CONFLICT (post_id) DO UPDATE SET closed_at = excluded.closed_at`,
        [postId, closed ? at : null]
      );
      // What a post's list says changed (its cached answers go).
      await this.#db.notify(db, postId);
    });
  }

  /**
   * What a create on a post is checked against, in one query by index only (every create asks): what closing its
   * thread depends on (when a moderator closed it, when its first comment was written, its page's date, or null) and
   * the moderators' names (reserved for them).
   */
  async postingState(postId: string): Promise<PostingState> {
    if (this.kind === 'postgres') return this.#postingStates(postId);
    // A name holds no line break (`cleanName` makes every run of white space one space), so one joins them.
    // `string_agg` is PostgreSQL's, and SQLite's since 3.44 (better-sqlite3 12 bundles a later one).
    const row = await this.#db.get<PostingRow>(
      `SELECT p.closed_at, p.published_at, p.page_read_at,
         (SELECT created_at FROM comments WHERE post_id = ? ORDER BY created_at LIMIT 1) AS first_at,
         (SELECT string_agg(name, '\n') FROM moderators) AS moderators
       FROM (SELECT 1) AS one LEFT JOIN posts AS p ON p.post_id = ?`,
      [postId, postId]
    );
    return postingState(row);
  }

  /**
   * `postingState` on PostgreSQL: the creates that come while one is being read are answered by the next query,
   * each post once (creates come to one post together, under load).
   */
  readonly #postingStates = gathered<string, PostingState>(async (postIds) => {
    const posts = [...new Set(postIds)];
    const rows = await this.#db.all<PostingRow & {post_id: string}>(
      `SELECT q.post_id, p.closed_at, p.published_at, p.page_read_at,
         (SELECT MIN(created_at) FROM comments WHERE post_id = q.post_id) AS first_at,
         (SELECT string_agg(name, '\n') FROM moderators) AS moderators
       FROM json_array_elements_text(?::JSON) AS q (post_id) LEFT JOIN posts AS p ON p.post_id = q.post_id`,
      [JSON.stringify(posts)]
    );
    const byPost = new Map(rows.map((row) => [row.post_id, postingState(row)]));
    return postIds.map((postId) => ({status: 'fulfilled', value: byPost.get(postId)!}));
  }, GATHER_MAX);

  /** Records the date a post's page gives for itself (null: none), and that the page was read for it now. */
  async setPageDate(postId: string, publishedAt: string | null, at: string): Promise<void> {
    await this.#db.run(
      `INSERT INTO posts (post_id, seq, published_at, page_read_at) VALUES (?, 0, ?, ?)
       ON CONFLICT (post_id) DO UPDATE SET published_at = excluded.published_at, page_read_at = excluded.page_read_at`,
      [postId, publishedAt, at]
    );
  }

  /**
   * A post in one query: when a moderator closed its thread (or null), when its first comment was written (or null),
   * and its published comments in all (what the heading counts).
   */
  async postState(postId: string): Promise<PostDates & {total: number}> {
    const row = await this.#db.get<PostDatesRow & {total: number | string | null}>(
      `SELECT (SELECT closed_at FROM posts WHERE post_id = ?) AS closed_at,
         (SELECT published_at FROM posts WHERE post_id = ?) AS published_at, NULL AS page_read_at,
         MIN(created_at) AS first_at,
         SUM(CASE WHEN status = 'published' AND deleted_at IS NULL THEN 1 ELSE 0 END) AS total
       FROM comments WHERE post_id = ?`,
      [postId, postId, postId]
    );
    return {...postDates(row), total: Number(row?.total ?? 0)};
  }

  /**
   * A reader's report of a published comment, once per reader. At `threshold` reports from different readers the
   * comment is held for review (live readers see it go). Resolves to the comment's report count, or null when it
   * cannot be reported (gone, held already).
   */
  async report(
    id: string,
    r: {readerHash: string; ipHash: string | null; at: string},
    threshold: number
  ): Promise<{reports: number; held: boolean} | null> {
    const result = await this.#db.transaction(async (db) => {
      const found = await db.get<{status: string}>('SELECT status FROM comments WHERE id = ? AND deleted_at IS NULL', [
        id,
      ]);
      if (!found || found.status !== 'published') return null;
      await db.run(
        'INSERT INTO reports (comment_id, reader_hash, ip_hash, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
        [id, r.readerHash, r.ipHash, r.at]
      );
      const count = await db.get<{n: number}>('SELECT COUNT(*) AS n FROM reports WHERE comment_id = ?', [id]);
      return Number(count?.n ?? 0);
    });
    if (result === null) return null;
    const held = threshold > 0 && result >= threshold;
    if (held) await this.setStatus(id, 'pending');
    return {reports: result, held};
  }

  /** Adds a moderator by name, with the hash of their secret, limited to some sites (null: all). */
  async addModerator(name: string, secretHash: string, sites: string[] | null, at: string): Promise<boolean> {
    try {
      await this.#db.run('INSERT INTO moderators (name, secret_hash, sites, created_at) VALUES (?, ?, ?, ?)', [
        name,
        secretHash,
        sites ? JSON.stringify(sites) : null,
        at,
      ]);
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async removeModerator(name: string): Promise<boolean> {
    return (await this.#db.run('DELETE FROM moderators WHERE name = ?', [name])) > 0;
  }

  /** The moderator whose secret hashes to this, or null. */
  async moderatorBySecret(secretHash: string): Promise<Moderator | null> {
    const row = await this.#db.get<{name: string; sites: string | null}>(
      'SELECT name, sites FROM moderators WHERE secret_hash = ?',
      [secretHash]
    );
    return row ? {name: row.name, sites: row.sites ? (JSON.parse(row.sites) as string[]) : null} : null;
  }

  async moderators(): Promise<Moderator[]> {
    const rows = await this.#db.all<{name: string; sites: string | null}>(
      'SELECT name, sites FROM moderators ORDER BY name'
    );
    return rows.map((row) => ({name: row.name, sites: row.sites ? (JSON.parse(row.sites) as string[]) : null}));
  }

  /** Recent admin log entries of one action and target (failed sign-ins of one client). */
  async logCount(action: string, target: string, since: string): Promise<number> {
    const row = await this.#db.get<{n: number}>(
      'SELECT COUNT(*) AS n FROM admin_log WHERE action = ? AND target = ? AND at > ?',
      [action, target, since]
    );
    return Number(row?.n ?? 0);
  }

  /** Published comment counts per post (deleted ones do not count). */
  async counts(postIds: string[]): Promise<Record<string, number>> {
    const out: Record<string, number> = Object.create(null);
    for (const id of postIds) out[id] = 0;
    if (!postIds.length) return out;
    const rows = await this.#db.all<{post_id: string; n: number}>(
      `SELECT post_id, COUNT(*) AS n FROM comments WHERE deleted_at IS NULL AND status = 'published' AND post_id IN (${marks(postIds.length)})
       GROUP BY post_id`,
      postIds
    );
    for (const row of rows) out[row.post_id] = Number(row.n);
    return out;
  }

  /** Every post with published comments, in order. */
  async publishedPosts(): Promise<string[]> {
    const rows = await this.#db.all<{post_id: string}>(
      `SELECT DISTINCT post_id FROM comments WHERE status = 'published' AND deleted_at IS NULL ORDER BY post_id`
    );
    return rows.map((r) => r.post_id);
  }

  /** Remembers where a post is read (its page's address, for links in mails and feeds). */
  async setPostUrl(postId: string, url: string): Promise<void> {
    await this.#db.run(
      `INSERT INTO posts (post_id, seq, url) VALUES (?, 0, ?)
       ON CONFLICT (post_id) DO UPDATE SET url = excluded.url WHERE posts.url IS NULL OR posts.url <> excluded.url`,
      [postId, url]
    );
  }

  /** The pages' addresses of posts, where known. */
  async postUrls(postIds: string[]): Promise<Map<string, string>> {
    if (!postIds.length) return new Map();
    const rows = await this.#db.all<{post_id: string; url: string}>(
      `SELECT post_id, url FROM posts WHERE url IS NOT NULL AND post_id IN (${marks(postIds.length)})`,
      postIds
    );
    return new Map(rows.map((r) => [r.post_id, r.url]));
  }

  /** The newest published comments, of one post or (null) of the whole site, newest first: for feeds. */
  async recent(postId: string | null, limit: number, sites?: readonly string[]): Promise<StoredComment[]> {
    const params: unknown[] = postId === null ? [] : [postId];
    const site = sites ? `AND ${siteFilter(sites, params)}` : '';
    params.push(limit);
    const rows = await this.#db.all<CommentRow>(
      `SELECT ${COLUMNS} FROM comments AS c WHERE c.status = 'published' AND c.deleted_at IS NULL
       ${postId === null ? '' : 'AND c.post_id = ?'} ${site} ORDER BY c.created_at DESC, c.id DESC LIMIT ?`,
      params as never[]
    );
    return rows.map(toStored);
  }

  /**
   * The newest published replies to one reader's comments, by others, newest first: a reader's private feed, driven
   * by the reader's comments, then their replies.
   */
  async repliesTo(readerHash: string, limit: number): Promise<StoredComment[]> {
    const rows = await this.#db.all<CommentRow>(
      `SELECT ${COLUMNS} FROM comments AS c JOIN comments AS p ON p.id = c.parent_id
       WHERE p.reader_hash = ? AND (c.reader_hash IS NULL OR c.reader_hash <> ?)
         AND ${publishedSql('c.status')} AND c.deleted_at IS NULL
       ORDER BY c.created_at DESC, c.id DESC LIMIT ?`,
      [readerHash, readerHash, limit]
    );
    return rows.map(toStored);
  }

  /** A moderators' setting (kept in the database, shared by every process), or `fallback` when never set. */
  async setting(name: string, fallback: string): Promise<string> {
    const row = await this.#db.get<{value: string}>('SELECT value FROM meta WHERE key = ?', [`setting:${name}`]);
    return row?.value ?? fallback;
  }

  async setSetting(name: string, value: string): Promise<void> {
    await this.#db.run(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      [`setting:${name}`, value]
    );
  }

  /**
   * Checks that the database answers and takes writes: one read, and one write in a transaction (a full disk or a
   * read-only database fails it). Throws the database's error.
   */
  async probe(): Promise<void> {
    await this.#db.get('SELECT 1 AS ok');
    await this.#db.transaction((db) =>
      db.run(
        "INSERT INTO meta (key, value) VALUES ('health', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [new Date().toISOString()]
      )
    );
  }

  /** Calls `listener` with a post id after every committed change of that post (null: any post may have changed). */
  listen(listener: (postId: string | null) => void, events: ListenEvents): Promise<() => Promise<void>> {
    return this.#db.listen(listener, events);
  }

  close(): Promise<void> {
    return this.#db.close();
  }

  /** The next number of a post's sequence; the post row stays locked until the transaction ends. */
  async #next(db: Queryable, postId: string): Promise<number> {
    const row = await db.get<{seq: number}>(NEXT_SEQ, [postId]);
    return Number(row!.seq);
  }

  async #storedIn(db: Queryable, id: string): Promise<StoredComment | null> {
    const row = await db.get<CommentRow>(`SELECT ${COLUMNS} FROM comments AS c WHERE c.id = ?`, [id]);
    return row ? toStored(row) : null;
  }

  async #byKey(db: Queryable, key: string): Promise<CommentRecord | null> {
    const row = await db.get<RecordRow>(
      `SELECT ${COLUMNS}, c.token_hash, c.ip_hash, c.idempotency_key, c.edits FROM comments AS c WHERE c.idempotency_key = ?`,
      [key]
    );
    return row ? toRecord(row) : null;
  }
}

/** What decides whether a post's thread is closed: a moderator's closing, its first comment, its page's date. */
export interface PostDates {
  closedAt: string | null;
  firstAt: string | null;
  publishedAt: string | null;
  /** When the server last read the post's page for its date (null: never). */
  pageReadAt: string | null;
}

type Time = string | Date | null;
type PostDatesRow = {closed_at: Time; first_at: Time; published_at: Time; page_read_at: Time};

type PostingRow = PostDatesRow & {moderators: string | null};
export type PostingState = PostDates & {moderators: string[]};

function postingState(row: PostingRow | undefined): PostingState {
  return {...postDates(row), moderators: row?.moderators ? row.moderators.split('\n') : []};
}

function postDates(row: PostDatesRow | undefined): PostDates {
  const iso = (v: Time | undefined) => (v ? new Date(v).toISOString() : null);
  return {
    closedAt: iso(row?.closed_at),
    firstAt: iso(row?.first_at),
    publishedAt: iso(row?.published_at),
    pageReadAt: iso(row?.page_read_at),
  };
}

/**
 * SQL keeping the posts of some sites (by key, see sites.ts): the default site's post ids have no space, another
 * site's begin with its key and a space (a key is letters, digits and dashes: nothing LIKE reads specially).
 */
function siteFilter(keys: readonly string[], params: unknown[]): string {
  const parts = keys.map((key) => {
    if (!key) return "c.post_id NOT LIKE '% %'";
    params.push(`${key} %`);
    return 'c.post_id LIKE ?';
  });
  return parts.length ? `(${parts.join(' OR ')})` : '1 = 0';
}

/** The public fields of a stored comment, for moderators (who see held ones as they are). */
function toPublicFields(c: StoredComment): Comment {
  const comment: Comment = {
    id: c.id,
    postId: c.postId,
    parentId: c.parentId,
    author: c.author,
    body: c.body,
    createdAt: c.createdAt,
  };
  if (c.editedAt) comment.editedAt = c.editedAt;
  if (c.isPostAuthor) comment.isPostAuthor = true;
  if (c.anchor) comment.anchor = c.anchor;
  return comment;
}

type Limit = {column: 'post_id' | 'ip_hash'; value: string; max: number; since: string; windowMs: number};

/** The limits that apply to a new comment: per post, then per client, each with the start of its window. */
function rateLimits(c: NewComment, rate?: RateLimit): Limit[] {
  if (!rate) return [];
  const since = new Date(Date.parse(c.createdAt) - rate.windowMs).toISOString();
  const limits = [
    {column: 'post_id' as const, value: c.postId, max: rate.perPost ?? 0},
    {column: 'ip_hash' as const, value: c.ipHash, max: rate.max},
  ];
  return limits
    .filter((l): l is Omit<Limit, 'since' | 'windowMs'> & {value: string} => !!l.value && l.max > 0)
    .map((l) => ({...l, since, windowMs: rate.windowMs}));
}

/**
 * A new comment's first 13 columns, in the order every insert names them (id, post_id, parent_id, author, body,
 * created_at, is_post_author, ip_hash, token_hash, status, reader_hash, body_hash, anchor).
 */
function rowValues(c: NewComment, status: string): Param[] {
  return [
    c.id,
    c.postId,
    c.parentId,
    c.author,
    c.body,
    c.createdAt,
    !!c.isPostAuthor,
    c.ipHash,
    c.tokenHash,
    status,
    c.readerHash ?? null,
    c.bodyHash ?? null,
    c.anchor ? JSON.stringify(c.anchor) : null,
  ];
}

/** A refusal answered in a row of `confab_insert_comments`, as the single call raises it. */
function refusalError(refusal: string, detail: string | null): Error {
  const taken = refusal === 'confab:key-taken';
  return Object.assign(new Error(taken ? 'An Idempotency-Key taken meanwhile' : refusal), {
    code: taken ? '23505' : 'P0001',
    detail: detail ?? undefined,
  });
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as {code?: string} | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/**
 * A migration's statements, one by one (each migration is a script; drivers run one statement per call): each ends
 * with a `;` at the end of a line, except inside a function's `$$` body.
 */
function splitStatements(script: string): string[] {
  const statements: string[] = [];
  let current = '';
  for (const line of script.split('\n')) {
    current += `${line}\n`;
    const quoted = (current.match(/\$\$/g) ?? []).length % 2 === 1;
    if (!quoted && /;\s*$/.test(line)) {
      statements.push(current.trim().replace(/;$/, ''));
      current = '';
    }
  }
  statements.push(current.trim());
  return statements.filter(Boolean);
}

/** Thrown inside `pin`'s transaction to roll it back when the post has its pins already. */
class TooManyPins extends Error {}
