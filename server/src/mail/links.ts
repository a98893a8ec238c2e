import {createHmac, randomBytes, timingSafeEqual} from 'node:crypto';
import {hashToken} from '../http/tokens.js';

/** What a signed link may do: confirm an address, or stop mail (about one post, or all). */
export type LinkPurpose = 'confirm' | 'unsubscribe';

const mac = (key: string, payload: string) => createHmac('sha256', key).update(payload).digest('base64url');

/**
 * A signed, expiring link token: `payload.signature`, where the payload says what it is for, about whom and until
 * when. Stateless (any process checks it with the shared key); used for links that may be followed more than once
 * with the same effect (confirming, unsubscribing).
 */
export function signLink(key: string, purpose: LinkPurpose, subject: string, expiresAt: number): string {
  const payload = Buffer.from(JSON.stringify([purpose, subject, Math.floor(expiresAt / 1000)])).toString('base64url');
  return `${payload}.${mac(key, payload)}`;
}

/** The subject of a signed link token, or why it is refused. */
export function verifyLink(
  key: string,
  purpose: LinkPurpose,
  token: string,
  now = Date.now()
): {ok: true; subject: string} | {ok: false; reason: 'invalid' | 'expired'} {
  const [payload = '', signature = ''] = token.split('.');
  const expected = Buffer.from(mac(key, payload));
  const given = Buffer.from(signature);
  if (!payload || given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return {ok: false, reason: 'invalid'};
  }
  let fields: unknown;
  try {
    fields = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return {ok: false, reason: 'invalid'};
  }
  if (
    !Array.isArray(fields) ||
    fields[0] !== purpose ||
    typeof fields[1] !== 'string' ||
    typeof fields[2] !== 'number'
  ) {
    return {ok: false, reason: 'invalid'};
  }
  if (fields[2] * 1000 < now) return {ok: false, reason: 'expired'};
  return {ok: true, subject: fields[1]};
}

/** A single-use token (one-click moderation): the link carries it, the database keeps only its hash. */
export function oneTimeToken(): {token: string; hash: string} {
  const token = randomBytes(24).toString('base64url');
  return {token, hash: hashToken(token)};
}

/**
 * The signed time a no-script form was made (`<ms>.<signature>`, about one post): lets the server tell how long the
 * reader had it before sending, without trusting the client's clock or storing anything.
 */
export function signIssued(key: string, postId: string, at: number): string {
  return `${at}.${mac(key, `form:${postId}:${at}`)}`;
}

/** When a no-script form was made, or null when the field is missing, malformed or not signed by this site. */
export function verifyIssued(key: string, postId: string, value: string): number | null {
  const [at = '', signature = ''] = value.split('.');
  if (!/^\d{1,15}$/.test(at)) return null;
  const expected = Buffer.from(mac(key, `form:${postId}:${at}`));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected) ? Number(at) : null;
}
