import {Hono, type Context} from 'hono';
import type {AppOptions, Asker, Env} from '../context.js';
import {ApiError} from '../http/errors.js';
import {hashToken} from '../http/tokens.js';
import {verifyLink} from '../mail/links.js';
import {postName} from '../mail/templates.js';
import {bodyHtml} from '../render/body.js';
import {html} from '../render/html.js';
import {landingPage} from '../render/page.js';
import {bareId} from '../sites.js';

const ACTIONS = {
  approve: {label: 'Approve', done: 'Approved: the comment is published.', danger: false},
  spam: {label: 'Mark as spam', done: 'Marked as spam: the comment is hidden.', danger: true},
  delete: {label: 'Delete', done: 'Deleted.', danger: true},
} as const;
type Action = keyof typeof ACTIONS;

/**
 * The links in mails, under /api/mail: confirming an address, unsubscribing (one post, or everything, also as
 * RFC 8058's one-click POST), and moderators' one-click actions. Each GET only shows a page with a button; only the
 * POST it sends acts, so a mail scanner that follows links changes nothing. Also: a reader forgetting the addresses
 * given in their browser.
 */
export function mailRoutes(options: AppOptions, who: Asker): Hono<Env> {
  const {store} = options;
  const app = new Hono<Env>();
  const key = options.mailKey;
  const token = (c: Context<Env>) => c.req.query('t') ?? '';
  const admin = `${options.mailer?.publicUrl ?? ''}/admin`;
  const form = (label: string, danger = false) =>
    html`<form method="post"><button type="submit" class="${danger ? 'danger' : ''}">${label}</button></form>`;
  const gone = (c: Context<Env>, reason: 'invalid' | 'expired') =>
    landingPage(
      c,
      reason === 'expired' ? 410 : 400,
      reason === 'expired' ? 'This link has expired' : 'This link is not valid',
      html`<p>${reason === 'expired' ? 'Links in mails work for a limited time.' : 'It may have been cut short by your mail program: try copying the whole link.'}</p>`
    );

  app.get('/mail/confirm', async (c) => {
    const link = verifyLink(key, 'confirm', token(c));
    if (!link.ok) return gone(c, link.reason);
    const subscriber = await store.mail.subscriber(link.subject);
    if (!subscriber) return gone(c, 'expired');
    if (subscriber.confirmed)
      return landingPage(c, 200, 'Your address is confirmed', html`<p>You will get a mail when someone replies.</p>`);
    return landingPage(
      c,
      200,
      'Confirm your address',
      html`<p>Get a mail when someone replies to your comments.</p>${form('Confirm my address')}`
    );
  });
  app.post('/mail/confirm', async (c) => {
    const link = verifyLink(key, 'confirm', token(c));
    if (!link.ok) return gone(c, link.reason);
    if (!(await store.mail.confirm(link.subject, new Date().toISOString()))) return gone(c, 'expired');
    options.mailer?.kick();
    return landingPage(
      c,
      200,
      'Your address is confirmed',
      html`<p>You will get a mail when someone replies. Every mail has a link to stop them.</p>`
    );
  });

  /** The subscriber and post (null: everything) an unsubscribe link names. */
  const unsubscribeTarget = (c: Context<Env>) => {
    const link = verifyLink(key, 'unsubscribe', token(c));
    if (!link.ok) return link;
    const [subscriber = '', ...post] = link.subject.split(' ');
    return {ok: true as const, subscriber, postId: post.length ? post.join(' ') : null};
  };
  app.get('/mail/unsubscribe', async (c) => {
    const target = unsubscribeTarget(c);
    if (!target.ok) return gone(c, target.reason);
    const known = await store.mail.subscriber(target.subscriber);
    if (!known) return landingPage(c, 200, 'You get no more mail', html`<p>This address was already forgotten.</p>`);
    return target.postId === null
      ? landingPage(
          c,
          200,
          'Stop all mail?',
          html`<p>No more mail about any post, and the address is forgotten.</p>${form('Stop all mail')}`
        )
      : landingPage(
          c,
          200,
          'Stop mail about this post?',
          html`<p>No more mail about <a href="${options.mailer?.postUrl(target.postId) ?? ''}">${postName(options.mailer?.postUrl(target.postId) ?? target.postId)}</a>.</p>${form('Stop mail about this post')}`
        );
  });
  // The page's button, and the one-click POST of RFC 8058 (body "List-Unsubscribe=One-Click"), both land here.
  app.post('/mail/unsubscribe', async (c) => {
    const target = unsubscribeTarget(c);
    if (!target.ok) return gone(c, target.reason);
    await store.mail.unsubscribe(target.subscriber, target.postId, new Date().toISOString());
    options.log(
      `mail: subscriber ${target.subscriber.slice(0, 8)} unsubscribed${target.postId ? ` from ${target.postId}` : ' from everything'}`
    );
    return landingPage(
      c,
      200,
      target.postId === null ? 'You get no more mail' : 'No more mail about this post',
      target.postId === null
        ? html`<p>Your address is forgotten. Comments you write with it again will ask again.</p>`
        : html`<p>Other posts you follow still send mail; each mail has a link to stop them too.</p>`
    );
  });

  /** What a moderation link is for, if it is still unused and unexpired. */
  const moderation = async (c: Context<Env>, use: boolean) => {
    const hash = hashToken(token(c));
    const now = new Date().toISOString();
    const found = use ? await store.mail.use(hash, now) : await store.mail.peek(hash, now);
    if (!found || found.purpose !== 'moderate') return null;
    const [action, id = ''] = found.target.split(' ') as [Action, string];
    return action in ACTIONS ? {action, id} : null;
  };
  const used = (c: Context<Env>) =>
    landingPage(
      c,
      410,
      'This link was used or has expired',
      html`<p>Each link in a moderation mail works once, for seven days. <a href="${admin}">Open moderation</a></p>`
    );
  app.get('/mail/moderate', async (c) => {
    const found = await moderation(c, false);
    if (!found) return used(c);
    const comment = await store.get(found.id);
    if (!comment || comment.deleted)
      return landingPage(c, 404, 'That comment is gone', html`<p><a href="${admin}">Open moderation</a></p>`);
    const a = ACTIONS[found.action];
    return landingPage(
      c,
      200,
      `${a.label}?`,
      html`<div class="card"><p class="meta"><strong>${comment.author}</strong> · ${comment.createdAt.slice(0, 16).replace('T', ' ')} UTC · ${
        comment.moderation === 'published'
          ? 'published'
          : comment.moderation === 'spam'
            ? 'in spam'
            : 'held for approval'
      } · on ${bareId(comment.postId)}</p>${bodyHtml(comment.body)}</div>
${form(a.label, a.danger)}
<p class="meta"><a href="${admin}">Open moderation</a> to see every comment.</p>`
    );
  });
  app.post('/mail/moderate', async (c) => {
    const found = await moderation(c, true);
    if (!found) return used(c);
    const done =
      found.action === 'delete'
        ? await store.remove(found.id, new Date().toISOString())
        : await store.setStatus(found.id, found.action === 'approve' ? 'published' : 'spam');
    if (!done) return landingPage(c, 404, 'That comment is gone', html`<p><a href="${admin}">Open moderation</a></p>`);
    await store.log({
      at: new Date().toISOString(),
      action: found.action,
      target: found.id,
      detail: 'from a moderation mail',
    });
    options.log(`admin ${found.action} ${found.id} (from a moderation mail)`);
    options.mailer?.kick();
    return landingPage(c, 200, ACTIONS[found.action].done, html`<p><a href="${admin}">Open moderation</a></p>`);
  });

  // A reader stops all mail from this browser: every address given here is forgotten.
  app.post('/mail/forget', async (c) => {
    const reader = who.reader(c);
    if (!reader)
      throw new ApiError(400, 'invalid-request', 'Send the reader id as X-Confab-Reader (43 characters, base64url).');
    const forgotten = await store.mail.forgetReader(reader);
    return c.json({forgotten});
  });

  return app;
}
