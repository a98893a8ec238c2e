import {createHash} from 'node:crypto';
import type {Store} from './store/index.js';

/** A finished answer: its JSON and its tag. */
export interface Answer {
  body: string;
  etag: string;
}

/** What a read saw before it asked the database: its answer may be kept only if nothing changed meanwhile. */
export interface Ticket {
  readonly epoch: number;
  readonly version: number;
}

/** Answers kept per post (sorts, page sizes and cursors), and posts kept in all. */
const PER_POST = 16;
const POSTS = 2_000;
/** Posts whose last change is remembered; past it, everything starts again (a new epoch). */
const VERSIONS = 50_000;
/** An answer is kept at most this long, even with no change: what depends on the clock or a setting moves on. */
export const MAX_AGE_MS = 10_000;

/** Where a list's answer is kept among its post's: its order, page size and cursor (as the route validated them). */
export function listKey(sort: string, limit: number, cursor: string | undefined, anchored = false): string {
  return anchored ? `${sort} anchored` : `${sort} ${limit} ${cursor ?? ''}`;
}

/** A strong tag for a body: its SHA-1, as Hono's `etag()` makes one. */
export function tagOf(body: string): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`;
}

/** Whether an If-None-Match header names this tag (weakly: a compressed copy of the answer is tagged W/). */
export function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === bare);
}

/**
 * Lists as a reader without a reader id sees them (most page views: a browser gets its id on its first write), kept
 * per post and page until the post changes. It learns of changes from the store's change feed, the one that drives
 * live updates: every process on a PostgreSQL database hears every commit, and on SQLite a commit by another process
 * is seen within the feed's poll. While the feed is down nothing is kept (every list is read from the database). A
 * read takes a ticket before it asks the database and its answer is kept only if no change came in meanwhile, so an
 * answer older than a change is never kept after it.
 */
export class ListCache {
  readonly #posts = new Map<string, Map<string, {answer: Answer; until: number}>>();
  /** The change counter at each post's last change (absent: none since the epoch began). */
  readonly #versions = new Map<string, number>();
  #counter = 0;
  #epoch = 0;
  #live = false;
  #stop?: () => Promise<void>;
  hits = 0;
  misses = 0;

  /** Follows the store's change feed; until it is up, nothing is kept. */
  async start(store: Store): Promise<void> {
    this.#stop = await store.listen((postId) => this.changed(postId), {
      lost: () => {
        this.#live = false;
        this.changed(null);
      },
      restored: () => {
        this.changed(null);
        this.#live = true;
      },
    });
    this.#live = true;
  }

  async stop(): Promise<void> {
    this.#live = false;
    await this.#stop?.();
  }

  /** A post changed (null: any post may have). */
  changed(postId: string | null): void {
    if (postId === null || this.#versions.size >= VERSIONS) {
      this.#epoch++;
      this.#posts.clear();
      this.#versions.clear();
      return;
    }
    this.#versions.set(postId, ++this.#counter);
    this.#posts.delete(postId);
  }

  ticket(postId: string): Ticket {
    return {epoch: this.#epoch, version: this.#versions.get(postId) ?? 0};
  }

  get(postId: string, key: string, now = Date.now()): Answer | undefined {
    const kept = this.#live ? this.#posts.get(postId)?.get(key) : undefined;
    if (kept && kept.until > now) {
      this.hits++;
      return kept.answer;
    }
    this.misses++;
    return undefined;
  }

  /** Keeps an answer read under `ticket`, until `until` at the latest, unless the post changed since. */
  put(ticket: Ticket, postId: string, key: string, answer: Answer, until: number): void {
    if (!this.#live || ticket.epoch !== this.#epoch || ticket.version !== (this.#versions.get(postId) ?? 0)) return;
    let answers = this.#posts.get(postId);
    if (answers) this.#posts.delete(postId);
    else answers = new Map();
    // Most recently filled last: the first post is the one to let go.
    this.#posts.set(postId, answers);
    if (this.#posts.size > POSTS) this.#posts.delete(this.#posts.keys().next().value!);
    answers.set(key, {answer, until});
    if (answers.size > PER_POST) answers.delete(answers.keys().next().value!);
  }
}
