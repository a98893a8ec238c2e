import {Hono, type Context} from 'hono';
import {existsSync} from 'node:fs';
import {readFile} from 'node:fs/promises';
import {fileURLToPath} from 'node:url';
import {bodyLimit} from 'hono/body-limit';
import {cors} from 'hono/cors';
import {streamSSE} from 'hono/streaming';
import {serveStatic} from '@hono/node-server/serve-static';
import type {HttpBindings} from '@hono/node-server';
import type {BlockList} from 'node:net';
import {newId} from '../../src/core/id.js';
import {REACTIONS, type Comment, type CommentSort, type Reaction} from '../../src/core/types.js';
import {checkDraft, isValidId} from '../../src/core/validate.js';
import {readJson} from './http/body.js';
import {clientAddress, clientKey} from './http/client.js';
import {ApiError, errorBody} from './http/errors.js';
import {createSchema, idParam, postIdParam, updateSchema} from './http/schemas.js';
import {hashClient, hashToken, newToken, tokenMatches} from './http/tokens.js';
import type {Hub} from './hub.js';
import {mountAdmin} from './admin.js';
import type {createModerator} from './moderation.js';
import {toPublic, visibleTo, type StoredComment} from './store/rows.js';
import type {Position, RateLimit, Store} from './store/store.js';

export interface AppOptions {
  store: Store;
  hub: Hub;
  /** Exact origins allowed to call the API from a browser (CORS). Same-origin pages need none. */
  origins: string[];
  trustedProxies: BlockList;
  /** How long after posting a comment its token may edit or delete it. */
  editWindowMs: number;
  /** Creates allowed per client per window; 0 turns the limit off. */
  rateLimit: RateLimit;
  /** Salt for hashing client addresses (from the store, shared by every process). */
  salt: string;
  /** Aborted when the server shuts down: live streams end so that shutdown can finish. */
  shutdown: AbortSignal;
  /** Decides where a new comment goes (published, pending, spam). */
  moderate: Moderator;
  /** SHA-256 of the admin secret, for /api/admin. */
  adminSecretHash: string;
  /** Tells a site's webhook about new and held comments, when one is configured. */
  notify?: (event: 'comment.created' | 'comment.pending', comment: Comment) => void;
  /** Folder holding `demo/` and `dist/` to serve beside the API, or null. */
  demoRoot: string | null;
  log: (line: string) => void;
}

type Moderator = ReturnType<typeof createModerator>;

const MAX_BODY_BYTES = 64 * 1024;

/** Where the built moderation page is: beside the bundled server, or in a checkout after `npm run build -w server`. */
const ADMIN_SCRIPT = ['./public/confab-admin.js', '../dist/public/confab-admin.js'].map((path) =>
  fileURLToPath(new URL(path, import.meta.url))
);
const ADMIN_PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Confab moderation</title>
    <link rel="icon" href="data:," />
    <style>body { font: 16px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; }</style>
  </head>
  <body>
    <h1>Comments to moderate</h1>
    <confab-moderation></confab-moderation>
    <script src="/admin/confab-admin.js"></script>
  </body>
</html>`;
const MAX_COUNT_POSTS = 100;
const HEARTBEAT_MS = 25_000;

type Env = {Bindings: HttpBindings};

export function createApp(options: AppOptions): Hono<Env> {
  const {store, hub} = options;
  const app = new Hono<Env>();
  const allowed = new Set(options.origins);

  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    options.log(`${c.req.method} ${c.req.path} ${c.res.status} ${(performance.now() - started).toFixed(1)}ms`);
  });

  const corsHeaders = cors({
    origin: (origin) => (allowed.has(origin) ? origin : null),
    allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    allowHeaders: ['Content-Type', 'Authorization', 'Last-Event-ID', 'X-Confab-Reader'],
    exposeHeaders: ['Retry-After'],
    maxAge: 600,
  });
  // Only cross-origin requests carry Origin; the others skip the CORS work (it costs a rebuilt response).
  app.use('/api/*', (c, next) => (c.req.header('origin') ? corsHeaders(c, next) : next()));
  app.use('/api/*', async (c, next) => {
    // Set before the handler runs: headers added to a finished response would make Hono rebuild it (slowly).
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Cache-Control', 'no-store');
    await next();
  });
  // Only on routes with a body: the limit wraps the request stream, which plain reads do not need.
  const limitBody = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) => c.json(errorBody('payload-too-large', `Request bodies are limited to ${MAX_BODY_BYTES / 1024} KB.`), 413),
  });

  app.get('/api/health', async (c) => {
    // One indexed query: the database answers, or this throws and the health check fails.
    await store.latest('/');
    return c.json({status: 'ok', store: store.kind, streams: hub.connections});
  });

  app.get('/api/comments', async (c) => {
    const postId = queryPostId(c);
    const sort = querySort(c);
    const limit = queryLimit(c);
    const after = decodeCursor(c.req.query('cursor'), sort);
    // A page of threads: `limit` top-level comments, each with all its replies.
    // The newest comment matters only to a first page (where a live stream starts): asked for alongside it.
    const [{roots, replies, more}, latest] = await Promise.all([
      store.threads(postId, {after, limit, sort}),
      after ? undefined : store.latest(postId),
    ]);
    const reader = readerHash(c);
    // Pending comments are shown to their author only.
    const comments = await withReactions([...roots, ...replies].filter(visibleTo(reader)), reader);
    const last = roots[roots.length - 1];
    return c.json({comments, next: more && last ? encodeCursor(last, sort) : null, editWindowMs: options.editWindowMs, latest});
  });

  app.get('/api/comments/:id/thread', async (c) => {
    const id = c.req.param('id');
    const comments = isValidId(id) ? await store.thread(id) : null;
    if (!comments) throw new ApiError(404, 'not-found', 'That comment does not exist.');
    const reader = readerHash(c);
    return c.json({comments: await withReactions(comments.filter(visibleTo(reader)), reader)});
  });

  app.post('/api/comments', limitBody, async (c) => {
    const input = await readJson(c, createSchema);
    if (input.anchor && input.parentId) throw new ApiError(400, 'invalid', 'Only a top-level comment can have an anchor; a reply is about its parent.');
    const checked = checkDraft(input);
    if (!checked.ok) {
      const [field, code] = Object.entries(checked.errors)[0]!;
      throw new ApiError(400, code, draftMessage(field, code));
    }
    const token = newToken();
    const comment: Comment = {id: newId(), postId: input.postId, createdAt: new Date().toISOString(), ...checked.draft};
    const who = {ipHash: hashClient(options.salt, clientKey(peer(c, options.trustedProxies))), readerHash: readerHash(c)};
    const verdict = await options.moderate(comment, {website: input.website, elapsedMs: input.elapsedMs}, who);
    const result = await store.insert(
      {...comment, ...who, tokenHash: hashToken(token), status: verdict.status, bodyHash: verdict.bodyHash},
      options.rateLimit
    );
    if (!result.ok && result.reason === 'parent-not-found') {
      throw new ApiError(422, 'parent-not-found', 'The comment you are replying to does not exist on this post.');
    }
    if (!result.ok) {
      const seconds = Math.max(1, Math.ceil(result.retryAfterMs / 1000));
      throw new ApiError(429, 'rate-limited', `Too many comments. Try again in ${seconds} s.`, {'Retry-After': String(seconds)});
    }
    options.notify?.(verdict.status === 'published' ? 'comment.created' : 'comment.pending', {...comment});
    if (verdict.status !== 'published') {
      options.log(`held ${comment.id} as ${verdict.status}: ${verdict.reasons.join('; ')}`);
      // Spam is answered like a held comment: its author sees "awaiting approval", a bot learns nothing.
      comment.status = 'pending';
    }
    return c.json({comment, token}, 201);
  });

  app.patch('/api/comments/:id', limitBody, async (c) => {
    const record = await ownComment(c);
    const {body} = await readJson(c, updateSchema);
    const checked = checkDraft({body});
    if (!checked.ok) throw new ApiError(400, checked.errors.body!, draftMessage('body', checked.errors.body!));
    const updated = await store.update(record.id, checked.draft.body, new Date().toISOString());
    if (!updated) throw new ApiError(404, 'not-found', 'That comment does not exist.');
    return c.json({comment: toPublic(updated)});
  });

  app.delete('/api/comments/:id', async (c) => {
    const record = await ownComment(c);
    await store.remove(record.id, new Date().toISOString());
    return c.body(null, 204);
  });

  // A reader's reaction: PUT gives it, DELETE takes it back. Keyed by the reader's hashed id, so a replayed request
  // counts once.
  for (const method of ['put', 'delete'] as const) {
    app[method]('/api/comments/:id/reactions/:kind', async (c) => {
      const id = c.req.param('id');
      const kind = c.req.param('kind') as Reaction;
      if (!REACTIONS.includes(kind)) throw new ApiError(404, 'not-found', `Reactions are ${REACTIONS.join(', ')}.`);
      const reader = readerHash(c);
      if (!reader) throw new ApiError(400, 'invalid-request', 'Send the reader id as X-Confab-Reader (43 characters, base64url).');
      if (!isValidId(id) || !(await store.react(id, kind, reader, method === 'put', new Date().toISOString()))) {
        throw new ApiError(404, 'not-found', 'That comment does not exist.');
      }
      const record = await store.get(id);
      const [comment] = await withReactions([toPublic(record!)], reader);
      return c.json({comment});
    });
  }

  app.get('/api/counts', async (c) => {
    const posts = [...new Set(c.req.queries('post') ?? [])];
    if (!posts.length) throw new ApiError(400, 'invalid-request', 'Name at least one post: ?post=...');
    if (posts.length > MAX_COUNT_POSTS) throw new ApiError(400, 'invalid-request', `At most ${MAX_COUNT_POSTS} posts per request.`);
    for (const post of posts) {
      if (!postIdParam.safeParse(post).success) throw new ApiError(400, 'invalid-request', 'A post id is not valid.');
    }
    return c.json({counts: await store.counts(posts)});
  });

  app.get('/api/stream', async (c) => {
    const postId = queryPostId(c);
    // Where to start: the browser's Last-Event-ID on a reconnect, else `after` (the newest comment the page has;
    // empty when it has none, to replay the whole post), else live comments only.
    const lastId = c.req.header('Last-Event-ID') ?? c.req.query('after');
    return streamSSE(c, async (stream) => {
      const queue: Comment[] = [];
      const sent = new Set<string>();
      let wake: (() => void) | null = null;
      const unsubscribe = hub.subscribe(postId, (comment) => {
        queue.push(comment);
        wake?.();
      });
      const stop = () => wake?.();
      options.shutdown.addEventListener('abort', stop);
      stream.onAbort(stop);
      try {
        // A reconnecting reader gets what it missed since the last comment it saw.
        const last = lastId && isValidId(lastId) ? await store.get(lastId) : null;
        if (lastId === '' || (last && last.postId === postId)) {
          const missed: Comment[] = [];
          let after: Position | undefined = last ?? undefined;
          for (;;) {
            const page = await store.list(postId, {after, limit: 100, sort: 'oldest'});
            missed.push(...page);
            if (page.length < 100) break;
            after = page[page.length - 1]!;
          }
          // Live comments that arrived during the replay go after it (and are skipped if the replay had them), so
          // the reader gets every comment once, oldest first.
          queue.unshift(...missed);
        }
        await stream.writeSSE({event: 'ready', data: '{}', retry: 3000});
        while (!stream.aborted && !stream.closed && !options.shutdown.aborted) {
          while (queue.length) {
            const comment = queue.shift()!;
            if (sent.has(comment.id)) continue;
            sent.add(comment.id);
            await stream.writeSSE({id: comment.id, event: 'comment', data: JSON.stringify(comment)});
          }
          const woke = await new Promise<boolean>((resolve) => {
            const timer = setTimeout(() => resolve(false), HEARTBEAT_MS);
            wake = () => (clearTimeout(timer), resolve(true));
          });
          wake = null;
          if (!woke) await stream.write(': keep-alive\n\n');
        }
      } finally {
        unsubscribe();
        options.shutdown.removeEventListener('abort', stop);
      }
    });
  });

  mountAdmin(app, {
    store,
    secretHash: options.adminSecretHash,
    clientHash: (c) => hashClient(options.salt, clientKey(peer(c, options.trustedProxies))),
    log: options.log,
  });

  app.all('/api/*', (c) => c.json(errorBody('not-found', 'No such API endpoint.'), 404));

  // The moderation page: <confab-moderation> on the same origin as the API.
  const adminScript = ADMIN_SCRIPT.find((file) => existsSync(file));
  if (adminScript) {
    app.get('/admin', (c) => {
      c.header('Cache-Control', 'no-cache');
      c.header('Content-Security-Policy', "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:");
      return c.html(ADMIN_PAGE);
    });
    app.get('/admin/confab-admin.js', async (c) => {
      c.header('Content-Type', 'text/javascript; charset=utf-8');
      return c.body(await readFile(adminScript));
    });
  }

  if (options.demoRoot) {
    const root = options.demoRoot;
    app.get('/', (c) => c.redirect('/demo/'));
    app.use('/demo/*', serveStatic({root, onFound: noCacheHtml}));
    app.use('/dist/*', serveStatic({root, onFound: (_path, c) => c.header('Access-Control-Allow-Origin', '*')}));
    app.get('/demo', (c) => c.redirect('/demo/'));
  }

  app.notFound((c) => c.json(errorBody('not-found', 'Not found.'), 404));

  app.onError((error, c) => {
    if (error instanceof ApiError) {
      for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
      return c.json(errorBody(error.code, error.message), error.status);
    }
    const status = (error as {status?: number}).status;
    if (status && status >= 400 && status < 500) {
      return c.json(errorBody('bad-request', 'The request could not be read.'), status as 400);
    }
    console.error('[confab] Unexpected error:', error);
    return c.json(errorBody('internal', 'Something went wrong on the server.'), 500);
  });

  /** The hashed reader id of a request, or null when it has none. */
  function readerHash(c: Context<Env>): string | null {
    const token = c.req.header('X-Confab-Reader');
    return token && /^[A-Za-z0-9_-]{43}$/.test(token) ? hashClient(options.salt, `reader:${token}`) : null;
  }

  /** Adds reaction counts, and this reader's own reactions, to comments. */
  async function withReactions(comments: Comment[], reader: string | null): Promise<Comment[]> {
    const summaries = await store.reactions(comments.map((c) => c.id), reader);
    return comments.map((stored) => {
      const comment = toPublic(stored);
      const summary = summaries.get(comment.id);
      if (!summary) return comment;
      const out = {...comment, reactions: summary.counts};
      return summary.mine.length ? {...out, mine: summary.mine} : out;
    });
  }

  /** The comment named in the path, if the request's bearer token owns it and its edit window is open. */
  async function ownComment(c: Context<Env>) {
    const id = c.req.param('id') ?? '';
    if (!idParam.safeParse(id).success) throw new ApiError(404, 'not-found', 'That comment does not exist.');
    const token = /^Bearer\s+(\S+)$/i.exec(c.req.header('Authorization') ?? '')?.[1] ?? '';
    if (!token) throw new ApiError(401, 'unauthorized', 'Send the comment\'s edit token as "Authorization: Bearer <token>".');
    const record = await store.get(id);
    if (!record || record.deleted) throw new ApiError(404, 'not-found', 'That comment does not exist.');
    if (!tokenMatches(token, record.tokenHash)) throw new ApiError(403, 'forbidden', 'That token does not own this comment.');
    if (Date.now() - Date.parse(record.createdAt) > options.editWindowMs) {
      throw new ApiError(403, 'edit-window-closed', `Comments can be changed for ${Math.round(options.editWindowMs / 60000)} minutes after posting.`);
    }
    return record;
  }

  return app;
}

function noCacheHtml(path: string, c: Context) {
  if (path.endsWith('.html')) c.header('Cache-Control', 'no-cache');
}

function peer(c: Context<Env>, trusted: BlockList): string {
  const address = c.env?.incoming?.socket?.remoteAddress ?? '0.0.0.0';
  return clientAddress(address, c.req.header('X-Forwarded-For'), trusted);
}

function queryPostId(c: Context): string {
  const postId = c.req.query('post');
  if (postId === undefined) throw new ApiError(400, 'invalid-request', 'Name the post: ?post=...');
  if (!postIdParam.safeParse(postId).success) {
    throw new ApiError(400, 'invalid-request', 'post must be 1 to 512 printable characters without spaces, quotes or angle brackets.');
  }
  return postId;
}

function querySort(c: Context): CommentSort {
  const sort = c.req.query('sort') ?? 'oldest';
  if (sort !== 'oldest' && sort !== 'newest' && sort !== 'top') {
    throw new ApiError(400, 'invalid-request', 'sort must be "oldest", "newest" or "top".');
  }
  return sort;
}

/** The page size: an integer, clamped to 1..100 (default 50). */
function queryLimit(c: Context): number {
  const raw = c.req.query('limit');
  if (raw === undefined || raw === '') return 50;
  if (!/^-?\d{1,12}$/.test(raw)) throw new ApiError(400, 'invalid-request', 'limit must be a whole number.');
  return Math.min(100, Math.max(1, Number(raw)));
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function encodeCursor(comment: StoredComment, sort: CommentSort): string {
  const key = [comment.createdAt, comment.id, sort, ...(sort === 'top' ? [comment.up ?? 0] : [])];
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

function decodeCursor(cursor: string | undefined, sort: CommentSort): Position | undefined {
  if (cursor === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === (sort === 'top' ? 4 : 3)) {
      const [createdAt, id, cursorSort, up] = value;
      const upOk = sort !== 'top' || (Number.isSafeInteger(up) && up >= 0);
      if (typeof createdAt === 'string' && ISO.test(createdAt) && isValidId(id) && cursorSort === sort && upOk) {
        return {createdAt, id, up};
      }
    }
  } catch {
    // reported below
  }
  throw new ApiError(400, 'invalid-cursor', 'That page cursor is not valid (it may belong to another sort order).');
}

function draftMessage(field: string, code: string): string {
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
