import {Hono, type Context} from 'hono';
import {stream} from 'hono/streaming';
import {z} from 'zod';
import {ANONYMOUS, checkDraft, cleanName, isValidId} from 'confab/core';
import {MAX_PINS} from '../store/store.js';
import type {AppOptions, Asker, Env} from '../context.js';
import {readJson} from '../http/body.js';
import {exportConfab, exportWxr} from '../migrate/export.js';
import {ApiError} from '../http/errors.js';
import {createSchema, postIdParam} from '../http/schemas.js';
import {hashToken, tokenMatches} from '../http/tokens.js';
import {toPublic} from '../store/rows.js';
import {commentCreator} from './create.js';
import {bareId, scoped, siteKey} from '../sites.js';

/** Failed sign-ins allowed per client per quarter of an hour before 429 (for that client's wrong guesses only). */
const MAX_FAILURES = 10;
const FAILURE_WINDOW_MS = 15 * 60_000;
/** Each failed guess is answered this much later per earlier failure, up to a second. */
const FAILURE_DELAY_MS = 100;

const actionSchema = z.strictObject({
  action: z.enum(['approve', 'spam', 'delete', 'block-ip', 'block-name', 'pin', 'unpin']),
});
const siteField = z.string().max(32).optional();
const closeSchema = z.strictObject({postId: postIdParam, closed: z.boolean(), site: siteField});
/** A reply (or a comment) as the site's author: the fields of a reader's, less the spam signals and the mail. */
const authorSchema = createSchema
  .pick({postId: true, parentId: true, body: true, anchor: true})
  .extend({site: siteField});
const editSchema = z.strictObject({body: z.string().max(40_000)});
const purgeSchema = z.strictObject({by: z.enum(['name', 'client'])});
const settingsSchema = z.strictObject({offerMail: z.boolean().optional()});
const forgetSchema = z.strictObject({email: z.string().min(3).max(254)});

/**
 * The moderation API under /api/admin: bearer-token access with the admin secret (compared in constant time),
 * queues across posts, and actions that are all written to the admin log. The right secret is always let in: only
 * wrong guesses are slowed, logged and, past a limit, refused, and only for the client that made them, so nobody
 * can lock the moderator out by failing on purpose.
 */
export function adminRoutes(options: AppOptions, who: Asker): Hono<Env> {
  const {store, sites} = options;
  const app = new Hono<Env>();

  const creator = commentCreator(options, who);

  app.use('/admin/*', async (c, next) => {
    const secret = /^Bearer\s+(\S+)$/i.exec(c.req.header('Authorization') ?? '')?.[1] ?? '';
    if (tokenMatches(secret, options.adminSecretHash)) {
      c.set('actor', 'admin');
      c.set('moderator', null);
      return next();
    }
    // A moderator by name: their own secret, of which the database keeps only the hash.
    const moderator = secret ? await store.moderatorBySecret(hashToken(secret)) : null;
    if (moderator) {
      c.set('actor', moderator.name);
      c.set('moderator', moderator);
      return next();
    }
    const client = who.ipHash(c);
    const since = new Date(Date.now() - FAILURE_WINDOW_MS).toISOString();
    const failures = await store.logCount('sign-in-failed', client, since);
    if (failures >= MAX_FAILURES) {
      throw new ApiError(429, 'rate-limited', 'Too many wrong secrets from your network. Try again later.', {
        'Retry-After': String(FAILURE_WINDOW_MS / 1000),
      });
    }
    await store.log({at: new Date().toISOString(), action: 'sign-in-failed', target: client, detail: null});
    options.log(`admin sign-in failed from client ${client.slice(0, 8)} (${failures + 1} in 15 min)`);
    await new Promise((resolve) => setTimeout(resolve, Math.min(1000, failures * FAILURE_DELAY_MS)));
    throw new ApiError(401, 'unauthorized', secret ? 'That secret is not right.' : 'Sign in with the admin secret.');
  });

  const record = async (c: Context<Env>, action: string, target: string, detail: string | null = null) => {
    const actor = c.get('actor');
    await store.log({at: new Date().toISOString(), action, target, detail, actor});
    options.log(`${actor} ${action} ${target}${detail ? ` (${detail})` : ''}`);
  };

  // Who is signed in, and the name their replies carry.
  app.get('/admin/me', (c) => {
    const moderator = c.get('moderator');
    return c.json({
      name: moderator?.name ?? options.rules.authorName,
      admin: !moderator,
      sites: moderator?.sites ?? null,
      // The server's sites (none declared: one site), for the moderation page's filter.
      serverSites: sites.list.map((s) => s.id),
    });
  });

  // A comment or reply as the site's author: the Author badge, published at once, even on a closed thread.
  app.post('/admin/comments', async (c) => {
    const {site, ...input} = await readJson(c, authorSchema);
    c.set('site', siteKeyFor(c, site));
    const author = c.get('moderator')?.name ?? options.rules.authorName;
    const {comment} = await creator.create(c, input, undefined, {author});
    await record(c, 'author-reply', comment.id, comment.parentId ? `reply to ${comment.parentId}` : comment.postId);
    return c.json({comment: toPublic(comment)}, 201);
  });

  // Closing a post's thread: its comments stay, new ones are refused.
  app.put('/admin/posts', async (c) => {
    const {postId, closed, site} = await readJson(c, closeSchema);
    const stored = scoped(siteKeyFor(c, site), postId);
    await store.setClosed(stored, closed, new Date().toISOString());
    await record(c, closed ? 'close' : 'reopen', stored);
    return c.json({postId, closed});
  });

  app.get('/admin/log', async (c) => c.json({entries: await store.adminLog(200)}));

  app.get('/admin/comments', async (c) => {
    const queue = c.req.query('queue') ?? 'pending';
    if (queue !== 'pending' && queue !== 'spam' && queue !== 'recent' && queue !== 'reported') {
      throw new ApiError(400, 'invalid-request', 'queue is pending, spam, reported or recent.');
    }
    const named = c.req.query('site');
    const comments = await store.adminList(queue, {limit: 100, sites: named ? [siteKeyFor(c, named)] : mySites(c)});
    // Moderators see a short fingerprint of the address, enough to tell commenters apart, never the address.
    return c.json({
      comments: comments.map(({ipHash, ...comment}) => ({
        ...comment,
        postId: bareId(comment.postId),
        ...(sites.list.length ? {site: sites.id(siteKey(comment.postId))} : {}),
        client: ipHash?.slice(0, 8) ?? null,
      })),
    });
  });

  app.post('/admin/comments/:id', async (c) => {
    const id = c.req.param('id');
    const {action} = await readJson(c, actionSchema);
    const found = await existing(c);
    const now = new Date().toISOString();
    if (action === 'block-name' && isDefaultName(found.author)) {
      throw new ApiError(
        400,
        'cannot-block-default-name',
        `"${ANONYMOUS}" is the name of every reader who leaves the name empty: block the address instead.`
      );
    }
    if (action === 'pin' || action === 'unpin') {
      const pinned = await store.pin(id, action === 'pin', now);
      if (pinned === 'not-top-level') throw new ApiError(400, 'invalid-request', 'Only a top-level comment is pinned.');
      if (pinned === 'too-many')
        throw new ApiError(409, 'too-many-pins', `A post has at most ${MAX_PINS} pinned comments: unpin one first.`);
      if (pinned === 'not-found') throw new ApiError(404, 'not-found', 'Only a published comment is pinned.');
    } else if (action === 'delete') await store.remove(id, now);
    else if (action === 'approve') await store.setStatus(id, 'published');
    else if (action === 'spam') await store.setStatus(id, 'spam');
    else {
      if (action === 'block-ip' && found.ipHash) await store.block('ip', found.ipHash, now);
      if (action === 'block-name') await store.block('name', found.author, now);
      await store.setStatus(id, 'spam');
    }
    await record(c, action, id);
    options.mailer?.kick();
    return c.json({ok: true});
  });

  // Mail: whether it is on and offered to readers, the queue, and the mails that failed (with their errors). An
  // address is never shown whole, not even to moderators: only its domain.
  app.get('/admin/mail', async (c) => {
    if (!options.mailer) return c.json({enabled: false, offered: false, stats: null, mails: []});
    const [offered, stats, failed, recent] = await Promise.all([
      options.mailer.offered(),
      store.mail.stats(new Date().toISOString()),
      store.mail.list('failed', 50),
      store.mail.list('all', 20),
    ]);
    const seen = new Set<string>();
    const mails = [...failed, ...recent]
      .filter((m) => !seen.has(m.id) && seen.add(m.id))
      .map((m) => ({
        id: m.id,
        kind: m.kind,
        to: m.recipient ? `…@${m.recipient.split('@').pop()}` : '(forgotten)',
        subject: m.subject,
        status: m.status,
        attempts: m.attempts,
        error: m.lastError,
        createdAt: m.createdAt,
        sentAt: m.sentAt,
      }));
    return c.json({enabled: true, offered, stats, mails});
  });

  app.post('/admin/mail/:id/retry', async (c) => {
    const id = c.req.param('id');
    if (!(await store.mail.retry(id, new Date().toISOString()))) {
      throw new ApiError(404, 'not-found', 'No failed mail has that id.');
    }
    await record(c, 'mail-retry', id);
    options.mailer?.kick();
    return c.json({ok: true});
  });

  app.put('/admin/settings', async (c) => {
    const {offerMail} = await readJson(c, settingsSchema);
    if (offerMail !== undefined) {
      await options.mailer?.setOffered(offerMail);
      // Every list says whether mail is offered: kept lists go (other processes' within their kept time).
      options.lists?.changed(null);
      await record(c, 'setting', 'offer-mail', String(offerMail));
    }
    return c.json({offerMail: (await options.mailer?.offered()) ?? false});
  });

  // A reader asked to be forgotten: every subscription of that address, in every browser, and its mails not sent.
  app.post('/admin/forget-email', async (c) => {
    const {email} = await readJson(c, forgetSchema);
    const forgotten = await store.mail.forget(email);
    await record(c, 'forget-email', `${forgotten} subscribers`);
    return c.json({forgotten});
  });

  // Everything one commenter wrote, by the name or the address of one of their comments, in one action.
  app.post('/admin/comments/:id/purge', async (c) => {
    const {by} = await readJson(c, purgeSchema);
    const found = await existing(c);
    // A commenter's words on every site: for moderators of every site.
    if (mySites(c))
      throw new ApiError(403, 'forbidden', 'Deleting everything by one commenter spans sites: ask a moderator of all.');
    if (by === 'name' && isDefaultName(found.author)) {
      throw new ApiError(
        400,
        'cannot-block-default-name',
        `"${ANONYMOUS}" is every reader who leaves the name empty: delete by address instead.`
      );
    }
    if (by === 'client' && !found.ipHash)
      throw new ApiError(400, 'invalid-request', 'This comment has no address to delete by (an import without one).');
    const removed = await store.purge(
      by === 'name' ? 'name' : 'ip',
      by === 'name' ? found.author : found.ipHash!,
      new Date().toISOString()
    );
    await record(c, `purge-by-${by}`, found.id, `${removed} comments`);
    return c.json({removed});
  });

  // Every comment, as Confab JSON or WXR (the same as `confab-server export`).
  app.get('/admin/export', async (c) => {
    const format = c.req.query('format') ?? 'confab';
    if (format !== 'confab' && format !== 'wxr') throw new ApiError(400, 'invalid-request', 'format is confab or wxr.');
    // `site`: one site's comments (a moderator of some sites gets theirs); `url`: where WXR links start.
    const named = c.req.query('site');
    const key = named ? siteKeyFor(c, named) : undefined;
    const only = key === undefined ? mySites(c) : [key];
    const post = c.req.query('post');
    const postId = post ? scoped(key ?? '', post) : undefined;
    const siteUrl = c.req.query('url') || (key !== undefined ? (sites.base(key) ?? undefined) : undefined);
    const chunks =
      format === 'wxr' ? exportWxr(store, {postId, siteUrl, sites: only}) : exportConfab(store, {postId, sites: only});
    await record(c, 'export', postId ?? (named ? `site ${named}` : '*'), format);
    c.header(
      'Content-Type',
      format === 'wxr' ? 'application/rss+xml; charset=utf-8' : 'application/json; charset=utf-8'
    );
    c.header('Content-Disposition', `attachment; filename="confab-export.${format === 'wxr' ? 'xml' : 'json'}"`);
    return stream(c, async (out) => {
      for await (const chunk of chunks) await out.write(chunk);
    });
  });

  app.patch('/admin/comments/:id', async (c) => {
    const id = c.req.param('id');
    const {body} = await readJson(c, editSchema);
    const checked = checkDraft({body});
    if (!checked.ok) throw new ApiError(400, checked.errors.body!, 'The comment is not valid.');
    await existing(c);
    const updated = await store.update(id, checked.draft.body, new Date().toISOString());
    if (!updated) throw new ApiError(404, 'not-found', 'That comment does not exist.');
    await record(c, 'edit', id);
    return c.json({ok: true});
  });

  async function existing(c: Context<Env>) {
    const id = c.req.param('id') ?? '';
    const found = isValidId(id) ? await store.get(id) : null;
    if (!found || found.deleted) throw new ApiError(404, 'not-found', 'That comment does not exist.');
    // A moderator of some sites acts on those sites' comments only.
    const mine = mySites(c);
    if (mine && !mine.includes(siteKey(found.postId)))
      throw new ApiError(403, 'forbidden', 'That comment is on a site you do not moderate.');
    return found;
  }

  /** The keys of the sites the signed-in moderator may act on, or undefined for every site. */
  function mySites(c: Context<Env>): string[] | undefined {
    const names = c.get('moderator')?.sites;
    if (!names) return undefined;
    return names.map((name) => sites.key(name)).filter((key): key is string => key !== null);
  }

  /** The key of a site a moderation request names (none: the default site), if the moderator may act on it. */
  function siteKeyFor(c: Context<Env>, name: string | undefined): string {
    const key = name ? sites.key(name) : '';
    if (key === null) throw new ApiError(400, 'unknown-site', `This server has no site "${name!.slice(0, 40)}".`);
    const mine = mySites(c);
    if (mine && !mine.includes(key)) throw new ApiError(403, 'forbidden', 'You do not moderate that site.');
    return key;
  }

  return app;
}

/** The name every reader gets who leaves theirs empty (blocking it would block them all). */
const isDefaultName = (name: string) => {
  const clean = cleanName(name).toLowerCase();
  return clean === '' || clean === ANONYMOUS.toLowerCase();
};
