import {randomBytes} from 'node:crypto';
import pg from 'pg';
import type {Db, ListenEvents, Param, Queryable} from './db.js';

const CHANNEL = 'confab_changes';

export interface PostgresOptions {
  /** Connections in the pool. */
  max?: number;
  /** Giving up on connecting (or on waiting for a free connection) after this long. */
  connectTimeoutMs?: number;
  /** Giving up on a statement after this long, on the server (statement_timeout) and in the client. */
  statementTimeoutMs?: number;
  log?: (line: string) => void;
}

/** BIGINT and COUNT(*) as numbers (every count and sequence here stays far below 2^53). */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20 && format !== 'binary') return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
};

/** `?` placeholders as PostgreSQL's `$1, $2, ...` (the store's SQL has no `?` inside literals). */
const numbered = new Map<string, string>();
function placeholders(sql: string): string {
  let out = numbered.get(sql);
  if (out === undefined) {
    let n = 0;
    out = sql.replace(/\?/g, () => `$${++n}`);
    numbered.set(sql, out);
  }
  return out;
}

/** Names of prepared statements, by their text: each connection parses and plans one once, then reuses it. */
const names = new Map<string, string>();
const PREPARABLE = /^\s*(?:SELECT|INSERT|UPDATE|DELETE|WITH)\b/i;

/**
 * Runs one statement, prepared (named) where it is a query. A prepared statement whose tables changed shape under
 * it (another process migrated) is answered "cached plan must not change result type": run once more unprepared.
 */
async function query(on: pg.Pool | pg.PoolClient, sql: string, params: readonly Param[]): Promise<pg.QueryResult> {
  const text = placeholders(sql);
  const values = params as unknown[];
  let name = names.get(text);
  if (name === undefined && PREPARABLE.test(text)) names.set(text, (name = `confab_${names.size + 1}`));
  if (!name) return on.query({text, values});
  try {
    return await on.query({name, text, values});
  } catch (error) {
    if ((error as {code?: string}).code !== '0A000') throw error;
    return on.query({text, values});
  }
}

/**
 * PostgreSQL through node-postgres. Every connection the process holds has an error handler (idle or checked out,
 * and the LISTEN connection), so a database restart is an error for the requests in flight, never a crash; a
 * connection that failed or timed out is thrown away, never reused. Connection and statement timeouts make a frozen
 * database an error within seconds rather than a request that waits for ever.
 */
export class PostgresDb implements Db {
  readonly kind = 'postgres';
  readonly #pool: pg.Pool;
  readonly #url: string;
  readonly #options: Required<Omit<PostgresOptions, 'log'>> & {log: (line: string) => void};
  /** This process, in its notifications: its own changes reach its listeners at commit, not through LISTEN. */
  readonly #origin = randomBytes(6).toString('base64url');
  readonly #local = new Set<(postId: string | null) => void>();
  /** The posts each open transaction has changed, told to this process's listeners when it commits. */
  readonly #notified = new WeakMap<Queryable, Set<string>>();

  constructor(url: string, options: PostgresOptions = {}) {
    this.#url = url;
    this.#options = {
      max: options.max ?? 10,
      connectTimeoutMs: options.connectTimeoutMs ?? 5000,
      statementTimeoutMs: options.statementTimeoutMs ?? 10_000,
      log: options.log ?? ((line) => console.error(`[confab] ${line}`)),
    };
    this.#pool = new pg.Pool({
      connectionString: url,
      max: this.#options.max,
      connectionTimeoutMillis: this.#options.connectTimeoutMs,
      statement_timeout: this.#options.statementTimeoutMs,
      query_timeout: this.#options.statementTimeoutMs + 1000,
      idleTimeoutMillis: 30_000,
      keepAlive: true,
      types,
    });
    // An idle connection that dies (a restart) is replaced by the pool.
    this.#pool.on('error', (error) => this.#options.log(`PostgreSQL connection lost: ${error.message}`));
    // A checked-out connection that dies raises 'error' on the client itself: handled, and the query in flight fails.
    this.#pool.on('connect', (client) => client.on('error', () => {}));
  }

  async all<T>(sql: string, params: readonly Param[] = []): Promise<T[]> {
    return (await query(this.#pool, sql, params)).rows as T[];
  }

  async get<T>(sql: string, params?: readonly Param[]): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  async run(sql: string, params: readonly Param[] = []): Promise<number> {
    return (await query(this.#pool, sql, params)).rowCount ?? 0;
  }

  async transaction<T>(work: (db: Queryable) => Promise<T>): Promise<T> {
    const client = await this.#pool.connect();
    const db = queryable(client);
    let failure: Error | undefined;
    try {
      const notified = new Set<string>();
      this.#notified.set(db, notified);
      await client.query('BEGIN');
      const result = await work(db);
      // Its notifications go with the COMMIT, in one round trip: a simple query (the only kind that holds several
      // statements), so the payloads are literals, escaped by the driver.
      const payloads = [...notified].map((postId) => client.escapeLiteral(`${this.#origin} ${postId}`));
      const notify = payloads.map((payload) => `pg_notify('${CHANNEL}', ${payload})`).join(', ');
      await client.query(notify ? `SELECT ${notify}; COMMIT` : 'COMMIT');
      for (const postId of notified) this.#tell(postId);
      return result;
    } catch (error) {
      failure = error as Error;
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      // A connection that failed mid-transaction (restart, timeout) may be unusable: the pool throws it away.
      client.release(failure && isConnectionError(failure) ? failure : undefined);
    }
  }

  async exec(script: string): Promise<void> {
    await this.#pool.query(script);
  }

  async notify(db: Queryable, postId: string): Promise<void> {
    // The payload names this process first (its name holds no space; a stored post id may, see sites.ts): other
    // processes hear it, this one is told at commit. In a transaction it is sent with the commit (see transaction).
    const notified = this.#notified.get(db);
    if (notified) return void notified.add(postId);
    await db.run('SELECT pg_notify(?, ?)', [CHANNEL, `${this.#origin} ${postId}`]);
    this.#tell(postId);
  }

  notice(postId: string): {channel: string; payload: string; sent(): void} {
    return {channel: CHANNEL, payload: `${this.#origin} ${postId}`, sent: () => this.#tell(postId)};
  }

  #tell(postId: string): void {
    for (const listener of this.#local) listener(postId);
  }

  /**
   * A dedicated LISTEN connection. When it is lost (a restart, a failover) it reconnects with growing waits, and once
   * back it says so, so that readers are caught up on whatever was committed while it was away.
   */
  async listen(listener: (postId: string | null) => void, events: ListenEvents): Promise<() => Promise<void>> {
    let client: pg.Client | null = null;
    let stopped = false;
    let lostAt = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const connect = async (): Promise<void> => {
      const c = new pg.Client({
        connectionString: this.#url,
        connectionTimeoutMillis: this.#options.connectTimeoutMs,
        keepAlive: true,
      });
      let dropped = false;
      const drop = (error: Error) => {
        if (dropped) return;
        dropped = true;
        if (client === c) client = null;
        c.end().catch(() => {});
        if (stopped) return;
        if (!lostAt) {
          lostAt = Date.now();
          events.lost(error);
        }
        retry(1000);
      };
      c.on('error', drop);
      c.on('end', () => drop(new Error('Connection ended')));
      c.on('notification', (message) => {
        if (message.channel !== CHANNEL) return;
        const payload = message.payload ?? '';
        const space = payload.indexOf(' ');
        if (space < 0) return listener(payload || null);
        if (payload.slice(0, space) !== this.#origin) listener(payload.slice(space + 1) || null);
      });
      await c.connect();
      await c.query(`LISTEN ${CHANNEL}`);
      if (stopped) {
        await c.end().catch(() => {});
        return;
      }
      client = c;
      if (lostAt) {
        const down = Date.now() - lostAt;
        lostAt = 0;
        events.restored(down);
        listener(null);
      }
    };

    const retry = (wait: number) => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        connect().catch((error: Error) => {
          if (stopped) return;
          if (!lostAt) {
            lostAt = Date.now();
            events.lost(error);
          }
          retry(Math.min(wait * 2, 10_000));
        });
      }, wait);
      timer.unref();
    };

    try {
      await connect();
    } catch (error) {
      stopped = true;
      clearTimeout(timer);
      throw error;
    }
    this.#local.add(listener);
    return async () => {
      stopped = true;
      this.#local.delete(listener);
      clearTimeout(timer);
      await client?.end().catch(() => {});
    };
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }
}

function queryable(client: pg.PoolClient): Queryable {
  return {
    all: async <T>(sql: string, params: readonly Param[] = []) => (await query(client, sql, params)).rows as T[],
    get: async <T>(sql: string, params: readonly Param[] = []) =>
      (await query(client, sql, params)).rows[0] as T | undefined,
    run: async (sql: string, params: readonly Param[] = []) => (await query(client, sql, params)).rowCount ?? 0,
  };
}

/** An error after which the connection cannot be trusted (as opposed to a constraint or syntax error). */
function isConnectionError(error: Error): boolean {
  const code = (error as {code?: string}).code ?? '';
  // P0: raised by the schema's own functions (see migrations.ts).
  return !/^(23|22|42|40|P0)/.test(code);
}
