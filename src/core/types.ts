/** The reactions a reader can give a comment: an upvote and a small fixed set of emoji. */
export const REACTIONS = ['up', 'heart', 'laugh', 'hooray', 'thinking'] as const;
export type Reaction = (typeof REACTIONS)[number];

/**
 * A stored comment, as every adapter returns it.
 *
 * `body` is the reader's own text, kept exactly as written (after NFC normalization). It is never HTML: the widget
 * turns it into HTML and sanitizes it each time it renders, because storage is never trusted.
 */
export interface Comment {
  /** Unique, opaque id. */
  id: string;
  /** The post this comment belongs to. */
  postId: string;
  /** The comment this one answers, or `null` for a top-level comment. */
  parentId: string | null;
  /** Display name; "Anonymous" when the reader left it empty. Always rendered as text. */
  author: string;
  /** The reader's text. */
  body: string;
  /** ISO 8601 creation time. */
  createdAt: string;
  /** ISO 8601 time of the last edit, when edited. */
  editedAt?: string;
  /** True when the comment was written by the post's own author. */
  isPostAuthor?: boolean;
  /**
   * True for a deleted comment kept as a placeholder because it has replies: its author and body are empty, and
   * the widget shows "Comment deleted" so that the replies keep their context.
   */
  deleted?: boolean;
  /** How many readers gave each reaction (absent kinds: none). */
  reactions?: Partial<Record<Reaction, number>>;
  /** The reactions this reader gave. */
  mine?: Reaction[];
  /** `pending`: held for moderation, shown only to its own author ("awaiting approval"). */
  status?: 'pending';
  /** For an inline comment: the paragraph or passage of the post it is about. Only top-level comments have one. */
  anchor?: Anchor;
  /** Pinned by a moderator: shown first, in every order. Only top-level comments are pinned. */
  pinned?: boolean;
}

/**
 * Where in the post an inline comment belongs, found again by the post's text rather than by page coordinates (the
 * W3C Web Annotation TextQuoteSelector, with a TextPositionSelector as a hint). Plain text throughout.
 */
export interface Anchor {
  /** The quoted passage; for a comment on a whole paragraph, the paragraph's opening words. */
  quote: string;
  /** Up to 32 characters of the post's text just before the quote, to tell repeated passages apart. */
  prefix: string;
  /** Up to 32 characters just after it. */
  suffix: string;
  /** Where the quote began in the post's text (white space collapsed) when the comment was written. */
  position: number;
  /** True for a comment on the whole paragraph rather than on a selected passage. */
  paragraph?: boolean;
}

/** What a reader submits: the adapter assigns id and time. */
export interface CommentDraft {
  parentId: string | null;
  author: string;
  body: string;
  /** For an inline comment: where in the post it belongs. */
  anchor?: Anchor;
  /** Spam signals a server may weigh: the hidden honeypot field, and milliseconds from form shown to sent. */
  website?: string;
  elapsedMs?: number;
  /**
   * One key per draft: a create retried with it (its answer was lost) returns the first comment instead of storing a
   * second. The composer sends one; the REST adapter passes it as `Idempotency-Key`.
   */
  idempotencyKey?: string;
  /**
   * Mail replies to this address (where the page says the storage can, `CommentPage.mail`): after the reader
   * confirms it, by a link the first time. `thread` asks for every new comment on the post too.
   */
  notify?: {email: string; thread?: boolean};
}

/** Sort orders every adapter understands. */
export type CommentSort = 'oldest' | 'newest' | 'top';

export interface ListOptions {
  /** Cancels the request (a post-id change, an element removed). */
  signal?: AbortSignal;
  /** Opaque cursor from a previous page's `next`. */
  cursor?: string;
  /** Page size; adapters clamp it to 1..100. */
  limit?: number;
  sort?: CommentSort;
  /**
   * Only the threads whose top-level comment is about a passage (inline comments), all of them in one page: `limit`
   * and `cursor` do not apply and `next` is null. An adapter that ignores it answers a page as usual (with `next`).
   */
  anchored?: boolean;
}

/** One page of a post's comments. */
export interface CommentPage {
  comments: Comment[];
  /** Cursor for the next page, or `null` when this is the last one. */
  next: string | null;
  /** How long after posting a comment its author may edit or delete it, when the adapter supports that. */
  editWindowMs?: number;
  /** The newest comment of the whole post when this page was read: where live updates take over. */
  latest?: string | null;
  /** The storage can mail replies to a reader who gives an address (`CommentDraft.notify`). */
  mail?: boolean;
  /** The post's thread is closed: its comments stay readable, new ones are refused. */
  closed?: boolean;
  /** On a first page: the post's published comments in all (the heading's count), however many pages it has. */
  total?: number;
}

/** Top-level comments per page the widget asks for; each comes with all its replies. */
export const PAGE_SIZE = 20;

/** Default edit window: 15 minutes. */
export const EDIT_WINDOW_MS = 15 * 60_000;

export interface RequestOptions {
  signal?: AbortSignal;
}
