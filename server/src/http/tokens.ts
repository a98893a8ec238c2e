import {createHash, randomBytes, timingSafeEqual} from 'node:crypto';

/** Random bytes for the next tokens, drawn 256 tokens at a time (one draw for each costs more than the rest of it). */
let pool = Buffer.alloc(0);
let used = 0;

/** A new edit token: 256 random bits, base64url. Only its hash is stored. */
export function newToken(): string {
  if (used + 32 > pool.length) {
    pool = randomBytes(32 * 256);
    used = 0;
  }
  return pool.subarray(used, (used += 32)).toString('base64url');
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Compares a presented token with a stored hash in constant time. */
export function tokenMatches(token: string, storedHash: string | null): boolean {
  if (!storedHash || !token) return false;
  const presented = Buffer.from(hashToken(token), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

/** A salted hash of a client key, so that addresses are never stored. */
export const hashClient = (salt: string, key: string) =>
  createHash('sha256').update(`${salt}:${key}`).digest('hex').slice(0, 32);
