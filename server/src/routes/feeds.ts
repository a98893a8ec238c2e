import {Hono, type Context} from 'hono';
import {createHmac, timingSafeEqual} from 'node:crypto';
import type {AppOptions, Asker, Env} from '../context.js';
import {ApiError} from '../http/errors.js';
import {queryPostId} from '../http/query.js';
import {postName} from '../mail/templates.js';
import {atomFeed} from '../render/atom.js';
import {bareId, pageUrl} from '../sites.js';
import type {StoredComment} from '../store/rows.js';

const ENTRIES = 50;

/**
 * Atom feeds, for readers who would rather not give an address: a post's comments, the site's latest comments
 * (published ones only, like the widget shows them), and a reader's private feed of replies to their comments at
 * a secret address (`GET /api/me/feed`, asked by the widget with the reader id, tells it).
 */
export function feedRoutes(options: AppOptions, who: Asker): Hono<Env> {
  const {store} = options;
  const app = new Hono<Env>();
  const sign = (readerHash: string) =>
    createHmac('sha256', options.mailKey).update(`feed:${readerHash}`).digest('base64url').slice(0, 32);
  const base = (c: Context<Env>) => options.mailer?.publicUrl ?? new URL(c.req.url).origin;
  const site = (c: Context<Env>) => options.siteUrl ?? base(c);
  const urlOf = (c: Context<Env>, postId: string, known?: string) =>
    known ?? pageUrl(options.sites.baseOf(postId, site(c)), postId);
  /** `&site=ID` for a feed of another site than the default one. */
  const siteParam = (c: Context<Env>) => (c.get('site') ? `site=${encodeURIComponent(c.get('site'))}` : '');

  async function entries(c: Context<Env>, comments: StoredComment[]) {
    const urls = await store.postUrls([...new Set(comments.map((m) => m.postId))]);
    return comments.map((comment) => {
      const page = urlOf(c, comment.postId, urls.get(comment.postId));
      return {comment, url: `${page}#comment-${comment.id}`, where: postName(page)};
    });
  }
  const atom = (c: Context<Env>, xml: string, cache: string) => {
    c.header('Content-Type', 'application/atom+xml; charset=utf-8');
    c.header('Cache-Control', cache);
    return c.body(xml);
  };

  app.get('/feeds/comments.atom', async (c) => {
    const postId = queryPostId(c);
    const comments = await store.recent(postId, ENTRIES);
    const page = urlOf(c, postId, (await store.postUrls([postId])).get(postId));
    const self = `${base(c)}/api/feeds/comments.atom?${[`post=${encodeURIComponent(bareId(postId))}`, siteParam(c)].filter(Boolean).join('&')}`;
    return atom(
      c,
      atomFeed({
        id: self,
        title: `Comments on ${postName(page)}`,
        self,
        alternate: page,
        entries: await entries(c, comments),
      }),
      'public, max-age=60'
    );
  });

  app.get('/feeds/latest.atom', async (c) => {
    const self = `${base(c)}/api/feeds/latest.atom${siteParam(c) ? `?${siteParam(c)}` : ''}`;
    const home = options.sites.base(c.get('site')) ?? site(c);
    return atom(
      c,
      atomFeed({
        id: self,
        title: `Latest comments on ${postName(home)}`,
        self,
        alternate: home,
        entries: await entries(
          c,
          await store.recent(null, ENTRIES, options.sites.list.length ? [c.get('site')] : undefined)
        ),
      }),
      'public, max-age=60'
    );
  });

  app.get('/feeds/replies.atom', async (c) => {
    const [reader = '', signature = ''] = (c.req.query('key') ?? '').split('.');
    const expected = Buffer.from(sign(reader));
    if (
      !/^[0-9a-f]{32}$/.test(reader) ||
      signature.length !== expected.length ||
      !timingSafeEqual(Buffer.from(signature), expected)
    ) {
      throw new ApiError(404, 'not-found', 'No such feed.');
    }
    const self = `${base(c)}/api/feeds/replies.atom?key=${reader}.${signature}`;
    const home = site(c);
    return atom(
      c,
      atomFeed({
        id: self,
        title: `Replies to your comments on ${postName(home)}`,
        self,
        alternate: home,
        entries: await entries(c, await store.repliesTo(reader, ENTRIES)),
      }),
      'private, max-age=60'
    );
  });

  app.get('/me/feed', (c) => {
    const reader = who.reader(c);
    if (!reader)
      throw new ApiError(400, 'invalid-request', 'Send the reader id as X-Confab-Reader (43 characters, base64url).');
    return c.json({url: `${base(c)}/api/feeds/replies.atom?key=${reader}.${sign(reader)}`});
  });

  return app;
}
