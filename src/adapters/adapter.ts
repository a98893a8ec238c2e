import type {Comment, CommentDraft, CommentPage, ListOptions, Reaction, RequestOptions} from '../core/types.js';

export interface SubscribeOptions {
  /**
   * Where the caller's page ends: the page's `latest`, or the id of the newest comment the caller already has, or
   * `null` for none. Omitted: live changes only.
   */
  since?: string | null;
  /** A comment shown before is no longer to be shown (deleted, or held for moderation after an edit). */
  removed?(id: string): void;
  /** The adapter cannot tell what was missed (the reader was away too long): read the list again. */
  reset?(): void;
}

/**
 * How `<confab-comments>` stores and reads comments. It speaks comments, not keys, so that a server behind it can
 * enforce every rule: a client can only list a post's comments and add its own.
 *
 * `list` and `create` are required. The other methods are optional capabilities that the element feature-checks.
 * Adapters raise `ConfabError` (from `confab`) with a `code` the element uses to pick its message and fallback.
 *
 * @example
 * ```ts
 * const adapter: StorageAdapter = {
 *   name: 'my-api',
 *   async list(postId, {signal} = {}) {
 *     const res = await fetch(`/api/comments?post=${encodeURIComponent(postId)}`, {signal});
 *     return {comments: await res.json(), next: null};
 *   },
 *   async create(postId, draft) {
 *     const res = await fetch('/api/comments', {method: 'POST', body: JSON.stringify({postId, ...draft})});
 *     return res.json();
 *   },
 * };
 * ```
 */
export interface StorageAdapter {
  /** Short name used in error messages, such as `indexeddb`. */
  readonly name: string;
  /** One page of a post's comments. Malformed records are skipped, never returned. */
  list(postId: string, options?: ListOptions): Promise<CommentPage>;
  /** Stores a new comment and returns it as stored (with its id and time). */
  create(postId: string, draft: CommentDraft, options?: RequestOptions): Promise<Comment>;
  /**
   * Optional: changes the body of a comment this browser wrote, within the edit window (`forbidden` otherwise).
   * Returns the comment with `editedAt` set.
   */
  update?(postId: string, id: string, patch: {body: string}, options?: RequestOptions): Promise<Comment>;
  /**
   * Optional: deletes a comment this browser wrote, at any time. A comment with replies stays as a `deleted`
   * placeholder so that its replies keep their context; one without replies disappears.
   */
  remove?(postId: string, id: string, options?: RequestOptions): Promise<void>;
  /**
   * Optional: gives (`on`) or takes back a reaction of this reader. Idempotent: giving one twice counts once.
   * Returns the comment with its new `reactions` and `mine`.
   */
  react?(postId: string, id: string, reaction: Reaction, on: boolean, options?: RequestOptions): Promise<Comment>;
  /**
   * Optional: the whole thread (top-level comment and every reply) a comment belongs to, for a link to a comment that
   * is not on the first page. Empty when the comment does not exist.
   */
  thread?(postId: string, id: string, options?: RequestOptions): Promise<Comment[]>;
  /** Optional: the ids of the comments this browser may edit or delete. */
  owned?(): Promise<string[]>;
  /**
   * Optional: every comment this browser wrote, on any post (held ones too), for the reader to download or delete:
   * a reader's comments stay theirs, and `remove` works on them at any time, not only within the edit window.
   */
  mine?(options?: RequestOptions): Promise<Comment[]>;
  /** Optional: the address of an Atom feed of a post's comments, for readers who follow it in a feed reader. */
  feed?(postId: string): string;
  /** Optional: the secret address of this reader's own feed of replies to their comments. */
  replyFeed?(options?: RequestOptions): Promise<string>;
  /** Optional: stops every reply mail asked for from this browser, and forgets the addresses given in it. */
  forgetMail?(options?: RequestOptions): Promise<void>;
  /** Optional: the number of visible comments of many posts at once (deleted placeholders do not count). */
  count?(postIds: readonly string[], options?: RequestOptions): Promise<Record<string, number>>;
  /**
   * Optional: whether what `list` answers this browser can differ from what everyone gets (it holds a reader id with
   * reactions, or comments still awaiting approval). A page's server-rendered first page is everyone's: when this
   * says yes, the element reads the first page again and lays it over.
   */
  personal?(): boolean;
  /** Optional: this browser writes as the site's author (a moderator is signed in): replies say "Reply as Author". */
  readonly moderator?: boolean;
  /** Optional: a reader's report of a comment (abuse, spam) for the moderators. */
  report?(postId: string, id: string): Promise<void>;
  /**
   * Optional: calls `listener` with each comment added or changed elsewhere (a new comment, an edit, a deletion
   * placeholder, new reaction counts); returns an unsubscribe function. `since` closes the gap between loading and
   * subscribing; an adapter that can replay also delivers what changed after it, each change once.
   */
  subscribe?(postId: string, listener: (comment: Comment) => void, options?: SubscribeOptions): () => void;
  /**
   * Optional: stores existing comments (a migration from another system), keeping their ids. Idempotent: a comment
   * whose id is already stored is left as it is. Resolves to the number of comments added.
   */
  import?(postId: string, comments: readonly Comment[], options?: RequestOptions): Promise<number>;
}
