import {PostgresDb, type PostgresOptions} from './postgres-db.js';
import {SqliteDb} from './sqlite-db.js';
import {Store} from './store.js';

export {Store} from './store.js';
export type {Change, CommentRecord, ImportRow, NewComment, Position, RateLimit, Status} from './store.js';

/** `postgres://` or `postgresql://` URLs open PostgreSQL; anything else is a SQLite file (or `:memory:`). */
export function openStore(database: string, options: PostgresOptions = {}): Store {
  if (/^postgres(ql)?:\/\//i.test(database)) return new Store(new PostgresDb(database, options));
  return new Store(new SqliteDb(database, {busyTimeoutMs: options.statementTimeoutMs}));
}
