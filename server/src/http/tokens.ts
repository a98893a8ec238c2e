import {createHash, randomBytes, timingSafeEqual} from 'node:crypto';

/** A new edit token: 256 random bits, base64url. Only its hash is stored. */
export const newToken = () => randomBytes(32).toString('base64url');

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
