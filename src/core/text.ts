/**
 * Text rules shared by the widget and the server, so that both count and clean text the same way.
 */

// Bidi embeddings/overrides/isolates, zero-width characters, word joiner, BOM, soft hyphen.
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u00AD]/g;
// Runs of combining marks longer than this are trimmed ("zalgo" text).
const MAX_COMBINING = 3;
const COMBINING_RUN = /\p{M}{4,}/gu;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// C0 controls except tab, line feed and carriage return; DEL; C1 controls.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** Length in Unicode code points, the unit of every limit. */
export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** True when the text is longer than `limit` code points (counted only when its UTF-16 length could be). */
export function longerThan(text: string, limit: number): boolean {
  return text.length > limit && codePointLength(text) > limit;
}

/** True when the text holds a NUL or another control character, or a lone surrogate. */
export function hasForbiddenCharacters(text: string): boolean {
  return CONTROL.test(text) || LONE_SURROGATE.test(text);
}

/** Cleans a display name: NFC, no invisible or bidi controls, capped combining marks, single spaces, trimmed. */
export function cleanName(name: string): string {
  return name
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(COMBINING_RUN, (run) => [...run].slice(0, MAX_COMBINING).join(''))
    .replace(/\s+/g, ' ')
    .trim();
}

/** Cleans a body: NFC, Windows line endings to `\n`, trailing white space trimmed. Words are never removed. */
export function cleanBody(body: string): string {
  return body
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .trimEnd()
    .replace(/^\s*\n/, '');
}

/** Text of the post as inline comments quote and match it: NFC, no invisible characters, white space collapsed. */
export function cleanQuote(text: string): string {
  return text.normalize('NFC').replace(INVISIBLE, '').replace(/\s+/g, ' ');
}
