/**
 * The thin layer between the one SQL store and a database driver. Statements are written once, with `?`
 * placeholders, in the SQL both SQLite and PostgreSQL understand (`ON CONFLICT`, `RETURNING`, row values, window
 * functions); each driver file translates only what must differ: placeholders, booleans, timestamps and bigints,
 * prepared-statement caching, transactions, timeouts and connection errors.
 */
export type Param = string | number | boolean | null | undefined;

export interface Queryable {
  /** Every row of a query. */
  all<T>(sql: string, params?: readonly Param[]): Promise<T[]>;
  /** The first row, or undefined. */
  get<T>(sql: string, params?: readonly Param[]): Promise<T | undefined>;
  /** Runs a statement; resolves to the number of rows it changed. */
  run(sql: string, params?: readonly Param[]): Promise<number>;
}

export interface Db extends Queryable {
  readonly kind: 'sqlite' | 'postgres';
  /**
   * Runs `work` in one transaction: committed when it resolves, rolled back when it throws. On SQLite the write lock
   * is taken at the start (`BEGIN IMMEDIATE`), so concurrent writers wait instead of failing.
   */
  transaction<T>(work: (db: Queryable) => Promise<T>): Promise<T>;
  /** Runs a script of several statements (migrations), without parameters. */
  exec(script: string): Promise<void>;
  /** Calls `listener` with a post id whenever a write on that post commits, in any process on this database. */
  listen(listener: (postId: string | null) => void, events: ListenEvents): Promise<() => Promise<void>>;
  /** Tells listeners in every process that a post changed (delivered when the surrounding transaction commits). */
  notify(db: Queryable, postId: string): Promise<void>;
  /**
   * PostgreSQL: the change notice of a post for a statement that is a transaction of its own and sends it itself
   * (`pg_notify(channel, payload)` in the statement); `sent()` once it has committed tells this process's listeners.
   */
  notice?(postId: string): {channel: string; payload: string; sent(): void};
  close(): Promise<void>;
}

/** What a database's change feed reports besides changes: losing and regaining its connection. */
export interface ListenEvents {
  /** The feed is down; changes may be missed until `restored`. */
  lost(error: Error): void;
  /** The feed is back: anything may have changed meanwhile (`listener` is then called with null). */
  restored(downMs: number): void;
}

/** `?, ?, ?` for n values. */
export const marks = (n: number) => Array.from({length: n}, () => '?').join(', ');
