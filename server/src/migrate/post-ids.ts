import {readFile} from 'node:fs/promises';
import {isValidPostId, postIdOf} from 'confab/core';
import {SourceError} from './source.js';

/** One `old -> new` line of a `--map` file: `*` matches any text, and stands for what it matched on the right. */
export interface MapRule {
  from: string;
  to: string;
  pattern: RegExp;
}

/**
 * Reads a `--map` file: one `old -> new` rule a line (blank lines and `#` comments ignored), first match wins.
 * `/2013/* -> /blog/2013/*` moves a whole tree; `/?p=4 -> /leadership-vs-management` renames one post.
 */
export async function readMap(file: string): Promise<MapRule[]> {
  const rules: MapRule[] = [];
  for (const [i, raw] of (await readFile(file, 'utf8')).split(/\r?\n/).entries()) {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) continue;
    const parts = line.split(/\s*->\s*/);
    if (parts.length !== 2 || !parts[0] || !parts[1])
      throw new SourceError(`Line ${i + 1} of the map is not "old -> new": ${JSON.stringify(raw)}.`);
    const [from, to] = parts as [string, string];
    if ((to.match(/\*/g)?.length ?? 0) > (from.match(/\*/g)?.length ?? 0)) {
      throw new SourceError(`Line ${i + 1} of the map has more * on the right than on the left.`);
    }
    const pattern = new RegExp(
      `^${from
        .split('*')
        .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('(.*)')}$`
    );
    rules.push({from, to, pattern});
  }
  return rules;
}

/** A post id after the map's rules (unchanged when none matches). */
export function remap(postId: string, rules: MapRule[]): string {
  for (const rule of rules) {
    const match = rule.pattern.exec(postId);
    if (!match) continue;
    let n = 1;
    return rule.to.replace(/\*/g, () => match[n++] ?? '');
  }
  return postId;
}

/**
 * A source's page as a Confab post id, by the widget's own rules: a URL's path, normalized (`/post`, `/post/` and
 * `/post/index.html` are one thread), with the query parameters that identify a page (`?p=4`); a path or an
 * identifier is taken as it is.
 */
export function postIdFrom(url: string): string {
  const text = url.trim();
  if (/^https?:\/\//i.test(text) || text.startsWith('/')) {
    try {
      return postIdOf(new URL(text, 'https://confab.invalid'));
    } catch {
      // Not a URL after all: used as it is, below.
    }
  }
  return text;
}

/** Checks a post id the way the API does. */
export function checkPostId(postId: string, where: string): string {
  if (!isValidPostId(postId))
    throw new SourceError(
      `${where} becomes the post id ${JSON.stringify(postId)}, which is not valid (1 to 512 printable characters, no spaces, quotes or angle brackets). A --map rule can rename it.`
    );
  return postId;
}
