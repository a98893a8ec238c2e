import {PostgresStore} from './postgres.js';
import {SqliteStore} from './sqlite.js';
import type {Store} from './store.js';

export type {Store} from './store.js';

/** `postgres://` or `postgresql://` URLs open PostgreSQL; anything else is a SQLite file (or `:memory:`). */
export function openStore(database: string): Store {
  return /^postgres(ql)?:\/\//i.test(database) ? new PostgresStore(database) : new SqliteStore(database);
}
