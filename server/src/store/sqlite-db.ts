import {EventEmitter} from 'node:events';
import {mkdirSync} from 'node:fs';
import {dirname} from 'node:path';
import Database from 'better-sqlite3';
import type {Db, ListenEvents, Param, Queryable} from './db.js';

/** At most this many transactions share one commit (statements waiting meanwhile go between groups). */
const GROUP_SIZE = 64;

interface Job {
  work: (db: Queryable) => Promise<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** How often another process's commits are looked for (PRAGMA data_version: one cheap read). */
const POLL_MS = 500;

/**
 * SQLite through better-sqlite3: one file, WAL journal (readers never block the writer), statements prepared once.
 * The driver is synchronous; this layer makes transactions asynchronous and exclusive: while one is open, every other
 * write of this process waits for it. They wait in a queue, in order, and each is woken alone when its turn comes
 * (not all of them on every commit). Statements that only read go to a second connection of their own, which sees
 * what is committed and nothing else: no request ever reads another's uncommitted rows, and none waits for a commit
 * to read (an in-memory database, which a second connection would not see, has one connection for both).
 */
export class SqliteDb implements Db {
  readonly kind = 'sqlite';
  readonly #db: Database.Database;
  /** The connection for statements that only read (the writer's own for an in-memory database). */
  readonly #reader: Database.Database;
  readonly #statements = new Map<string, Database.Statement>();
  readonly #reads = new Map<string, Database.Statement>();
  readonly #events = new EventEmitter().setMaxListeners(0);
  /** Whether a transaction (or a statement) holds the connection. */
  #busy = false;
  /** Those waiting for the connection, first come first served: the holder hands it to the next, waking only it. */
  readonly #waiting: (() => void)[] = [];
  /** Transactions waiting for their group. */
  readonly #jobs: Job[] = [];
  /** Whether a group is running or waiting for its turn. */
  #grouping = false;

  /** `busyTimeoutMs`: how long a statement waits for another process's write lock before failing (503). */
  constructor(file: string, {busyTimeoutMs = 5000}: {busyTimeoutMs?: number} = {}) {
    if (file !== ':memory:' && !file.startsWith('file:')) mkdirSync(dirname(file), {recursive: true});
    this.#db = new Database(file);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('synchronous = NORMAL');
    this.#db.pragma(`busy_timeout = ${Math.round(busyTimeoutMs)}`);
    this.#db.pragma('foreign_keys = ON');
    const memory = file === ':memory:' || /^file:.*mode=memory/.test(file) || file === '';
    this.#reader = memory ? this.#db : new Database(file, {readonly: true});
    if (this.#reader !== this.#db) this.#reader.pragma(`busy_timeout = ${Math.round(busyTimeoutMs)}`);
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

  all<T>(sql: string, params?: readonly Param[]): Promise<T[]> {
    const read = this.#read(sql);
    if (read) return Promise.resolve().then(() => read.all(...bind(params ?? [])) as T[]);
    return this.#single(() => this.#direct.all<T>(sql, params));
  }

  get<T>(sql: string, params?: readonly Param[]): Promise<T | undefined> {
    const read = this.#read(sql);
    if (read) return Promise.resolve().then(() => read.get(...bind(params ?? [])) as T | undefined);
    return this.#single(() => this.#direct.get<T>(sql, params));
  }

  /**
   * A statement that only reads, prepared on the reading connection; undefined for one that writes (or with one
   * connection), which takes its turn on the writer.
   */
  #read(sql: string): Database.Statement | undefined {
    if (this.#reader === this.#db) return undefined;
    let statement = this.#reads.get(sql);
    if (statement === undefined) {
      const writer = this.#prepare(sql);
      if (!writer.readonly) return undefined;
      this.#reads.set(sql, (statement = this.#reader.prepare(sql)));
    }
    return statement;
  }

  run(sql: string, params?: readonly Param[]): Promise<number> {
    return this.#single(() => this.#direct.run(sql, params));
  }

  /**
   * A statement outside a transaction: at once when nobody holds the connection (the driver is synchronous, so nothing
   * comes between it and its result), else in line.
   */
  #single<T>(work: () => Promise<T>): Promise<T> {
    return this.#busy ? this.#turn(work) : work();
  }

  /** Runs `work` once the connection is free (at once if it is), holding it until `work` settles. */
  async #turn<T>(work: () => Promise<T>): Promise<T> {
    if (this.#busy) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    else this.#busy = true;
    try {
      return await work();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#busy = false;
    }
  }

  /**
   * Transactions are committed in groups: those that wait while one runs join the next commit, each in its own
   * savepoint (one that fails undoes only itself), and none is answered before the commit that stores it. One commit
   * writes the shared pages (indexes, the post's row) once for the group, which is most of a write's cost.
   */
  transaction<T>(work: (db: Queryable) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#jobs.push({work, resolve: resolve as (value: unknown) => void, reject});
      if (!this.#grouping) {
        this.#grouping = true;
        void this.#turn(() => this.#group());
      }
    });
  }

  /** Runs waiting transactions (up to a group's size) in one transaction; queues the next group if more wait. */
  async #group(): Promise<void> {
    const done: [Job, unknown][] = [];
    let taken = 0;
    const notified = new Set<string>();
    this.#pending = notified;
    /** Every transaction of the group so far fails with `error`: nothing of it was stored. */
    const fail = (error: unknown, job?: Job) => {
      job?.reject(error);
      for (const [j] of done) j.reject(error);
    };
    try {
      try {
        this.#prepare('BEGIN IMMEDIATE').run();
      } catch (error) {
        // Another process holds the write lock past the busy timeout: the first in line is told; the rest try again.
        return fail(error, this.#jobs.shift());
      }
      for (;;) {
        // One turn of the event loop before committing: writes that requests being read now are about to make join
        // this commit (their reads do not wait for it), instead of each paying its own.
        if (!this.#jobs.length && taken && taken < GROUP_SIZE) await new Promise((resolve) => setImmediate(resolve));
        if (!this.#jobs.length || taken++ >= GROUP_SIZE) break;
        const job = this.#jobs.shift()!;
        try {
          this.#prepare('SAVEPOINT confab_job').run();
          const result = await job.work(this.#direct);
          this.#prepare('RELEASE confab_job').run();
          done.push([job, result]);
        } catch (error) {
          if (!this.#db.inTransaction) return fail(error, job); // SQLite rolled it all back (a full disk, I/O).
          try {
            this.#prepare('ROLLBACK TO confab_job').run();
            this.#prepare('RELEASE confab_job').run();
          } catch (undo) {
            if (this.#db.inTransaction) this.#prepare('ROLLBACK').run();
            return fail(undo, job);
          }
          job.reject(error);
        }
      }
      try {
        this.#prepare('COMMIT').run();
      } catch (error) {
        if (this.#db.inTransaction) this.#prepare('ROLLBACK').run();
        return fail(error);
      }
      for (const postId of notified) this.#events.emit('change', postId);
      for (const [job, result] of done) job.resolve(result);
    } catch (error) {
      // Not one of the outcomes above (a rollback that failed): nothing of the group is taken as stored.
      try {
        if (this.#db.inTransaction) this.#prepare('ROLLBACK').run();
      } catch {
        // The connection is unusable; the next statement says so.
      }
      fail(error);
    } finally {
      this.#pending = null;
      if (this.#jobs.length) void this.#turn(() => this.#group());
      else this.#grouping = false;
    }
  }

  #pending: Set<string> | null = null;

  async notify(_db: Queryable, postId: string): Promise<void> {
    if (this.#pending) this.#pending.add(postId);
    else this.#events.emit('change', postId);
  }

  exec(script: string): Promise<void> {
    return this.#turn(async () => void this.#db.exec(script));
  }

  async listen(listener: (postId: string | null) => void, _events: ListenEvents): Promise<() => Promise<void>> {
    this.#events.on('change', listener);
    // Another process on the same file commits without telling us: data_version changes when it does.
    const version = this.#db.prepare('PRAGMA data_version').pluck();
    let seen = version.get();
    const timer = setInterval(() => {
      if (!this.#db.open || this.#busy) return;
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

  close(): Promise<void> {
    return this.#turn(async () => {
      this.#events.removeAllListeners();
      if (this.#reader !== this.#db && this.#reader.open) this.#reader.close();
      if (this.#db.open) this.#db.close();
    });
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
