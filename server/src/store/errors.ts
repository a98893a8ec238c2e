/** Why the database refused, when it is the database's state rather than the request that is at fault. */
export type Outage = 'unavailable' | 'storage-full' | 'read-only';

/**
 * Classifies a driver error: a database that is down, restarting, frozen (timeouts), full or read-only. Anything else
 * (a bug, a constraint) is not an outage and stays a 500.
 */
export function outageOf(error: unknown): Outage | null {
  if (!error || typeof error !== 'object') return null;
  const {code, message} = error as {code?: unknown; message?: unknown};
  const text = typeof message === 'string' ? message : '';
  if (typeof code === 'string') {
    // SQLite (better-sqlite3 codes).
    if (code === 'SQLITE_FULL') return 'storage-full';
    if (code.startsWith('SQLITE_READONLY')) return 'read-only';
    if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_CANTOPEN'))
      return 'unavailable';
    // PostgreSQL SQLSTATEs: disk full, out of memory, too many connections; read-only transaction; connection
    // exceptions, operator intervention (shutdown, cannot connect now), statement timeout (57014).
    if (code === '53100') return 'storage-full';
    if (code === '25006') return 'read-only';
    if (/^(08|53|57)/.test(code)) return 'unavailable';
    // Node's own socket errors.
    if (/^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENOTFOUND|EAI_AGAIN)$/.test(code)) return 'unavailable';
    // File system errors under SQLite.
    if (code === 'ENOSPC') return 'storage-full';
  }
  // node-postgres' own messages for a lost, timed-out or closed connection.
  if (
    /Connection terminated|timeout exceeded when trying to connect|Query read timeout|Client has encountered a connection error|Connection ended|The database connection is not open|Cannot use a pool after calling end/i.test(
      text
    )
  ) {
    return 'unavailable';
  }
  return null;
}
