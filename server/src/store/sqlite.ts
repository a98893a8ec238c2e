import {EventEmitter} from 'node:events';
import {randomBytes} from 'node:crypto';
import {mkdirSync} from 'node:fs';
import {dirname} from 'node:path';
import Database from 'better-sqlite3';
import type {Comment} from '../../../src/core/types.js';
import {migrations, SQLITE} from './migrations.js';
import {PUBLIC_COLUMNS, VISIBLE, rateLimits, toComment, toPublic, type CommentRow} from './rows.js';
import type {AdminComment, CommentRecord, InsertResult, NewComment, Position, RateLimit, ReactionSummary, Status, Store} from './store.js';
import type {Reaction} from '../../../src/core/types.js';
import {summarize, topAfter} from './rows.js';

const MIGRATIONS = migrations(SQLITE);

/**
 * SQLite through better-sqlite3: one file, WAL journal (readers never block the writer), every write a transaction,
 * so a comment acknowledged to a client survives the process being killed. Live updates are in-process.
 */
export class SqliteStore implements Store {
  readonly kind = 'sqlite';
  readonly #db: Database.Database;
  readonly #events = new EventEmitter().setMaxListeners(0);
  readonly #statements = new Map<string, Database.Statement>();

  constructor(file: string) {
    if (file !== ':memory:' && !file.startsWith('file:')) mkdirSync(dirname(file), {recursive: true});
    this.#db = new Database(file);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('synchronous = NORMAL');
    this.#db.pragma('busy_timeout = 5000');
    this.#db.pragma('foreign_keys = ON');
  }

  async migrate(): Promise<number> {
    const db = this.#db;
    db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    const apply = db.transaction(() => {
      const row = this.#prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as {v: number | null};
      let version = row.v ?? 0;
      for (; version < MIGRATIONS.length; version++) {
        db.exec(MIGRATIONS[version]!);
        this.#prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(version + 1, new Date().toISOString());
      }
      return version;
    });
    return apply.immediate();
  }

  async secret(name: string, initial = randomBytes(32).toString('hex')): Promise<string> {
    this.#prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run(name, initial);
    return (this.#prepare('SELECT value FROM meta WHERE key = ?').get(name) as {value: string}).value;
  }

  async threads(postId: string, options: {after?: Position; limit: number; sort: 'oldest' | 'newest' | 'top'}) {
    const found = await this.#page(postId, {...options, limit: options.limit + 1}, 'AND root_id = id');
    const roots = found.slice(0, options.limit);
    const more = found.length > options.limit;
    if (!roots.length) return {roots, replies: [], more};
    const rows = this.#prepare(
      `SELECT ${PUBLIC_COLUMNS} FROM comments WHERE root_id IN (${roots.map(() => '?').join(',')}) AND root_id <> id
       AND ${VISIBLE} ORDER BY created_at, id`
    ).all(...roots.map((r) => r.id)) as CommentRow[];
    return {roots, replies: rows.map(toComment), more};
  }

  async thread(id: string): Promise<Comment[] | null> {
    const found = this.#prepare('SELECT root_id FROM comments WHERE id = ?').get(id) as {root_id: string} | undefined;
    if (!found) return null;
    const rows = this.#prepare(
      `SELECT ${PUBLIC_COLUMNS} FROM comments WHERE root_id = ? AND ${VISIBLE} ORDER BY created_at, id`
    ).all(found.root_id) as CommentRow[];
    return rows.map(toComment);
  }

  async list(postId: string, options: {after?: Position; limit: number; sort: 'oldest' | 'newest' | 'top'}) {
    return this.#page(postId, options, '');
  }

  async #page(postId: string, {after, limit, sort}: {after?: Position; limit: number; sort: 'oldest' | 'newest' | 'top'}, only: string) {
    const op = sort === 'newest' ? '<' : '>';
    const dir = sort === 'newest' ? 'DESC' : 'ASC';
    let where = '';
    let params: unknown[] = [postId, limit];
    if (after && sort === 'top') {
      where = `AND ${topAfter('?', '?', '?')}`;
      params = [postId, after.up ?? 0, after.up ?? 0, after.createdAt, after.createdAt, after.id, limit];
    } else if (after) {
      where = `AND (created_at ${op} ? OR (created_at = ? AND id ${op} ?))`;
      params = [postId, after.createdAt, after.createdAt, after.id, limit];
    }
    const order = sort === 'top' ? 'up_count DESC, created_at ASC, id ASC' : `created_at ${dir}, id ${dir}`;
    const rows = this.#prepare(
      `SELECT ${PUBLIC_COLUMNS} FROM comments WHERE post_id = ? ${only} AND ${VISIBLE} ${where} ORDER BY ${order} LIMIT ?`
    ).all(...params) as CommentRow[];
    return rows.map(toComment);
  }

  async react(commentId: string, kind: Reaction, readerHash: string, on: boolean, at: string): Promise<boolean> {
    const run = this.#db.transaction(() => {
      if (!this.#prepare('SELECT 1 FROM comments WHERE id = ? AND deleted_at IS NULL').get(commentId)) return false;
      if (on) this.#prepare('INSERT OR IGNORE INTO reactions (comment_id, kind, reader_hash, created_at) VALUES (?, ?, ?, ?)').run(commentId, kind, readerHash, at);
      else this.#prepare('DELETE FROM reactions WHERE comment_id = ? AND kind = ? AND reader_hash = ?').run(commentId, kind, readerHash);
      this.#prepare("UPDATE comments SET up_count = (SELECT COUNT(*) FROM reactions WHERE comment_id = ? AND kind = 'up') WHERE id = ?").run(commentId, commentId);
      return true;
    });
    return run.immediate();
  }

  async reactions(commentIds: string[], readerHash: string | null): Promise<Map<string, ReactionSummary>> {
    if (!commentIds.length) return new Map();
    const marks = commentIds.map(() => '?').join(',');
    const counts = this.#prepare(
      `SELECT comment_id, kind, COUNT(*) AS n FROM reactions WHERE comment_id IN (${marks}) GROUP BY comment_id, kind`
    ).all(...commentIds) as {comment_id: string; kind: Reaction; n: number}[];
    const mine = readerHash
      ? (this.#prepare(`SELECT comment_id, kind FROM reactions WHERE reader_hash = ? AND comment_id IN (${marks})`).all(
          readerHash,
          ...commentIds
        ) as {comment_id: string; kind: Reaction}[])
      : [];
    return summarize(counts, mine);
  }

  async latest(postId: string): Promise<string | null> {
    const row = this.#prepare('SELECT id FROM comments WHERE post_id = ? ORDER BY created_at DESC, id DESC LIMIT 1').get(postId) as
      | {id: string}
      | undefined;
    return row?.id ?? null;
  }

  async get(id: string): Promise<CommentRecord | null> {
    const row = this.#prepare(`SELECT ${PUBLIC_COLUMNS}, token_hash, ip_hash FROM comments WHERE id = ?`)
      .get(id) as (CommentRow & {token_hash: string | null; ip_hash: string | null}) | undefined;
    return row ? {...toComment(row), tokenHash: row.token_hash, ipHash: row.ip_hash, deleted: row.deleted_at !== null} : null;
  }

  async insert(c: NewComment, rate?: RateLimit): Promise<InsertResult> {
    const db = this.#db;
    const run = db.transaction((): InsertResult => {
      if (c.parentId && !this.#prepare('SELECT 1 FROM comments WHERE id = ? AND post_id = ?').get(c.parentId, c.postId)) {
        return {ok: false, reason: 'parent-not-found'};
      }
      for (const {column, value, max, since, windowMs} of rateLimits(c, rate)) {
        const recent = this.#prepare(
          `SELECT created_at FROM comments WHERE ${column} = ? AND created_at > ? ORDER BY created_at DESC LIMIT ?`
        ).all(value, since, max) as {created_at: string}[];
        if (recent.length >= max) {
          const oldest = Date.parse(recent[recent.length - 1]!.created_at);
          return {ok: false, reason: 'rate-limited', retryAfterMs: oldest + windowMs - Date.parse(c.createdAt)};
        }
      }
      this.#insertRow(c);
      return {ok: true};
    });
    const result = run.immediate();
    if (result.ok && (c.status ?? 'published') === 'published') this.#events.emit('comment', this.#publicOf(c));
    return result;
  }

  async importMany(comments: NewComment[]): Promise<number> {
    // Oldest first, so that a reply finds its parent's thread.
    const ordered = [...comments].sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
    const run = this.#db.transaction(() => ordered.reduce((n, c) => n + this.#insertRow(c, true), 0));
    return run.immediate();
  }

  async update(id: string, body: string, editedAt: string): Promise<Comment | null> {
    const info = this.#prepare('UPDATE comments SET body = ?, edited_at = ? WHERE id = ? AND deleted_at IS NULL')
      .run(body, editedAt, id);
    if (!info.changes) return null;
    const record = await this.get(id);
    return record ? toPublic(record) : null;
  }

  async remove(id: string, deletedAt: string): Promise<boolean> {
    const info = this.#prepare("UPDATE comments SET deleted_at = ?, body = '', token_hash = NULL WHERE id = ? AND deleted_at IS NULL")
      .run(deletedAt, id);
    return info.changes > 0;
  }

  async suspicion(c: {ipHash: string | null; readerHash: string | null; postId: string; bodyHash: string | null; author: string; since: string}) {
    const published = this.#prepare(
      c.readerHash
        ? "SELECT 1 FROM comments WHERE status = 'published' AND reader_hash = ? LIMIT 1"
        : "SELECT 1 FROM comments WHERE status = 'published' AND ip_hash = ? LIMIT 1"
    ).get(c.readerHash ?? c.ipHash);
    const duplicate =
      c.bodyHash &&
      this.#prepare(
        'SELECT 1 FROM comments WHERE body_hash = ? AND created_at > ? AND (post_id = ? OR ip_hash = ? OR reader_hash = ?) LIMIT 1'
      ).get(c.bodyHash, c.since, c.postId, c.ipHash, c.readerHash);
    const blocked = this.#prepare(
      "SELECT 1 FROM blocks WHERE (kind = 'ip' AND value = ?) OR (kind = 'name' AND value = lower(?)) LIMIT 1"
    ).get(c.ipHash ?? '', c.author);
    return {firstTime: !published, duplicate: !!duplicate, blocked: !!blocked};
  }

  async adminList(queue: 'pending' | 'spam' | 'recent', {limit, before}: {limit: number; before?: Position}): Promise<AdminComment[]> {
    const where = queue === 'recent' ? 'deleted_at IS NULL' : 'status = ? AND deleted_at IS NULL';
    const page = before ? 'AND (created_at < ? OR (created_at = ? AND id < ?))' : '';
    const params = [...(queue === 'recent' ? [] : [queue]), ...(before ? [before.createdAt, before.createdAt, before.id] : []), limit];
    const rows = this.#prepare(
      `SELECT ${PUBLIC_COLUMNS}, ip_hash FROM comments WHERE ${where} ${page} ORDER BY created_at DESC, id DESC LIMIT ?`
    ).all(...params) as (CommentRow & {ip_hash: string | null})[];
    return rows.map((row) => ({...toPublic(toComment({...row, status: 'published'})), moderation: row.status as Status, ipHash: row.ip_hash}));
  }

  async setStatus(id: string, status: Status): Promise<boolean> {
    const changed = this.#prepare('UPDATE comments SET status = ? WHERE id = ? AND deleted_at IS NULL').run(status, id).changes > 0;
    if (changed && status === 'published') {
      const record = await this.get(id);
      if (record) this.#events.emit('comment', toPublic({...record, status: undefined}));
    }
    return changed;
  }

  async block(kind: 'ip' | 'name', value: string, at: string): Promise<void> {
    this.#prepare('INSERT OR IGNORE INTO blocks (kind, value, created_at) VALUES (?, ?, ?)').run(kind, kind === 'name' ? value.toLowerCase() : value, at);
  }

  async log(e: {at: string; action: string; target: string | null; detail: string | null}): Promise<void> {
    this.#prepare('INSERT INTO admin_log (at, action, target, detail) VALUES (?, ?, ?, ?)').run(e.at, e.action, e.target, e.detail);
  }

  async logCount(action: string, target: string, since: string): Promise<number> {
    return (this.#prepare('SELECT COUNT(*) AS n FROM admin_log WHERE action = ? AND target = ? AND at > ?').get(action, target, since) as {n: number}).n;
  }

  async counts(postIds: string[]): Promise<Record<string, number>> {
    const out: Record<string, number> = Object.create(null);
    for (const id of postIds) out[id] = 0;
    if (!postIds.length) return out;
    const rows = this.#prepare(
        `SELECT post_id, COUNT(*) AS n FROM comments WHERE deleted_at IS NULL AND status = 'published' AND post_id IN (${postIds.map(() => '?').join(',')})
         GROUP BY post_id`
      )
      .all(...postIds) as {post_id: string; n: number}[];
    for (const row of rows) out[row.post_id] = row.n;
    return out;
  }

  async listen(listener: (comment: Comment) => void): Promise<() => Promise<void>> {
    this.#events.on('comment', listener);
    return async () => {
      this.#events.off('comment', listener);
    };
  }

  async close(): Promise<void> {
    this.#events.removeAllListeners();
    if (this.#db.open) this.#db.close();
  }

  /** Prepared statements are compiled once and reused. */
  #prepare(sql: string): Database.Statement {
    let statement = this.#statements.get(sql);
    if (!statement) this.#statements.set(sql, (statement = this.#db.prepare(sql)));
    return statement;
  }

  /** Inserts one row; with `ignoreExisting`, a row whose id exists is skipped. Returns 1 when inserted. */
  #insertRow(c: NewComment, ignoreExisting = false): number {
    return this.#prepare(
        `INSERT ${ignoreExisting ? 'OR IGNORE ' : ''}INTO comments
         (id, post_id, parent_id, author, body, created_at, is_post_author, ip_hash, token_hash, status, reader_hash, body_hash,
          anchor, root_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, COALESCE((SELECT root_id FROM comments WHERE id = ? AND post_id = ?), ?))`
      )
      .run(c.id, c.postId, c.parentId, c.author, c.body, c.createdAt, c.isPostAuthor ? 1 : 0, c.ipHash, c.tokenHash,
        c.status ?? 'published', c.readerHash ?? null, c.bodyHash ?? null, c.anchor ? JSON.stringify(c.anchor) : null,
        c.parentId, c.postId, c.id)
      .changes;
  }

  #publicOf(c: NewComment): Comment {
    return toPublic({...c, status: undefined});
  }
}
