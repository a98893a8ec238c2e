import {createHash} from 'node:crypto';
import type {Comment} from 'confab/core';
import type {Status, Store, Suspicion} from './store/store.js';

/** When comments wait for approval: never, a commenter's first one, or all. */
export type ModerationMode = 'off' | 'first-time' | 'all';

/** What a site's own checker sees, and may answer (the strictest answer of all checks wins). */
export interface CheckContext {
  comment: Comment;
  firstTime: boolean;
  /** Hashed client address; never the address itself. */
  ipHash: string | null;
}
export type Checker = (context: CheckContext) => Status | undefined | Promise<Status | undefined>;

export interface ModerationOptions {
  mode: ModerationMode;
  /** Comments sent sooner than this after the form was shown are held (0: off). */
  minSubmitMs: number;
  /** Links allowed in a first-time commenter's comment before it is held. */
  maxLinksFirstTime: number;
  /** Words or phrases that mark a comment as spam (case-insensitive, whole words). */
  words: string[];
  /** Extra checks, such as an external spam service. A failing checker holds the comment rather than losing it. */
  checkers: Checker[];
}

export interface Signals {
  /** The hidden honeypot field: people leave it empty. */
  website?: string;
  /** Milliseconds between the form being shown and sent, as the widget measured them. */
  elapsedMs?: number;
  /** For an edit: the text before it (an edit is moderated like a new comment, and adding links is suspect). */
  before?: string;
}

/** Who wrote a comment, as moderation knows them: hashed, never the address or the reader id itself. */
export interface Author {
  ipHash: string | null;
  readerHash: string | null;
}

export interface Verdict {
  status: Status;
  /** Why, for the admin log and the moderation queue. */
  reasons: string[];
}

const RANK: Record<Status, number> = {published: 0, pending: 1, spam: 2};
const LINK = /\bhttps?:\/\/|\bwww\.|\]\(/gi;

/** Texts shorter than this ("Thanks!", "+1") are common enough to repeat honestly. */
const MIN_DUPLICATE_LENGTH = 12;

/** A hash of the text with case and spacing folded, or null for texts too short to call duplicates. */
export function bodyHash(body: string): string | null {
  const folded = body.toLowerCase().replace(/\s+/g, ' ').trim();
  return folded.length < MIN_DUPLICATE_LENGTH ? null : createHash('sha256').update(folded).digest('hex').slice(0, 32);
}

function wordPattern(words: string[]): RegExp | null {
  const parts = words
    .map((w) => w.trim())
    .filter(Boolean)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return parts.length ? new RegExp(`(^|[^\\p{L}\\p{N}])(${parts.join('|')})(?=$|[^\\p{L}\\p{N}])`, 'iu') : null;
}

const links = (text: string) => text.match(LINK)?.length ?? 0;

/**
 * Decides where a new comment, or an edited one, goes. Nothing is ever dropped: a suspicious comment is held (pending)
 * or filed as spam, where an admin can still approve it. An edit passes every check a new comment passes (it is new
 * text), and one that adds links beyond what a first-time commenter may post is held too: a published comment
 * rewritten into link spam goes back to the queue. `moderate.ask` starts the one read moderation makes, so that a
 * create can send it beside its other reads (each a round trip on PostgreSQL) and hand it to `moderate` as `asked`.
 */
export function createModerator(store: Store, options: ModerationOptions) {
  const words = wordPattern(options.words);
  /** What the store knows of the comment's author and text (started early by a create, beside its other reads). */
  const ask = (comment: Comment, who: Author, edit = false): Promise<Suspicion> =>
    store.suspicion({
      ...who,
      postId: comment.postId,
      bodyHash: bodyHash(comment.body),
      author: comment.author,
      since: new Date(Date.parse(comment.createdAt) - 24 * 3600_000).toISOString(),
      except: edit ? comment.id : undefined,
    });
  async function moderate(
    comment: Comment,
    signals: Signals,
    who: Author,
    asked?: Promise<Suspicion>
  ): Promise<Verdict & {bodyHash: string | null}> {
    const hash = bodyHash(comment.body);
    const edit = signals.before !== undefined;
    const known = await (asked ?? ask(comment, who, edit));
    const verdict: Verdict = {status: 'published', reasons: []};
    const raise = (status: Status, reason: string) => {
      verdict.reasons.push(reason);
      if (RANK[status] > RANK[verdict.status]) verdict.status = status;
    };
    if (signals.website) raise('spam', 'honeypot filled');
    if (known.blocked) raise('spam', 'blocked commenter');
    if (words?.test(`${comment.author} ${comment.body}`)) raise('spam', 'blocked word');
    if (options.minSubmitMs && signals.elapsedMs !== undefined && signals.elapsedMs < options.minSubmitMs) {
      raise('pending', `sent ${signals.elapsedMs} ms after the form was shown`);
    }
    if (known.duplicate) raise('pending', 'same text posted in the last day, here or by the same commenter');
    if (known.firstTime && links(comment.body) > options.maxLinksFirstTime) {
      raise('pending', 'many links from a first-time commenter');
    }
    if (edit && links(comment.body) > options.maxLinksFirstTime && links(comment.body) > links(signals.before!)) {
      raise('pending', 'links added by an edit');
    }
    if (options.mode === 'all') raise('pending', 'every comment is moderated');
    if (options.mode === 'first-time' && known.firstTime) raise('pending', 'first comment of this commenter');
    for (const check of options.checkers) {
      try {
        const answer = await check({comment, firstTime: known.firstTime, ipHash: who.ipHash});
        if (answer && answer in RANK) raise(answer, 'site checker');
      } catch (error) {
        raise('pending', `site checker failed: ${(error as Error).message}`);
      }
    }
    return {...verdict, bodyHash: hash};
  }
  return Object.assign(moderate, {ask});
}
