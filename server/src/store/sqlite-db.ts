import {EventEmitter} from 'node:events';
import {mkdirSync} from 'node:fs';
import {dirname} from 'node:path';
import Database from 'better-sqlite3';
import type {Db, ListenEvents, Param, Queryable} from './db.js';

/** How often another process's commits are looked for (PRAGMA data_version: one cheap read). */
const POLL_MS = 500;

/**
 * SQLite through better-sqlite3: one file, WAL journal (readers never block the writer), statements prepared once.
 * The driver is synchronous; this layer makes transactions asynchronous and exclusive: while one is open, every other
 * statement of this process waits for it, so no request ever reads another's uncommitted rows.
 */
export class SqliteDb implements Db {
  readonly kind = 'sqlite';
  readonly #db: Database.Database;
  readonly #statements = new Map<string, Database.Statement>();
  readonly #events = new EventEmitter().setMaxListeners(0);
  /** Resolves when the open transaction (if any) has finished. */
  #lock: Promise<void> = Promise.resolve();
  #locked = false;

  /** `busyTimeoutMs`: how long a statement waits for another process's write lock before failing (503). */
  constructor(file: string, {busyTimeoutMs = 5000}: {busyTimeoutMs?: number} = {}) {
    if (file !== ':memory:' && !file.startsWith('file:')) mkdirSync(dirname(file), {recursive: true});
    this.#db = new Database(file);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('synchronous = NORMAL');
    this.#db.pragma(`busy_timeout = ${Math.round(busyTimeoutMs)}`);
    this.#db.pragma('foreign_keys = ON');
  }

  /** Statements run directly on the connection (inside a transaction, or once no transaction is open). */
  readonly #direct: Queryable = {
    all: async <T>(sql: string, params: readonly Param[] = []) => this.#prepare(sql).all(...bind(params)) as T[],
    get: async <T>(sql: string, params: readonly Param[] = []) =>
      this.#prepare(sql).get(...bind(params)) as T | undefined,
    run: async (sql: string, params: readonly Param[] = []) => {
      const statement = this.#prepare(sql);
      // A statement with RETURNING is a reader in better-sqlite3's terms: run it with all().
      return statement.reader ? statement.all(...bind(params)).length : statement.run(...bind(params)).changes;
    },
  };

  async all<T>(sql: string, params?: readonly Param[]): Promise<T[]> {
    while (this.#locked) await this.#lock;
    return this.#direct.all<T>(sql, params);
  }

  async get<T>(sql: string, params?: readonly Param[]): Promise<T | undefined> {
    while (this.#locked) await this.#lock;
    return this.#direct.get<T>(sql, params);
  }

  async run(sql: string, params?: readonly Param[]): Promise<number> {
    while (this.#locked) await this.#lock;
    return this.#direct.run(sql, params);
  }

  async transaction<T>(work: (db: Queryable) => Promise<T>): Promise<T> {
    while (this.#locked) await this.#lock;
    let release!: () => void;
    this.#locked = true;
    this.#lock = new Promise((resolve) => (release = resolve));
    const notified = new Set<string>();
    this.#pending = notified;
    try {
      this.#prepare('BEGIN IMMEDIATE').run();
      let result: T;
      try {
        result = await work(this.#direct);
        this.#prepare('COMMIT').run();
      } catch (error) {
        if (this.#db.inTransaction) this.#prepare('ROLLBACK').run();
        throw error;
      }
      for (const postId of notified) this.#events.emit('change', postId);
      return result;
    } finally {
      this.#pending = null;
      this.#locked = false;
      release();
    }
  }

  #pending: Set<string> | null = null;

  async notify(_db: Queryable, postId: string): Promise<void> {
    if (this.#pending) this.#pending.add(postId);
    else this.#events.emit('change', postId);
  }

  async exec(script: string): Promise<void> {
    while (this.#locked) await this.#lock;
    this.#db.exec(script);
  }

  async listen(listener: (postId: string | null) => void, _events: ListenEvents): Promise<() => Promise<void>> {
    this.#events.on('change', listener);
    // Another process on the same file commits without telling us: data_version changes when it does.
    const version = this.#db.prepare('PRAGMA data_version').pluck();
    let seen = version.get();
    const timer = setInterval(() => {
      if (!this.#db.open || this.#locked) return;
      try {
        const now = version.get();
        if (now !== seen) {
          seen = now;
          listener(null);
        }
      } catch {
        // The database is closing or unreadable: the next request reports it.
      }
    }, POLL_MS);
    timer.unref();
    return async () => {
      clearInterval(timer);
      this.#events.off('change', listener);
    };
  }

  async close(): Promise<void> {
    while (this.#locked) await this.#lock;
    this.#events.removeAllListeners();
    if (this.#db.open) this.#db.close();
  }

  #prepare(sql: string): Database.Statement {
    let statement = this.#statements.get(sql);
    if (!statement) this.#statements.set(sql, (statement = this.#db.prepare(sql)));
    return statement;
  }
}

/** better-sqlite3 binds no booleans and no undefined: 1/0 and NULL. */
function bind(params: readonly Param[]): (string | number | null)[] {
  return params.map((p) => (p === undefined ? null : typeof p === 'boolean' ? (p ? 1 : 0) : p));
}
