import {Hono, type Context, type MiddlewareHandler} from 'hono';
import {bodyLimit} from 'hono/body-limit';
import {checkDraft, isValidId, REACTIONS, type Comment, type Reaction} from 'confab/core';
import type {AppOptions, Asker, Env} from '../context.js';
import {readJson} from '../http/body.js';
import {ApiError, errorBody, retryLater} from '../http/errors.js';
import {WindowLimiter} from '../http/limiter.js';
import {decodeCursor, encodeCursor, queryAnchored, queryLimit, queryPostId, querySort} from '../http/query.js';
import {createSchema, idParam, mineSchema, postIdParam, updateSchema} from '../http/schemas.js';
import {tokenMatches} from '../http/tokens.js';
import {bodyHash} from '../moderation.js';
import {listKey, MAX_AGE_MS, matches, tagOf} from '../list-cache.js';
import {scoped} from '../sites.js';
import {toPublic} from '../store/rows.js';
import type {ThreadQuery} from '../store/store.js';
import {commentCreator, draftMessage} from './create.js';

const MAX_BODY_BYTES = 64 * 1024;
const MAX_COUNT_POSTS = 100;
/** Edits of one comment: enough to fix typos, not enough to turn it into a ticker. */
const MAX_EDITS = 10;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{16,128}$/;

/** The comment routes of the public API: list, thread, create, edit, delete, react, count. */
export function commentRoutes(options: AppOptions, who: Asker): Hono<Env> {
  const {store, present} = options;
  const app = new Hono<Env>();
  const reactions = new WindowLimiter(options.reactionLimit.perMinute, 60_000);
  const reports = new WindowLimiter(options.reactionLimit.perMinute, 60_000);
  const creator = commentCreator(options, who);

  // Only on routes with a body: the limit wraps the request stream, which plain reads do not need. After a 413 the
  // rest of the body is not read, so the connection is closed (a client reusing it would send into the unread body).
  const tooLarge = (c: Context<Env>) => {
    c.header('Connection', 'close');
    return c.json(errorBody('payload-too-large', `Request bodies are limited to ${MAX_BODY_BYTES / 1024} KB.`), 413);
  };
  const streamLimit = bodyLimit({maxSize: MAX_BODY_BYTES, onError: tooLarge});
  // A body of a stated length is judged by its Content-Length header, as bodyLimit does, but without wrapping the
  // request first: the body is then read straight from the socket (the Node adapter's fast path). A body sent in
  // chunks is counted as it streams.
  const limitBody: MiddlewareHandler<Env> = (c, next) => {
    const length = c.req.header('content-length');
    if (length === undefined || c.req.header('transfer-encoding') !== undefined) return streamLimit(c, next);
    return Number.parseInt(length, 10) > MAX_BODY_BYTES ? Promise.resolve(tooLarge(c)) : next();
  };

  // A list's answer is tagged: a reader's browser asks again with If-None-Match and gets 304 when nothing changed.
  // Lists for readers without a reader id (nothing of their own to show) are kept until the post changes.
  app.get('/comments', async (c) => {
    c.header('Cache-Control', 'no-cache');
    c.header('Vary', 'X-Confab-Reader, Accept-Encoding');
    const postId = queryPostId(c);
    const sort = querySort(c);
    const limit = queryLimit(c);
    const anchored = queryAnchored(c);
    const cursor = anchored ? undefined : c.req.query('cursor');
    const after = decodeCursor(cursor, sort);
    const viewer = who.reader(c);
    const cache = viewer ? undefined : options.lists;
    const key = listKey(sort, limit, cursor, anchored);
    let answer = cache?.get(postId, key);
    if (!answer) {
      const ticket = cache?.ticket(postId);
      const {json, closesAt} = await listPage(postId, {after, limit, sort, viewer, anchored});
      const body = JSON.stringify(json);
      answer = {body, etag: tagOf(body)};
      if (ticket) cache!.put(ticket, postId, key, answer, Math.min(Date.now() + MAX_AGE_MS, closesAt ?? Infinity));
    }
    c.header('ETag', answer.etag);
    if (matches(c.req.header('If-None-Match'), answer.etag)) return c.body(null, 304);
    return c.body(answer.body, 200, {'Content-Type': 'application/json'});
  });

  /** A page of threads: `limit` top-level comments, each with all its replies, as `viewer` may see them. */
  async function listPage(postId: string, query: ThreadQuery) {
    const {after, sort, viewer, anchored} = query;
    // Where live updates take over matters only to a first page (where a stream starts): asked for alongside it.
    const [{roots, replies, more}, head, mail, post] = await Promise.all([
      store.threads(postId, query),
      after ? undefined : store.head(postId),
      options.mailer?.offered() ?? false,
      after ? undefined : options.rules.post(postId),
    ]);
    const comments = await present.comments([...roots, ...replies], viewer);
    const last = roots[roots.length - 1];
    const json = {
      comments,
      next: more && last && !anchored ? encodeCursor(last, sort) : null,
      editWindowMs: options.editWindowMs,
      ...(head === undefined ? {} : {latest: String(head)}),
      // The post's published comments in all, for the heading (a first page holds only some).
      ...(post ? {total: post.total} : {}),
      // The server mails replies: the composer may offer it.
      ...(mail ? {mail: true} : {}),
      // New comments are refused: the composer gives way to "Comments are closed".
      ...(post?.closed ? {closed: true} : {}),
    };
    return {json, closesAt: post?.closesAt ?? null};
  }

  app.get('/comments/:id/thread', async (c) => {
    const id = c.req.param('id');
    const viewer = who.reader(c);
    const thread = isValidId(id) ? await store.thread(id, viewer) : null;
    if (!thread) throw new ApiError(404, 'not-found', 'That comment does not exist.');
    return c.json({comments: await present.comments(thread, viewer)});
  });

  app.post('/comments', limitBody, async (c) => {
    const input = await readJson(c, createSchema);
    const key = c.req.header('Idempotency-Key');
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
      throw new ApiError(
        400,
        'invalid-request',
        'Idempotency-Key must be 16 to 128 characters of A-Z, a-z, 0-9, - and _.'
      );
    }
    const {comment, token, mail} = await creator.create(c, input, key);
    // A held comment (spam included) is answered as awaiting approval: its author knows, a bot learns nothing.
    return c.json({comment: toPublic(comment), token, ...(mail ? {mail} : {})}, 201);
  });

  app.patch('/comments/:id', limitBody, async (c) => {
    const record = await ownComment(c);
    const {body} = await readJson(c, updateSchema);
    const checked = checkDraft({body});
    if (!checked.ok) throw new ApiError(400, checked.errors.body!, draftMessage('body', checked.errors.body!));
    if (record.edits >= MAX_EDITS)
      throw new ApiError(429, 'too-many-edits', `A comment can be edited ${MAX_EDITS} times.`);
    // Changing content is creating content: the new text goes through the same moderation as a new comment.
    const edited: Comment = {...toPublic(record), body: checked.draft.body};
    const verdict = await options.moderate(
      edited,
      {before: record.body},
      {ipHash: who.ipHash(c), readerHash: record.readerHash}
    );
    // A held comment stays held whatever the new text; a published one goes back to the queue if the text would be.
    const status = record.moderation !== 'published' ? record.moderation : verdict.status;
    const updated = await store.update(record.id, checked.draft.body, new Date().toISOString(), status);
    if (!updated) throw new ApiError(404, 'not-found', 'That comment does not exist.');
    await store.setBodyHash(record.id, bodyHash(checked.draft.body));
    if (status !== 'published' && record.moderation === 'published') {
      options.log(`held ${record.id} as ${status} after an edit: ${verdict.reasons.join('; ')}`);
      options.notify?.('comment.pending', toPublic({...updated, moderation: 'published'}));
    }
    const [comment] = await present.comments([updated], record.readerHash);
    return c.json({comment: comment ?? toPublic(updated)});
  });

  // Readers own their words: the browser that wrote a comment may delete it at any time (editing has its window).
  app.delete('/comments/:id', async (c) => {
    const record = await ownComment(c, {anyTime: true});
    await store.remove(record.id, new Date().toISOString());
    return c.body(null, 204);
  });

  // A reader's own comments, for download: those whose edit tokens the browser presents (held ones too).
  app.post('/comments/mine', limitBody, async (c) => {
    const {tokens} = await readJson(c, mineSchema);
    const out: Comment[] = [];
    for (const [id, token] of Object.entries(tokens)) {
      const record = isValidId(id) ? await store.get(id) : null;
      if (record && !record.deleted && tokenMatches(token, record.tokenHash)) out.push(toPublic(record));
    }
    return c.json({comments: out});
  });

  // A reader's reaction: PUT gives it, DELETE takes it back. Keyed by the reader's hashed id, so a replayed request
  // counts once; limited per client (address or /64) per minute, and in readers of one client per comment.
  for (const method of ['put', 'delete'] as const) {
    app[method]('/comments/:id/reactions/:kind', async (c) => {
      const id = c.req.param('id');
      const kind = c.req.param('kind') as Reaction;
      if (!REACTIONS.includes(kind)) throw new ApiError(404, 'not-found', `Reactions are ${REACTIONS.join(', ')}.`);
      const reader = readerOf(c);
      if (!isValidId(id)) throw new ApiError(404, 'not-found', 'That comment does not exist.');
      const wait = reactions.take(who.key(c));
      if (wait) throw retryLater(wait, 'Too many reactions.');
      const result = await store.react(
        id,
        {kind, readerHash: reader, ipHash: who.ipHash(c), on: method === 'put', at: new Date().toISOString()},
        {perComment: options.reactionLimit.perComment}
      );
      if (!result.ok && result.reason === 'limited') {
        throw new ApiError(429, 'rate-limited', 'Too many reactions to this comment from your network.');
      }
      const [comment] = result.ok ? await present.comments([result.comment], reader) : [];
      if (!comment) throw new ApiError(404, 'not-found', 'That comment does not exist.');
      return c.json({comment});
    });
  }

  // A reader's report: once per reader per comment, limited like reactions; enough of them hold it for review.
  app.put('/comments/:id/report', async (c) => {
    const id = c.req.param('id');
    const reader = readerOf(c);
    if (!isValidId(id)) throw new ApiError(404, 'not-found', 'That comment does not exist.');
    const wait = reports.take(who.key(c));
    if (wait) throw retryLater(wait, 'Too many reports.');
    const result = await store.report(
      id,
      {readerHash: reader, ipHash: who.ipHash(c), at: new Date().toISOString()},
      options.reportThreshold
    );
    if (!result) throw new ApiError(404, 'not-found', 'That comment does not exist.');
    if (result.held) options.log(`held ${id} for review: ${result.reports} reports`);
    // A reader learns that it counted, not how many others reported it.
    return c.json({reported: true});
  });

  app.get('/counts', async (c) => {
    const posts = [...new Set(c.req.queries('post') ?? [])];
    if (!posts.length) throw new ApiError(400, 'invalid-request', 'Name at least one post: ?post=...');
    if (posts.length > MAX_COUNT_POSTS)
      throw new ApiError(400, 'invalid-request', `At most ${MAX_COUNT_POSTS} posts per request.`);
    for (const post of posts) {
      if (!postIdParam.safeParse(post).success) throw new ApiError(400, 'invalid-request', 'A post id is not valid.');
    }
    // Counted under the request's site, answered by the post ids the page knows.
    const site = c.get('site') ?? '';
    const counts = await store.counts(posts.map((post) => scoped(site, post)));
    return c.json({counts: Object.fromEntries(posts.map((post) => [post, counts[scoped(site, post)] ?? 0]))});
  });

  /** The hashed reader id a reader's action needs (reactions, reports), or a 400 saying how to send it. */
  function readerOf(c: Context<Env>): string {
    const reader = who.reader(c);
    if (!reader)
      throw new ApiError(400, 'invalid-request', 'Send the reader id as X-Confab-Reader (43 characters, base64url).');
    return reader;
  }

  /** The comment named in the path, if the request's bearer token owns it and its edit window is open. */
  async function ownComment(c: Context<Env>, {anyTime = false} = {}) {
    const id = c.req.param('id') ?? '';
    if (!idParam.safeParse(id).success) throw new ApiError(404, 'not-found', 'That comment does not exist.');
    const token = /^Bearer\s+(\S+)$/i.exec(c.req.header('Authorization') ?? '')?.[1] ?? '';
    if (!token)
      throw new ApiError(401, 'unauthorized', 'Send the comment\'s edit token as "Authorization: Bearer <token>".');
    const record = await store.get(id);
    if (!record || record.deleted) throw new ApiError(404, 'not-found', 'That comment does not exist.');
    if (!tokenMatches(token, record.tokenHash))
      throw new ApiError(403, 'forbidden', 'That token does not own this comment.');
    if (!anyTime && Date.now() - Date.parse(record.createdAt) > options.editWindowMs) {
      throw new ApiError(
        403,
        'edit-window-closed',
        `Comments can be changed for ${Math.round(options.editWindowMs / 60000)} minutes after posting.`
      );
    }
    return record;
  }

  return app;
}
