const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';
let sequence = 0;

/** Random bytes drawn for many ids at once (a server makes thousands a second; each draw has its cost). */
const pool = new Uint8Array(960);
let used = pool.length;

/**
 * A new comment id: the creation time in base 36, a sequence number (so ids made in one millisecond still sort in
 * the order they were made) and random characters.
 * Uses `crypto.getRandomValues`, available in browsers (secure or not) and in Node 20.
 */
export function newId(now = Date.now()): string {
  if (used + 12 > pool.length) {
    crypto.getRandomValues(pool);
    used = 0;
  }
  let rand = '';
  for (let i = 0; i < 12; i++) rand += ALPHABET[pool[used++]! % 36];
  sequence = (sequence + 1) % 1679616; // 36^4
  return now.toString(36).padStart(9, '0') + sequence.toString(36).padStart(4, '0') + '-' + rand;
}
