import type {Context, Hono} from 'hono';
import type {HttpBindings} from '@hono/node-server';
import {z} from 'zod';
import {checkDraft, isValidId} from '../../src/core/validate.js';
import {readJson} from './http/body.js';
import {ApiError} from './http/errors.js';
import {tokenMatches} from './http/tokens.js';
import type {Status, Store} from './store/store.js';

type Env = {Bindings: HttpBindings};

export interface AdminOptions {
  store: Store;
  /** SHA-256 of the admin secret. */
  secretHash: string;
  /** The hashed address of a request's client. */
  clientHash: (c: Context<Env>) => string;
  log: (line: string) => void;
}

/** Failed sign-ins allowed per client per quarter of an hour before 429. */
const MAX_FAILURES = 10;
const FAILURE_WINDOW_MS = 15 * 60_000;

const actionSchema = z.strictObject({action: z.enum(['approve', 'spam', 'delete', 'block-ip', 'block-name'])});
const editSchema = z.strictObject({body: z.string().max(40_000)});

/**
 * The moderation API under /api/admin: bearer-token access with the admin secret (compared in constant time,
 * failures rate-limited per client), queues across posts, and actions that are all written to the admin log.
 */
export function mountAdmin(app: Hono<Env>, options: AdminOptions): void {
  const {store} = options;

  app.use('/api/admin/*', async (c, next) => {
    const client = options.clientHash(c);
    const since = new Date(Date.now() - FAILURE_WINDOW_MS).toISOString();
    if ((await store.logCount('sign-in-failed', client, since)) >= MAX_FAILURES) {
      throw new ApiError(429, 'rate-limited', 'Too many failed sign-ins. Try again later.', {'Retry-After': String(FAILURE_WINDOW_MS / 1000)});
    }
    const secret = /^Bearer\s+(\S+)$/i.exec(c.req.header('Authorization') ?? '')?.[1] ?? '';
    if (!tokenMatches(secret, options.secretHash)) {
      await store.log({at: new Date().toISOString(), action: 'sign-in-failed', target: client, detail: null});
      throw new ApiError(401, 'unauthorized', 'Send the admin secret as "Authorization: Bearer <secret>".');
    }
    await next();
  });

  const record = async (action: string, target: string, detail: string | null = null) => {
    await store.log({at: new Date().toISOString(), action, target, detail});
    options.log(`admin ${action} ${target}${detail ? ` (${detail})` : ''}`);
  };

  app.get('/api/admin/comments', async (c) => {
    const queue = c.req.query('queue') ?? 'pending';
    if (queue !== 'pending' && queue !== 'spam' && queue !== 'recent') {
      throw new ApiError(400, 'invalid-request', 'queue is pending, spam or recent.');
    }
    const comments = await store.adminList(queue, {limit: 100});
    // Moderators see a short fingerprint of the address, enough to tell commenters apart, never the address.
    return c.json({comments: comments.map(({ipHash, ...comment}) => ({...comment, client: ipHash?.slice(0, 8) ?? null}))});
  });

  app.post('/api/admin/comments/:id', async (c) => {
    const id = c.req.param('id');
    const {action} = await readJson(c, actionSchema);
    const found = isValidId(id) ? await store.get(id) : null;
    if (!found || found.deleted) throw new ApiError(404, 'not-found', 'That comment does not exist.');
    if (action === 'delete') await store.remove(id, new Date().toISOString());
    else if (action === 'approve' || action === 'spam') await store.setStatus(id, (action === 'approve' ? 'published' : 'spam') as Status);
    else {
      if (action === 'block-ip' && found.ipHash) await store.block('ip', found.ipHash, new Date().toISOString());
      if (action === 'block-name') await store.block('name', found.author, new Date().toISOString());
      await store.setStatus(id, 'spam');
    }
    await record(action, id);
    return c.json({ok: true});
  });

  app.patch('/api/admin/comments/:id', async (c) => {
    const id = c.req.param('id');
    const {body} = await readJson(c, editSchema);
    const checked = checkDraft({body});
    if (!checked.ok) throw new ApiError(400, checked.errors.body!, 'The comment is not valid.');
    const updated = isValidId(id) ? await store.update(id, checked.draft.body, new Date().toISOString()) : null;
    if (!updated) throw new ApiError(404, 'not-found', 'That comment does not exist.');
    await record('edit', id);
    return c.json({ok: true});
  });
}
