import type {Anchor} from './types.js';

/** Where an anchor's quote is in the post's text now; `exact` is false when the quote was found edited. */
export interface Located {
  start: number;
  end: number;
  exact: boolean;
}

/** How alike an edited passage must still be (bigram Dice coefficient) to count as the quoted one. */
const SIMILAR = 0.7;

/**
 * Finds an anchor's quote in the post's text (as `cleanQuote` gives it), or `null` when it is gone.
 *
 * Exact occurrences come first, the one whose surrounding text best matches the stored prefix and suffix winning,
 * then the one nearest the stored position. When the quote is no longer there word for word (the post was edited),
 * windows between where its prefix and suffix still are, and around the old position, are compared with it; the most
 * similar one wins if it is similar enough.
 */
export function locate(text: string, anchor: Anchor): Located | null {
  const {quote, prefix, suffix, position} = anchor;
  let best: Located | null = null;
  let bestScore = -Infinity;
  // (A phrase repeated more than a thousand times is not told apart any further.)
  for (let i = text.indexOf(quote), n = 0; i >= 0 && n < 1000; i = text.indexOf(quote, i + 1), n++) {
    const end = i + quote.length;
    const score =
      sharedEnd(text.slice(Math.max(0, i - prefix.length), i), prefix) +
      sharedStart(text.slice(end, end + suffix.length), suffix);
    // Context decides; distance only breaks ties.
    const total = score - Math.abs(i - position) / (text.length + 1);
    if (total > bestScore) {
      bestScore = total;
      best = {start: i, end, exact: true};
    }
  }
  return best ?? approximate(text, anchor);
}

function approximate(text: string, {quote, prefix, suffix, position}: Anchor): Located | null {
  const starts = new Set<number>([position]);
  const ends = new Set<number>([position + quote.length]);
  const head = quote.slice(0, 12);
  const tail = quote.slice(-12);
  if (prefix.length >= 8)
    for (let i = text.indexOf(prefix); i >= 0 && starts.size < 50; i = text.indexOf(prefix, i + 1))
      starts.add(i + prefix.length);
  if (suffix.length >= 8)
    for (let i = text.indexOf(suffix); i >= 0 && ends.size < 50; i = text.indexOf(suffix, i + 1)) ends.add(i);
  for (let i = text.indexOf(head); i >= 0 && starts.size < 100; i = text.indexOf(head, i + 1)) starts.add(i);
  for (let i = text.indexOf(tail); i >= 0 && ends.size < 100; i = text.indexOf(tail, i + 1)) ends.add(i + tail.length);
  let best: Located | null = null;
  let bestScore = SIMILAR;
  const consider = (start: number, end: number) => {
    if (start < 0 || end > text.length || end - start < quote.length * 0.6 || end - start > quote.length * 1.5) return;
    const score = dice(text.slice(start, end), quote);
    if (score > bestScore) {
      bestScore = score;
      best = {start, end, exact: false};
    }
  };
  for (const start of starts) {
    consider(start, start + quote.length);
    for (const end of ends) consider(start, end);
  }
  for (const end of ends) consider(end - quote.length, end);
  return best;
}

/** Bigram Dice coefficient: 1 for equal strings, near 0 for unrelated ones. */
export function dice(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  const bigrams = new Map<string, number>();
  for (let i = 0; i < a.length - 1; i++) {
    const bigram = a.slice(i, i + 2);
    bigrams.set(bigram, (bigrams.get(bigram) ?? 0) + 1);
  }
  let shared = 0;
  for (let i = 0; i < b.length - 1; i++) {
    const bigram = b.slice(i, i + 2);
    const n = bigrams.get(bigram);
    if (n) {
      bigrams.set(bigram, n - 1);
      shared++;
    }
  }
  return (2 * shared) / (a.length + b.length - 2);
}

const sharedStart = (a: string, b: string) => {
  let n = 0;
  while (n < a.length && a[n] === b[n]) n++;
  return n;
};
const sharedEnd = (a: string, b: string) => {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
};

/** The anchor for a passage of the post's text: the quote, its context on each side, and its position. */
export function anchorAt(text: string, start: number, end: number, paragraph = false): Anchor {
  // Never split a surrogate pair (an emoji), and keep within the quote limit.
  const edge = (i: number) => (/[\uDC00-\uDFFF]/.test(text[i] ?? '') ? i - 1 : i);
  start = edge(start);
  end = edge(Math.min(end, start + 1000));
  const from = edge(Math.max(0, start - 32));
  const to = edge(Math.min(text.length, end + 32));
  const anchor: Anchor = {
    quote: text.slice(start, end),
    prefix: text.slice(from, start),
    suffix: text.slice(end, to),
    position: start,
  };
  if (paragraph) anchor.paragraph = true;
  return anchor;
}
