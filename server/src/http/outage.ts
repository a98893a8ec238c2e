import type {Outage} from '../store/errors.js';

/** What to tell a client (and an operator reading the health check) about a database outage. */
export function outageMessage(kind: 'sqlite' | 'postgres', outage: Outage): string {
  const name = kind === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  switch (outage) {
    case 'storage-full':
      return `The ${name} database has no room left to store comments. Try again later.`;
    case 'read-only':
      return `The ${name} database is read-only right now. Try again later.`;
    default:
      return `The ${name} database is not answering. Try again in a moment.`;
  }
}
