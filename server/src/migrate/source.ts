import type {Anchor, Reaction} from 'confab/core';

/** What an export says of one comment, in any source format, before it becomes a Confab comment. */
export interface SourceComment {
  /** The source's own id (stable: Confab derives its id from it, so a second import adds nothing). */
  sourceId: string;
  /** The page the comment is on, as the source names it: a URL or a path. */
  url: string;
  /** The key of the site it belongs to on a server of several (a Confab export says it); else the import's. */
  site?: string;
  /** The page's title, when the source has one (shown by `--dry-run`). */
  title?: string;
  /** The source id of the comment it answers, or null. */
  parent: string | null;
  author: string;
  /** The text, in the source's form. */
  text: string;
  /** `html` (Disqus, WordPress, Remark42's rendered text...) is converted to markdown; `markdown` is kept. */
  textFormat: 'html' | 'markdown';
  createdAt: string;
  editedAt?: string;
  status: 'published' | 'pending' | 'spam';
  /** Deleted in the source: kept as a placeholder when it has surviving replies, else left out. */
  deleted?: boolean;
  isPostAuthor?: boolean;
  /** A pingback or trackback (WordPress): kept as a comment. */
  kind?: 'comment' | 'pingback' | 'trackback';
  /** The client's address, which is only ever stored as a salted hash. */
  ip?: string;
  reactions?: Partial<Record<Reaction, number>>;
  anchor?: Anchor;
  /** Confab's own exports: held only because its parent is. */
  heldWithParent?: boolean;
  edits?: number;
}

/** A file that is not what it should be: said with where (line and column, or the record). Nothing is imported. */
export class SourceError extends Error {
  constructor(message: string) {
    super(`[confab] ${message} Nothing was imported.`);
  }
}

/** One source format: reads a file, comment by comment (streaming where the format allows). */
export interface SourceFormat {
  readonly name: string;
  read(file: string): AsyncIterable<SourceComment>;
}

/** A date from a source (ISO, `YYYY-MM-DD HH:MM:SS` in UTC, or seconds since 1970), as ISO 8601; null when none. */
export function isoDate(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return new Date(value * 1000).toISOString();
  if (typeof value !== 'string' || !value.trim()) return null;
  const text = value.trim();
  const sql = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d+)?$/.exec(text);
  const date = new Date(sql ? `${sql[1]}T${sql[2]}${sql[3] ?? ''}Z` : text);
  return Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1990 ? null : date.toISOString();
}
