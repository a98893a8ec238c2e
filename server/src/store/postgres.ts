import {randomBytes} from 'node:crypto';
import pg from 'pg';
import type {Comment} from '../../../src/core/types.js';
import {migrations, POSTGRES} from './migrations.js';
import {PUBLIC_COLUMNS, VISIBLE, rateLimits, toComment, toPublic, type CommentRow} from './rows.js';
import type {AdminComment, CommentRecord, InsertResult, NewComment, Position, RateLimit, ReactionSummary, Status, Store} from './store.js';
import type {Reaction} from '../../../src/core/types.js';
import {summarize, topAfter} from './rows.js';

const CHANNEL = 'confab_comments';
/** Serializes migrations when several processes start at once. */
const MIGRATION_LOCK = 0x636f6e66; // "conf"

const MIGRATIONS = migrations(POSTGRES);

/**
 * PostgreSQL through node-postgres. The server keeps nothing in memory that another process would need: rate limits
 * are counted in the database under an advisory lock, and new comments reach every process through LISTEN/NOTIFY.
 */
export class PostgresStore implements Store {
  readonly kind = 'postgres';
  readonly #pool: pg.Pool;
  readonly #url: string;

  constructor(url: string, options: {max?: number} = {}) {
    this.#url = url;
    this.#pool = new pg.Pool({connectionString: url, max: options.max ?? 10});
    // An idle client losing its connection must not crash the process; the pool replaces it.
    this.#pool.on('error', (error) => console.error('[confab] PostgreSQL connection error:', error.message));
  }

  async migrate(): Promise<number> {
    return this.#transaction(async (db) => {
      await db.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await db.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)');
      const {rows} = await db.query<{v: number | null}>('SELECT MAX(version) AS v FROM schema_migrations');
      let version = rows[0]?.v ?? 0;
      for (; version < MIGRATIONS.length; version++) {
        await db.query(MIGRATIONS[version]!);
        await db.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, now())', [version + 1]);
      }
      return version;
    });
  }

  async secret(name: string, initial = randomBytes(32).toString('hex')): Promise<string> {
    await this.#pool.query('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [name, initial]);
    const {rows} = await this.#pool.query<{value: string}>('SELECT value FROM meta WHERE key = $1', [name]);
    return rows[0]!.value;
  }

  async threads(postId: string, options: {after?: Position; limit: number; sort: 'oldest' | 'newest' | 'top'}) {
    const found = await this.#page(postId, {...options, limit: options.limit + 1}, 'AND root_id = id');
    const roots = found.slice(0, options.limit);
    const more = found.length > options.limit;
    if (!roots.length) return {roots, replies: [], more};
    const {rows} = await this.#pool.query<CommentRow>(
      `SELECT ${PUBLIC_COLUMNS} FROM comments WHERE root_id = ANY($1) AND root_id <> id AND ${VISIBLE} ORDER BY created_at, id`,
      [roots.map((r) => r.id)]
    );
    return {roots, replies: rows.map(toComment), more};
  }

  async thread(id: string): Promise<Comment[] | null> {
    const {rows} = await this.#pool.query<CommentRow>(
      `SELECT ${PUBLIC_COLUMNS} FROM comments
       WHERE root_id = (SELECT root_id FROM comments WHERE id = $1) AND ${VISIBLE} ORDER BY created_at, id`,
      [id]
    );
    return rows.length ? rows.map(toComment) : null;
  }

  async list(postId: string, options: {after?: Position; limit: number; sort: 'oldest' | 'newest' | 'top'}) {
    return this.#page(postId, options, '');
  }

  async #page(postId: string, {after, limit, sort}: {after?: Position; limit: number; sort: 'oldest' | 'newest' | 'top'}, only: string) {
    const op = sort === 'newest' ? '<' : '>';
    const dir = sort === 'newest' ? 'DESC' : 'ASC';
    const params: unknown[] = [postId, limit];
    let where = '';
    if (after && sort === 'top') {
      params.push(after.up ?? 0, after.createdAt, after.id);
      where = `AND ${topAfter('$3', '$4::timestamptz', '$5')}`;
    } else if (after) {
      params.push(after.createdAt, after.id);
      where = `AND (created_at, id) ${op} ($3::timestamptz, $4)`;
    }
    const order = sort === 'top' ? 'up_count DESC, created_at ASC, id ASC' : `created_at ${dir}, id ${dir}`;
    const {rows} = await this.#pool.query<CommentRow>(
      `SELECT ${PUBLIC_COLUMNS} FROM comments WHERE post_id = $1 ${only} AND ${VISIBLE} ${where} ORDER BY ${order} LIMIT $2`,
      params
    );
    return rows.map(toComment);
  }

  async react(commentId: string, kind: Reaction, readerHash: string, on: boolean, at: string): Promise<boolean> {
    return this.#transaction(async (db) => {
      // Locks the comment row: concurrent reactions to one comment recount in turn.
      const found = await db.query('SELECT 1 FROM comments WHERE id = $1 AND deleted_at IS NULL FOR UPDATE', [commentId]);
      if (!found.rowCount) return false;
      if (on) {
        await db.query(
          'INSERT INTO reactions (comment_id, kind, reader_hash, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
          [commentId, kind, readerHash, at]
        );
      } else {
        await db.query('DELETE FROM reactions WHERE comment_id = $1 AND kind = $2 AND reader_hash = $3', [commentId, kind, readerHash]);
      }
      await db.query(
        "UPDATE comments SET up_count = (SELECT COUNT(*) FROM reactions WHERE comment_id = $1 AND kind = 'up') WHERE id = $1",
        [commentId]
      );
      return true;
    });
  }

  async reactions(commentIds: string[], readerHash: string | null): Promise<Map<string, ReactionSummary>> {
    if (!commentIds.length) return new Map();
    const counts = await this.#pool.query<{comment_id: string; kind: Reaction; n: string}>(
      'SELECT comment_id, kind, COUNT(*) AS n FROM reactions WHERE comment_id = ANY($1) GROUP BY comment_id, kind',
      [commentIds]
    );
    const mine = readerHash
      ? await this.#pool.query<{comment_id: string; kind: Reaction}>(
          'SELECT comment_id, kind FROM reactions WHERE reader_hash = $1 AND comment_id = ANY($2)',
          [readerHash, commentIds]
        )
      : {rows: []};
    return summarize(counts.rows, mine.rows);
  }

  async latest(postId: string): Promise<string | null> {
    const {rows} = await this.#pool.query<{id: string}>(
      'SELECT id FROM comments WHERE post_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1',
      [postId]
    );
    return rows[0]?.id ?? null;
  }

  async get(id: string): Promise<CommentRecord | null> {
    const {rows} = await this.#pool.query<CommentRow & {token_hash: string | null; ip_hash: string | null}>(
      `SELECT ${PUBLIC_COLUMNS}, token_hash, ip_hash FROM comments WHERE id = $1`,
      [id]
    );
    const row = rows[0];
    return row ? {...toComment(row), tokenHash: row.token_hash, ipHash: row.ip_hash, deleted: row.deleted_at !== null} : null;
  }

  async insert(c: NewComment, rate?: RateLimit): Promise<InsertResult> {
    return this.#transaction(async (db): Promise<InsertResult> => {
      if (c.parentId) {
        const parent = await db.query('SELECT 1 FROM comments WHERE id = $1 AND post_id = $2', [c.parentId, c.postId]);
        if (!parent.rowCount) return {ok: false, reason: 'parent-not-found'};
      }
      for (const {column, value, max, since, windowMs} of rateLimits(c, rate)) {
        // Creates of one post (or one client) are serialized, so concurrent requests cannot slip past together.
        await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${column}:${value}`]);
        const {rows} = await db.query<{created_at: Date}>(
          `SELECT created_at FROM comments WHERE ${column} = $1 AND created_at > $2 ORDER BY created_at DESC LIMIT $3`,
          [value, since, max]
        );
        if (rows.length >= max) {
          const oldest = rows[rows.length - 1]!.created_at.getTime();
          return {ok: false, reason: 'rate-limited', retryAfterMs: oldest + windowMs - Date.parse(c.createdAt)};
        }
      }
      await this.#insertRow(db, c);
      // Delivered to every listening process when this transaction commits; held comments are not broadcast.
      if ((c.status ?? 'published') === 'published') await db.query('SELECT pg_notify($1, $2)', [CHANNEL, c.id]);
      return {ok: true};
    });
  }

  async importMany(comments: NewComment[]): Promise<number> {
    return this.#transaction(async (db) => {
      let added = 0;
      // Oldest first, so that a reply finds its parent's thread.
      const ordered = [...comments].sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
      for (const c of ordered) added += await this.#insertRow(db, c, true);
      return added;
    });
  }

  async update(id: string, body: string, editedAt: string): Promise<Comment | null> {
    const {rows} = await this.#pool.query<CommentRow>(
      `UPDATE comments SET body = $1, edited_at = $2 WHERE id = $3 AND deleted_at IS NULL RETURNING ${PUBLIC_COLUMNS}`,
      [body, editedAt, id]
    );
    return rows[0] ? toComment(rows[0]) : null;
  }

  async remove(id: string, deletedAt: string): Promise<boolean> {
    const result = await this.#pool.query(
      "UPDATE comments SET deleted_at = $1, body = '', token_hash = NULL WHERE id = $2 AND deleted_at IS NULL",
      [deletedAt, id]
    );
    return (result.rowCount ?? 0) > 0;
  }

  async suspicion(c: {ipHash: string | null; readerHash: string | null; postId: string; bodyHash: string | null; author: string; since: string}) {
    const [published, duplicate, blocked] = await Promise.all([
      this.#pool.query(
        c.readerHash
          ? "SELECT 1 FROM comments WHERE status = 'published' AND reader_hash = $1 LIMIT 1"
          : "SELECT 1 FROM comments WHERE status = 'published' AND ip_hash = $1 LIMIT 1",
        [c.readerHash ?? c.ipHash]
      ),
      c.bodyHash
        ? this.#pool.query(
            'SELECT 1 FROM comments WHERE body_hash = $1 AND created_at > $2 AND (post_id = $3 OR ip_hash = $4 OR reader_hash = $5) LIMIT 1',
            [c.bodyHash, c.since, c.postId, c.ipHash, c.readerHash]
          )
        : {rowCount: 0},
      this.#pool.query("SELECT 1 FROM blocks WHERE (kind = 'ip' AND value = $1) OR (kind = 'name' AND value = lower($2)) LIMIT 1", [
        c.ipHash ?? '',
        c.author,
      ]),
    ]);
    return {firstTime: !published.rowCount, duplicate: !!duplicate.rowCount, blocked: !!blocked.rowCount};
  }

  async adminList(queue: 'pending' | 'spam' | 'recent', {limit, before}: {limit: number; before?: Position}): Promise<AdminComment[]> {
    const params: unknown[] = [limit];
    let where = 'deleted_at IS NULL';
    if (queue !== 'recent') {
      params.push(queue);
      where += ` AND status = $${params.length}`;
    }
    if (before) {
      params.push(before.createdAt, before.id);
      where += ` AND (created_at, id) < ($${params.length - 1}::timestamptz, $${params.length})`;
    }
    const {rows} = await this.#pool.query<CommentRow & {ip_hash: string | null}>(
      `SELECT ${PUBLIC_COLUMNS}, ip_hash FROM comments WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT $1`,
      params
    );
    return rows.map((row) => ({...toPublic(toComment({...row, status: 'published'})), moderation: row.status as Status, ipHash: row.ip_hash}));
  }

  async setStatus(id: string, status: Status): Promise<boolean> {
    return this.#transaction(async (db) => {
      const result = await db.query('UPDATE comments SET status = $1 WHERE id = $2 AND deleted_at IS NULL', [status, id]);
      if (!result.rowCount) return false;
      if (status === 'published') await db.query('SELECT pg_notify($1, $2)', [CHANNEL, id]);
      return true;
    });
  }

  async block(kind: 'ip' | 'name', value: string, at: string): Promise<void> {
    await this.#pool.query('INSERT INTO blocks (kind, value, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
      kind,
      kind === 'name' ? value.toLowerCase() : value,
      at,
    ]);
  }

  async log(e: {at: string; action: string; target: string | null; detail: string | null}): Promise<void> {
    await this.#pool.query('INSERT INTO admin_log (at, action, target, detail) VALUES ($1, $2, $3, $4)', [e.at, e.action, e.target, e.detail]);
  }

  async logCount(action: string, target: string, since: string): Promise<number> {
    const {rows} = await this.#pool.query<{n: string}>('SELECT COUNT(*) AS n FROM admin_log WHERE action = $1 AND target = $2 AND at > $3', [
      action,
      target,
      since,
    ]);
    return Number(rows[0]!.n);
  }

  async counts(postIds: string[]): Promise<Record<string, number>> {
    const out: Record<string, number> = Object.create(null);
    for (const id of postIds) out[id] = 0;
    if (!postIds.length) return out;
    const {rows} = await this.#pool.query<{post_id: string; n: string}>(
      "SELECT post_id, COUNT(*) AS n FROM comments WHERE deleted_at IS NULL AND status = 'published' AND post_id = ANY($1) GROUP BY post_id",
      [postIds]
    );
    for (const row of rows) out[row.post_id] = Number(row.n);
    return out;
  }

  async listen(listener: (comment: Comment) => void): Promise<() => Promise<void>> {
    // A dedicated connection, reconnecting if the database restarts.
    let client: pg.Client | null = null;
    let stopped = false;
    const connect = async (): Promise<void> => {
      const c = new pg.Client({connectionString: this.#url});
      c.on('error', () => {});
      c.on('end', () => {
        if (!stopped) setTimeout(() => connect().catch(() => {}), 1000);
      });
      c.on('notification', async (message) => {
        if (message.channel !== CHANNEL || !message.payload) return;
        try {
          const record = await this.get(message.payload);
          if (record && !record.deleted) listener(toPublic(record));
        } catch (error) {
          console.error('[confab] Could not read a notified comment:', (error as Error).message);
        }
      });
      await c.connect();
      await c.query(`LISTEN ${CHANNEL}`);
      client = c;
    };
    await connect();
    return async () => {
      stopped = true;
      await client?.end().catch(() => {});
    };
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }

  async #insertRow(db: pg.PoolClient, c: NewComment, ignoreExisting = false): Promise<number> {
    const result = await db.query(
      `INSERT INTO comments (id, post_id, parent_id, author, body, created_at, is_post_author, ip_hash, token_hash, status,
         reader_hash, body_hash, anchor, root_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13,
         COALESCE((SELECT root_id FROM comments WHERE id = $3 AND post_id = $2), $1))
       ${ignoreExisting ? ' ON CONFLICT (id) DO NOTHING' : ''}`,
      [c.id, c.postId, c.parentId, c.author, c.body, c.createdAt, !!c.isPostAuthor, c.ipHash, c.tokenHash,
        c.status ?? 'published', c.readerHash ?? null, c.bodyHash ?? null, c.anchor ? JSON.stringify(c.anchor) : null]
    );
    return result.rowCount ?? 0;
  }

  async #transaction<T>(work: (db: pg.PoolClient) => Promise<T>): Promise<T> {
    const db = await this.#pool.connect();
    try {
      await db.query('BEGIN');
      const result = await work(db);
      await db.query('COMMIT');
      return result;
    } catch (error) {
      await db.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      db.release();
    }
  }
}
