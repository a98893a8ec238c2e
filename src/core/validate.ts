import {cleanBody, cleanName, cleanQuote, hasForbiddenCharacters, longerThan} from './text.js';
import {REACTIONS, type Anchor, type Comment, type CommentDraft, type Reaction} from './types.js';

/** Limits enforced by the widget and the server alike, counted in code points. */
export const LIMITS: Readonly<{
  body: number;
  author: number;
  postId: number;
  id: number;
  quote: number;
  context: number;
}> = {
  body: 5000,
  author: 80,
  postId: 512,
  id: 128,
  /** An inline comment's quoted passage. */
  quote: 1000,
  /** The text kept on each side of a quote. */
  context: 32,
};

export const ANONYMOUS = 'Anonymous';

/** Field-level problems, keyed by field; the values are message keys the UI translates. */
export type DraftErrors = Partial<Record<'author' | 'body', DraftErrorCode>>;
export type DraftErrorCode = 'body-empty' | 'body-too-long' | 'author-too-long' | 'invalid-characters';

export type DraftCheck = {ok: true; draft: CommentDraft} | {ok: false; errors: DraftErrors};

/**
 * Validates and normalizes what a reader submits. An empty name becomes "Anonymous".
 */
export function checkDraft(input: {
  author?: unknown;
  body?: unknown;
  parentId?: unknown;
  anchor?: unknown;
}): DraftCheck {
  const errors: DraftErrors = {};
  const rawBody = typeof input.body === 'string' ? input.body : '';
  const rawAuthor = typeof input.author === 'string' ? input.author : '';
  const body = cleanBody(rawBody);
  const author = cleanName(rawAuthor);
  if (hasForbiddenCharacters(rawBody)) errors.body = 'invalid-characters';
  else if (body.trim() === '') errors.body = 'body-empty';
  else if (longerThan(body, LIMITS.body)) errors.body = 'body-too-long';
  if (hasForbiddenCharacters(rawAuthor)) errors.author = 'invalid-characters';
  else if (longerThan(author, LIMITS.author)) errors.author = 'author-too-long';
  if (errors.body || errors.author) return {ok: false, errors};
  const parentId = typeof input.parentId === 'string' && isValidId(input.parentId) ? input.parentId : null;
  const draft: CommentDraft = {parentId, author: author || ANONYMOUS, body};
  // Only a top-level comment is about a place in the post; a reply is about its parent.
  const anchor = parentId ? undefined : parseAnchor(input.anchor);
  if (anchor) draft.anchor = anchor;
  return {ok: true, draft};
}

/**
 * Reads an untrusted anchor: plain text only (white space collapsed, invisible and control characters refused),
 * within the limits; `undefined` when it is absent or malformed.
 */
export function parseAnchor(value: unknown): Anchor | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const a = value as Record<string, unknown>;
  const texts = [a.quote, a.prefix, a.suffix];
  if (!texts.every((t) => typeof t === 'string' && !hasForbiddenCharacters(t))) return undefined;
  const [quote, prefix, suffix] = (texts as string[]).map(cleanQuote);
  if (!quote!.trim() || longerThan(quote!, LIMITS.quote)) return undefined;
  if (longerThan(prefix!, LIMITS.context) || longerThan(suffix!, LIMITS.context)) return undefined;
  if (!Number.isSafeInteger(a.position) || (a.position as number) < 0) return undefined;
  const anchor: Anchor = {quote: quote!, prefix: prefix!, suffix: suffix!, position: a.position as number};
  if (a.paragraph === true) anchor.paragraph = true;
  return anchor;
}

export function isValidId(id: unknown): id is string {
  return typeof id === 'string' && /^[A-Za-z0-9_-]{1,128}$/.test(id);
}

/** A post id: printable, no control characters, at most 512 code points. */
export function isValidPostId(postId: unknown): postId is string {
  return (
    typeof postId === 'string' &&
    postId.length > 0 &&
    !longerThan(postId, LIMITS.postId) &&
    !hasForbiddenCharacters(postId) &&
    !/[\s<>"'`\\]/.test(postId)
  );
}

function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 40 && !Number.isNaN(Date.parse(value));
}

/**
 * Reads an untrusted record (from IndexedDB, the network, an import) and returns a clean `Comment`, or `null` when it
 * is malformed. Unknown fields are dropped.
 */
export function parseComment(value: unknown): Comment | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const r = value as Record<string, unknown>;
  if (!isValidId(r.id) || !isValidPostId(r.postId) || !isIsoDate(r.createdAt)) return null;
  if (r.parentId !== null && r.parentId !== undefined && !isValidId(r.parentId)) return null;
  if (typeof r.body !== 'string' || typeof r.author !== 'string') return null;
  if (hasForbiddenCharacters(r.body) || hasForbiddenCharacters(r.author)) return null;
  const deleted = r.deleted === true;
  const body = deleted ? '' : cleanBody(r.body);
  const author = deleted ? '' : cleanName(r.author) || ANONYMOUS;
  if ((!deleted && body === '') || longerThan(body, LIMITS.body) || longerThan(author, LIMITS.author)) return null;
  const comment: Comment = {
    id: r.id,
    postId: r.postId,
    parentId: (r.parentId as string | null | undefined) ?? null,
    author,
    body,
    createdAt: new Date(r.createdAt).toISOString(),
  };
  if (isIsoDate(r.editedAt)) comment.editedAt = new Date(r.editedAt).toISOString();
  if (r.isPostAuthor === true) comment.isPostAuthor = true;
  if (r.pinned === true) comment.pinned = true;
  if (deleted) comment.deleted = true;
  if (r.status === 'pending') comment.status = 'pending';
  const reactions = parseReactions(r.reactions);
  if (reactions) comment.reactions = reactions;
  const anchor = comment.parentId ? undefined : parseAnchor(r.anchor);
  if (anchor) comment.anchor = anchor;
  if (Array.isArray(r.mine)) {
    const mine = REACTIONS.filter((kind) => (r.mine as unknown[]).includes(kind));
    if (mine.length) comment.mine = mine;
  }
  return comment;
}

function parseReactions(value: unknown): Partial<Record<Reaction, number>> | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const out: Partial<Record<Reaction, number>> = {};
  for (const kind of REACTIONS) {
    const n = (value as Record<string, unknown>)[kind];
    if (Number.isSafeInteger(n) && (n as number) > 0) out[kind] = n as number;
  }
  return Object.keys(out).length ? out : undefined;
}

/** Parses a list of untrusted records, skipping the malformed ones. */
export function parseComments(values: unknown): Comment[] {
  if (!Array.isArray(values)) return [];
  const out: Comment[] = [];
  for (const v of values) {
    const c = parseComment(v);
    if (c) out.push(c);
  }
  return out;
}
