import type {Context} from 'hono';
import {createHmac} from 'node:crypto';
import type {z} from 'zod';
import {checkDraft, newId, type Comment} from 'confab/core';
import type {AppOptions, Asker, Env} from '../context.js';
import {ApiError, retryLater} from '../http/errors.js';
import type {createSchema} from '../http/schemas.js';
import {hashClient, hashToken, newToken} from '../http/tokens.js';
import {normalizeEmail} from '../store/mail-store.js';
import {toPublic, type StoredComment} from '../store/rows.js';
import {scoped} from '../sites.js';

export type CreateInput = z.infer<typeof createSchema>;

export interface Created {
  comment: StoredComment;
  token: string;
  mail?: 'confirm' | 'subscribed' | 'waiting' | 'off';
  /** The first answer of a create with this Idempotency-Key, given again. */
  repeated?: boolean;
}

/**
 * Creating a comment, as the JSON route (`POST /api/comments`) and the no-script form (`POST /api/comments/form`)
 * both do it: the same checks, moderation, rate limit, idempotency, subscription and notifications. Refusals are
 * `ApiError`s (each route says them its own way).
 */
export function commentCreator(options: AppOptions, who: Asker) {
  const {store} = options;
  const pageOrigins = new Set(
    [...options.origins, ...options.sites.origins, options.siteUrl, options.mailer?.publicUrl]
      .filter((o) => !!o)
      .map((o) => new URL(o!).origin)
  );

  /**
   * The page a comment was written on, when its address is on the site (an allowed origin, the site's or this
   * server's own), without its fragment; else null.
   */
  function pageUrl(c: Context<Env>, page: string | undefined): string | null {
    if (!page) return null;
    let url: URL;
    try {
      url = new URL(page);
    } catch {
      return null;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    if (!pageOrigins.has(url.origin) && url.origin !== new URL(c.req.url).origin) return null;
    url.hash = '';
    return url.href;
  }

  /** Whether a browser's request comes from a page of the site (an allowed origin, the site's, this server's own). */
  function fromSite(c: Context<Env>, origin: string): boolean {
    return pageOrigins.has(origin) || origin === new URL(c.req.url).origin;
  }

  /**
   * Creates a comment; `as` names the site's author writing it (a moderator's reply from /admin or the thread): it
   * carries the Author badge, skips the spam checks, and may be written on a closed thread. No other path sets it.
   */
  async function create(c: Context<Env>, sent: CreateInput, key?: string, as?: {author: string}): Promise<Created> {
    // Stored under the request's site (see sites.ts): two sites' `/about` are two threads.
    const input = {...sent, postId: scoped(c.get('site') ?? '', sent.postId)};
    if (input.anchor && input.parentId)
      throw new ApiError(400, 'invalid', 'Only a top-level comment can have an anchor; a reply is about its parent.');
    const checked = checkDraft(as ? {...input, author: as.author} : input);
    if (!checked.ok) {
      const [field, code] = Object.entries(checked.errors)[0]!;
      throw new ApiError(400, code, draftMessage(field, code));
    }
    const page = pageUrl(c, input.page);
    // A retry of a create whose answer was lost carries the same key: it gets the first answer, and no second copy.
    const keyHash = key ? hashClient(options.salt, `idempotency:${key}`) : null;
    const token = key ? createHmac('sha256', options.tokenKey).update(key).digest('base64url') : newToken();
    const comment: Comment = {
      id: newId(),
      postId: input.postId,
      createdAt: new Date().toISOString(),
      ...checked.draft,
      ...(as ? {isPostAuthor: true} : {}),
    };
    const author = as ? {ipHash: null, readerHash: null} : {ipHash: who.ipHash(c), readerHash: who.reader(c)};
    // The reads a create makes before its insert go out together (each is a round trip on PostgreSQL), and are
    // answered in the order below: a closed thread or a reserved name first, then a repeat, then moderation.
    const reads = {
      refusal: as ? null : options.rules.refusal(input.postId, page, checked.draft.author),
      first: keyHash ? store.byIdempotencyKey(keyHash) : null,
      known: as ? null : options.moderate.ask(comment, author),
    };
    for (const read of Object.values(reads)) read?.catch(() => undefined);
    const refused = await reads.refusal;
    if (refused === 'thread-closed') throw new ApiError(403, 'thread-closed', 'Comments on this post are closed.');
    if (refused === 'name-reserved')
      throw new ApiError(400, 'name-reserved', "This name is reserved for the site's author.");
    const first = await reads.first;
    if (first) return repeated(first, input.postId, token);
    const mailer = input.email && options.mailer && (await options.mailer.offered()) ? options.mailer : null;
    if (mailer && !author.readerHash) {
      throw new ApiError(400, 'invalid-request', 'Send the reader id as X-Confab-Reader with an email address.');
    }
    const verdict = as
      ? {status: 'published' as const, reasons: [], bodyHash: null}
      : await options.moderate(comment, {website: input.website, elapsedMs: input.elapsedMs}, author, reads.known!);
    let mail: Created['mail'] = input.email ? 'off' : undefined;
    const result = await store.insert(
      {
        ...comment,
        ...author,
        tokenHash: hashToken(token),
        status: verdict.status,
        bodyHash: verdict.bodyHash,
        idempotencyKey: keyHash,
      },
      options.rateLimit,
      // The subscription, and the confirmation mail, are stored with the comment or not at all.
      mailer
        ? async (db, stored) => {
            mail = await mailer.subscribe(db, {
              email: normalizeEmail(input.email!),
              readerHash: author.readerHash!,
              ipHash: author.ipHash!,
              comment: stored,
              thread: input.notify === 'thread',
              postUrl: mailer.postUrl(stored.postId, page ?? undefined),
            });
          }
        : undefined
    );
    if (!result.ok && result.reason === 'parent-not-found') {
      throw new ApiError(422, 'parent-not-found', 'The comment you are replying to does not exist on this post.');
    }
    if (!result.ok) throw retryLater(result.retryAfterMs, 'Too many comments.');
    if (result.repeated) return repeated(result.comment, input.postId, token);
    const stored = result.comment;
    if (page && stored.moderation === 'published') await store.setPostUrl(stored.postId, page);
    options.mailer?.kick();
    options.notify?.(
      stored.moderation === 'published' ? 'comment.created' : 'comment.pending',
      toPublic({...stored, moderation: 'published'})
    );
    if (stored.moderation !== 'published') {
      const why = stored.awaitsParent ? 'its parent is held' : verdict.reasons.join('; ');
      options.log(`held ${stored.id} as ${stored.moderation}: ${why}`);
    }
    return {comment: stored, token, ...(mail ? {mail} : {})};
  }

  return {create, pageUrl, fromSite};
}

/** The first answer again, for a repeated create (the same key, hence the same token). */
function repeated(first: StoredComment, postId: string, token: string): Created {
  if (first.postId !== postId)
    throw new ApiError(409, 'idempotency-key-reused', 'That Idempotency-Key was used for another post.');
  return {comment: first, token, repeated: true};
}

export function draftMessage(field: string, code: string): string {
  switch (code) {
    case 'body-empty':
      return 'The comment is empty.';
    case 'body-too-long':
      return 'The comment is longer than 5,000 characters.';
    case 'author-too-long':
      return 'The name is longer than 80 characters.';
    default:
      return `${field} contains characters that cannot be stored.`;
  }
}
