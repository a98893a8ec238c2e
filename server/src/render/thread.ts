import {ANONYMOUS, buildThread, identicon, REACTIONS, type Comment, type ThreadNode} from 'confab/core';
import {bodyHtml} from './body.js';
import {html, SafeHtml} from './html.js';

/** The first page of a post's thread, as `GET /api/comments` answers it for a reader nobody knows. */
export interface ThreadPage {
  comments: Comment[];
  next: string | null;
  editWindowMs: number;
  latest?: string | null;
  total?: number;
  mail?: boolean;
  closed?: boolean;
}

export interface FragmentOptions {
  postId: string;
  page: ThreadPage;
  /** Published comments of the post in all (the heading's count): more than the page holds when it has more pages. */
  total: number;
  /** The no-script form: where it posts, what it carries. Without it, the fragment has no form. */
  form?: {action: string; page: string; issued: string};
  /** Leave out the small default stylesheet (a page that styles `.confab-ssr` itself). */
  bare?: boolean;
}

// The widget's English strings (src/i18n/en.ts, en-actions.ts): the fragment says what the widget says.
const EN = {
  heading: 'Comments',
  count: (n: number) => `${n.toLocaleString('en')} comment${n === 1 ? '' : 's'}`,
  empty: 'Be the first to comment.',
  postAuthor: 'Author',
  pinned: 'Pinned',
  closed: 'Comments are closed.',
  edited: 'edited',
  deleted: 'Comment deleted',
  anonymous: 'Anonymous',
  nameLabel: 'Name',
  bodyLabel: 'Comment',
  leaveComment: 'Leave a comment',
  submit: 'Post comment',
  formatHint: '**bold**, *italic*, `code`, [link](https://…), > quote, - list',
  reactions: {up: 'Upvote', heart: 'Love', laugh: 'Laugh', hooray: 'Hooray', thinking: 'Thinking'},
};
const EMOJI = {up: '▲', heart: '❤️', laugh: '😄', hooray: '🎉', thinking: '🤔'};

const DATE = new Intl.DateTimeFormat('en', {dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC'});

/**
 * A post's published thread as HTML, for pages to put inside `<confab-comments>`: readable without JavaScript (and
 * by crawlers, reader modes and archives), in schema.org `Comment` microdata, with the page's data for the element
 * to take over from (no request for the first page), and a form that posts without scripts. Names, dates and every
 * other field are escaped text; bodies pass the widget's markdown rules and DOMPurify (`bodyHtml`).
 */
export function threadFragment(options: FragmentOptions): string {
  const {postId, page, total, form} = options;
  const nodes = buildThread(page.comments, 'oldest');
  const shown = page.comments.filter((c) => !c.deleted).length;
  const data = JSON.stringify({postId, ...page}).replace(/</g, '\\u003c');
  return html`<section class="confab-ssr" aria-labelledby="confab-ssr-heading" data-confab-post="${postId}">
${options.bare ? '' : STYLE}<h2 id="confab-ssr-heading">${total ? EN.count(total) : EN.heading}</h2>
<p class="confab-ssr-message" id="confab-held" role="status">Thank you: your comment is awaiting approval and shows here once a moderator has approved it.</p>
${
  nodes.length
    ? html`<ol class="confab-thread">
${nodes.map(renderNode)}</ol>
`
    : html`<p class="confab-empty">${EN.empty}</p>
`
}${
    page.next
      ? html`<p class="confab-more">These are the first ${shown.toLocaleString('en')} comments; the others show with JavaScript on.</p>
`
      : ''
  }${
    page.closed
      ? html`<p class="confab-closed">${EN.closed}</p>
`
      : form
        ? renderForm(postId, form)
        : ''
  }<script type="application/json" data-confab-page>${new SafeHtml(data)}</script>
</section>
`.value;
}

/** One comment with its replies: all of them (a page without scripts cannot open "more replies"). */
function renderNode(node: ThreadNode): SafeHtml {
  const c = node.comment;
  return html`<li>${renderArticle(c, node.depth > 0)}${
    node.replies.length
      ? html`
<ol class="confab-replies">
${node.replies.map(renderNode)}</ol>
`
      : ''
  }</li>
`;
}

function renderArticle(c: Comment, reply: boolean): SafeHtml {
  if (c.deleted) {
    return html`<article class="confab-comment confab-deleted" id="comment-${c.id}"><p>${EN.deleted}</p></article>`;
  }
  const {hue, path} = identicon(c.author);
  const name = c.author === ANONYMOUS ? EN.anonymous : c.author;
  const counts = REACTIONS.filter((kind) => c.reactions?.[kind]);
  return html`<article class="confab-comment" id="comment-${c.id}" aria-labelledby="confab-author-${c.id}"${new SafeHtml(
    reply ? ' itemprop="comment"' : ''
  )} itemscope itemtype="https://schema.org/Comment">
<header><svg class="confab-avatar" viewBox="-0.5 -0.5 6 6" width="24" height="24" aria-hidden="true" focusable="false" fill="hsl(${hue} 55% 45%)"><path d="${path}"/></svg>
<span itemprop="author" itemscope itemtype="https://schema.org/Person"><bdi class="confab-author" id="confab-author-${c.id}" itemprop="name">${name}</bdi></span>
${c.isPostAuthor ? html`<span class="confab-badge">${EN.postAuthor}</span>` : ''}${c.pinned ? html`<span class="confab-badge confab-pinned">${EN.pinned}</span>` : ''}
<a class="confab-permalink" href="#comment-${c.id}" itemprop="url"><time datetime="${c.createdAt}" itemprop="dateCreated">${DATE.format(new Date(c.createdAt))} UTC</time></a>${
    c.editedAt
      ? html` <span class="confab-edited">(${EN.edited}, <time datetime="${c.editedAt}" itemprop="dateModified">${DATE.format(new Date(c.editedAt))} UTC</time>)</span>`
      : ''
  }
</header>
${c.anchor ? html`<blockquote class="confab-quote">${c.anchor.quote}</blockquote>\n` : ''}<div class="confab-body" itemprop="text">${bodyHtml(c.body)}</div>
${
  counts.length
    ? html`<p class="confab-reactions">${counts.map(
        (kind, i) =>
          html`${i ? ' ' : ''}<span${kind === 'up' ? new SafeHtml(' itemprop="upvoteCount" content="' + c.reactions!.up + '"') : ''}><span aria-hidden="true">${EMOJI[kind]}</span> <span class="confab-visually-hidden">${EN.reactions[kind]}</span> ${c.reactions![kind]}</span>`
      )}</p>
`
    : ''
}</article>`;
}

/**
 * The form that posts without scripts (`POST /api/comments/form`): the fields of the widget's composer, the hidden
 * honeypot, and the signed time it was made (for the minimum time before sending).
 */
function renderForm(postId: string, form: NonNullable<FragmentOptions['form']>): SafeHtml {
  return html`<h3 id="confab-form-heading">${EN.leaveComment}</h3>
<form class="confab-form" method="post" action="${form.action}" aria-labelledby="confab-form-heading">
<input type="hidden" name="postId" value="${postId}">
<input type="hidden" name="page" value="${form.page}">
<input type="hidden" name="issued" value="${form.issued}">
<p><label for="confab-ssr-author">${EN.nameLabel}</label>
<input id="confab-ssr-author" name="author" maxlength="80" autocomplete="nickname" placeholder="${EN.anonymous}"></p>
<p><label for="confab-ssr-body">${EN.bodyLabel}</label>
<textarea id="confab-ssr-body" name="body" required maxlength="5000" rows="5" aria-describedby="confab-ssr-hint"></textarea>
<small id="confab-ssr-hint">${EN.formatHint}</small></p>
<p hidden><label>Leave this field empty <input name="website" tabindex="-1" autocomplete="off"></label></p>
<p><button type="submit">${EN.submit}</button></p>
</form>
`;
}

/**
 * The fragment's own small stylesheet: the widget's layout in plain CSS, every rule under `:where()` so that any
 * rule of the page wins. The held-comment message shows only when the page is opened at `#confab-held`.
 */
const STYLE = new SafeHtml(`<style>
:where(.confab-ssr) { line-height: 1.5; }
:where(.confab-ssr) :where(ol) { list-style: none; margin: 0; padding: 0; }
:where(.confab-ssr .confab-replies) { margin-inline-start: 1.25em; padding-inline-start: 0.75em; border-inline-start: 2px solid color-mix(in srgb, currentColor 30%, transparent); }
:where(.confab-ssr .confab-comment) { margin: 1.25em 0 0.5em; }
:where(.confab-ssr .confab-comment header) { display: flex; flex-wrap: wrap; align-items: center; gap: 0.25em 0.5em; }
:where(.confab-ssr .confab-avatar) { width: 1.5em; height: 1.5em; border-radius: 0.25em; background: color-mix(in srgb, currentColor 8%, transparent); }
:where(.confab-ssr .confab-author) { font-weight: 600; }
:where(.confab-ssr .confab-badge) { font-size: 0.8em; padding: 0 0.4em; border: 1px solid currentColor; border-radius: 0.4em; }
:where(.confab-ssr .confab-permalink, .confab-ssr .confab-edited, .confab-ssr .confab-reactions, .confab-ssr .confab-more, .confab-ssr small) { color: color-mix(in srgb, currentColor 72%, transparent); font-size: 0.9em; }
:where(.confab-ssr .confab-body) { overflow-wrap: anywhere; }
:where(.confab-ssr .confab-body) > :where(:first-child) { margin-top: 0.25em; }
:where(.confab-ssr .confab-quote) { margin: 0.5em 0; padding-inline-start: 0.75em; border-inline-start: 3px solid #d97706; font-style: italic; }
:where(.confab-ssr .confab-form) :where(label, input, textarea, small) { display: block; }
:where(.confab-ssr .confab-form) :where(input, textarea) { font: inherit; width: 100%; box-sizing: border-box; padding: 0.5em; border: 1px solid color-mix(in srgb, currentColor 60%, transparent); border-radius: 0.4em; background: transparent; color: inherit; }
:where(.confab-ssr .confab-form button) { font: inherit; font-weight: 600; min-height: 44px; padding: 0.5em 1.25em; border-radius: 0.4em; border: 2px solid currentColor; background: transparent; color: inherit; cursor: pointer; }
:where(.confab-ssr .confab-visually-hidden) { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
:where(.confab-ssr .confab-ssr-message:not(:target)) { display: none; }
:where(.confab-ssr .confab-ssr-message) { padding: 0.75em 1em; border: 2px solid currentColor; border-radius: 0.4em; }
</style>
`);
