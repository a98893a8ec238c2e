import {cleanBody, cleanName, codePointLength, hasForbiddenCharacters} from './text.js';
import {REACTIONS, type Comment, type CommentDraft, type Reaction} from './types.js';

/** Limits enforced by the widget and the server alike, counted in code points. */
export const LIMITS: Readonly<{body: number; author: number; postId: number; id: number}> = {
  body: 5000,
  author: 80,
  postId: 512,
  id: 128,
};

export const ANONYMOUS = 'Anonymous';

/** Field-level problems, keyed by field; the values are message keys the UI translates. */
export type DraftErrors = Partial<Record<'author' | 'body', DraftErrorCode>>;
export type DraftErrorCode = 'body-empty' | 'body-too-long' | 'author-too-long' | 'invalid-characters';

export type DraftCheck = {ok: true; draft: CommentDraft} | {ok: false; errors: DraftErrors};

/**
 * Validates and normalizes what a reader submits. An empty name becomes "Anonymous".
 */
export function checkDraft(input: {author?: unknown; body?: unknown; parentId?: unknown}): DraftCheck {
  const errors: DraftErrors = {};
  const rawBody = typeof input.body === 'string' ? input.body : '';
  const rawAuthor = typeof input.author === 'string' ? input.author : '';
  const body = cleanBody(rawBody);
  const author = cleanName(rawAuthor);
  if (hasForbiddenCharacters(rawBody)) errors.body = 'invalid-characters';
  else if (body.trim() === '') errors.body = 'body-empty';
  else if (codePointLength(body) > LIMITS.body) errors.body = 'body-too-long';
  if (hasForbiddenCharacters(rawAuthor)) errors.author = 'invalid-characters';
  else if (codePointLength(author) > LIMITS.author) errors.author = 'author-too-long';
  if (errors.body || errors.author) return {ok: false, errors};
  const parentId = typeof input.parentId === 'string' && isValidId(input.parentId) ? input.parentId : null;
  return {ok: true, draft: {parentId, author: author || ANONYMOUS, body}};
}

export function isValidId(id: unknown): id is string {
  return typeof id === 'string' && /^[A-Za-z0-9_-]{1,128}$/.test(id);
}

/** A post id: printable, no control characters, at most 512 code points. */
export function isValidPostId(postId: unknown): postId is string {
  return (
    typeof postId === 'string' &&
    postId.length > 0 &&
    codePointLength(postId) <= LIMITS.postId &&
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
  if ((!deleted && body === '') || codePointLength(body) > LIMITS.body || codePointLength(author) > LIMITS.author) return null;
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
  if (deleted) comment.deleted = true;
  if (r.status === 'pending') comment.status = 'pending';
  const reactions = parseReactions(r.reactions);
  if (reactions) comment.reactions = reactions;
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
