const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';
let sequence = 0;

/**
 * A new comment id: the creation time in base 36, a sequence number (so ids made in one millisecond still sort in
 * the order they were made) and random characters.
 * Uses `crypto.getRandomValues`, available in browsers (secure or not) and in Node 20.
 */
export function newId(now = Date.now()): string {
  let rand = '';
  for (const b of crypto.getRandomValues(new Uint8Array(12))) rand += ALPHABET[b % 36];
  sequence = (sequence + 1) % 1679616; // 36^4
  return now.toString(36).padStart(9, '0') + sequence.toString(36).padStart(4, '0') + '-' + rand;
}
