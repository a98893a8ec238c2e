import {Hono, type Context} from 'hono';
import {bodyLimit} from 'hono/body-limit';
import {createHash} from 'node:crypto';
import type {AppOptions, Asker, Env} from '../context.js';
import {ApiError} from '../http/errors.js';
import {outageMessage} from '../http/outage.js';
import {queryPostId} from '../http/query.js';
import {createSchema, postIdParam} from '../http/schemas.js';
import {signIssued, verifyIssued} from '../mail/links.js';
import {scoped} from '../sites.js';
import {renderFragment} from '../render/fragment.js';
import {html, type SafeHtml} from '../render/html.js';
import {landingPage} from '../render/page.js';
import {outageOf} from '../store/errors.js';
import {commentCreator, type CreateInput} from './create.js';

const MAX_FORM_BYTES = 64 * 1024;

/** What a no-script form sent, as text (what it gets back when it must be sent again). */
interface Sent {
  postId: string;
  page: string;
  author: string;
  body: string;
}

/**
 * The thread without JavaScript: `GET /api/comments.html` (the server-rendered fragment, cacheable) and
 * `POST /api/comments/form` (the fragment's form, posted as `application/x-www-form-urlencoded`), which creates
 * the comment exactly as `POST /api/comments` does and answers with a redirect back to the page, or with a page that
 * says what went wrong and holds the reader's text to send again; never a JSON error.
 */
export function ssrRoutes(options: AppOptions, who: Asker): Hono<Env> {
  const app = new Hono<Env>();
  const creator = commentCreator(options, who);
  const endpoint = (c: Context<Env>) => new URL('/api', options.publicUrl ?? c.req.url).href;

  app.get('/comments.html', async (c) => {
    const postId = queryPostId(c);
    const fragment = await renderFragment(options, postId, {
      endpoint: endpoint(c),
      page: creator.pageUrl(c, c.req.query('page')),
      bare: c.req.query('style') === 'none',
    });
    // The tag leaves out the form's signed time: a copy that differs only by it is as good (it is older, that's all).
    const etag = `"${createHash('sha256')
      .update(fragment.replace(/name="issued" value="[^"]*"/, ''))
      .digest('base64url')
      .slice(0, 27)}"`;
    c.header('Cache-Control', 'public, max-age=10, stale-while-revalidate=30');
    c.header('ETag', etag);
    // Compressed, the tag goes out weak (W/"..."): either form names this copy.
    if (
      (c.req.header('If-None-Match') ?? '')
        .replace(/W\//g, '')
        .split(/\s*,\s*/)
        .includes(etag)
    )
      return c.body(null, 304);
    return c.html(fragment);
  });

  app.post(
    '/comments/form',
    bodyLimit({
      maxSize: MAX_FORM_BYTES,
      onError: (c) => {
        c.header('Connection', 'close');
        return problem(
          c,
          413,
          'The comment is too long to send',
          html`<p>Comments are limited to 5,000 characters.</p>`
        );
      },
    }),
    async (c) => {
      // A cross-site request check: a browser says where the form was (Origin, else Referer); only the site's own
      // pages may post it. A client that sends neither is no browser, and no forged-form risk.
      const from = c.req.header('Origin') ?? originOf(c.req.header('Referer'));
      if (from !== undefined && !creator.fromSite(c, from)) {
        return problem(
          c,
          403,
          'This form can only be sent from the site',
          html`<p>The comment form was sent from a page that is not this site's (${from}), so nothing was posted.</p>`
        );
      }
      const type = c.req.header('Content-Type') ?? '';
      if (!/^application\/x-www-form-urlencoded\b|^multipart\/form-data\b/i.test(type)) {
        return problem(
          c,
          415,
          'This is not a form',
          html`<p>Send the form as <code>application/x-www-form-urlencoded</code>.</p>`
        );
      }
      const form = await c.req.parseBody();
      const field = (name: string) => (typeof form[name] === 'string' ? (form[name] as string) : '');
      // A browser sends a textarea's line breaks as CRLF: stored as the widget stores them.
      const sent: Sent = {
        postId: field('postId'),
        page: field('page'),
        author: field('author').trim(),
        body: field('body').replace(/\r\n?/g, '\n'),
      };
      if (!postIdParam.safeParse(sent.postId).success) {
        return problem(
          c,
          400,
          'This form is not one of the site’s',
          html`<p>It names no post that can have comments.</p>`
        );
      }
      const back = creator.pageUrl(c, sent.page) ?? creator.pageUrl(c, c.req.header('Referer'));
      const issued = verifyIssued(options.mailKey, scoped(c.get('site'), sent.postId), field('issued'));
      if (issued === null) {
        return again(c, 400, sent, back, 'The form was changed or has expired, so nothing was posted. Send it again:');
      }
      const elapsedMs = Math.max(0, Date.now() - issued);
      if (elapsedMs < options.minSubmitMs) {
        return again(
          c,
          400,
          sent,
          back,
          'That was quick: nothing was posted yet. Check your comment and send it again:'
        );
      }
      const input: CreateInput = {
        postId: sent.postId,
        author: sent.author || undefined,
        body: sent.body,
        website: field('website') || undefined,
        elapsedMs,
        page: back ?? undefined,
      };
      const parsed = createSchema.safeParse(input);
      if (!parsed.success) {
        return again(
          c,
          400,
          sent,
          back,
          `Nothing was posted: ${parsed.error.issues[0]?.message ?? 'the form is not valid'}.`
        );
      }
      let created;
      try {
        created = await creator.create(c, parsed.data);
      } catch (error) {
        if (error instanceof ApiError) {
          for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
          const status = error.status === 429 || error.status === 422 || error.status === 403 ? error.status : 400;
          return again(c, status, sent, back, `Nothing was posted: ${sayError(error)}`);
        }
        const outage = outageOf(error);
        if (!outage) throw error;
        c.header('Retry-After', '5');
        return again(c, 503, sent, back, outageMessage(options.store.kind, outage));
      }
      const {comment} = created;
      const published = comment.moderation === 'published';
      if (back) return c.redirect(`${back}#${published ? `comment-${comment.id}` : 'confab-held'}`, 303);
      return landingPage(
        c,
        200,
        published ? 'Your comment was posted' : 'Your comment is awaiting approval',
        published
          ? html`<p>Thank you. It shows under the post now.</p>`
          : html`<p>Thank you. It shows under the post once a moderator has approved it.</p>`
      );
    }
  );

  /** A page saying why nothing was posted, with the reader's text in a form to send again (nothing is lost). */
  function again(c: Context<Env>, status: 400 | 403 | 422 | 429 | 503, sent: Sent, back: string | null, why: string) {
    const issued = signIssued(options.mailKey, scoped(c.get('site'), sent.postId), Date.now() - options.minSubmitMs);
    const site = c.get('site');
    return landingPage(
      c,
      status,
      'Your comment was not posted yet',
      html`<p role="alert">${why}</p>
<form method="post" action="${new URL('/api/comments/form', c.req.url).pathname}${site ? `?site=${site}` : ''}">
<input type="hidden" name="postId" value="${sent.postId}">
<input type="hidden" name="page" value="${back ?? sent.page}">
<input type="hidden" name="issued" value="${issued}">
<p><label for="author">Name</label><br><input id="author" name="author" maxlength="80" autocomplete="nickname" value="${sent.author}" placeholder="Anonymous" style="font: inherit; width: 100%; box-sizing: border-box; padding: 0.5em"></p>
<p><label for="body">Comment</label><br><textarea id="body" name="body" required rows="8" style="font: inherit; width: 100%; box-sizing: border-box; padding: 0.5em">${sent.body}</textarea></p>
<p hidden><label>Leave this field empty <input name="website" tabindex="-1" autocomplete="off"></label></p>
<p><button type="submit">Post comment</button></p>
</form>
${back ? html`<p><a href="${back}">Back to the page</a> (your text is not kept there)</p>` : ''}`
    );
  }

  function problem(c: Context<Env>, status: 400 | 403 | 413 | 415, title: string, content: SafeHtml) {
    return landingPage(c, status, title, content);
  }

  return app;
}

/** What a refusal says to a reader who sent the form. */
function sayError(error: ApiError): string {
  if (error.status === 429)
    return 'comments are coming too quickly from your network. Wait a minute and send it again:';
  if (error.code === 'parent-not-found') return 'the comment you replied to is gone.';
  return `${error.message} Change it and send it again:`;
}

function originOf(referer: string | undefined): string | undefined {
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return 'null';
  }
}
