import {html, nothing} from 'lit';
import {guard} from 'lit/directives/guard.js';
import type {ThreadNode} from '../../core/thread.js';
import type {Comment} from '../../core/types.js';
import {ANONYMOUS} from '../../core/validate.js';
import {absoluteTime, relativeTime} from '../../i18n/time.js';
import type {Translate} from '../../i18n/translate.js';
import type {Actions} from './actions/index.js';
import {avatar} from './avatar.js';
import {commentBody} from './comment-body.js';
import type {ThreadController} from './thread-controller.js';

/** Replies are indented up to this depth; deeper replies stay under their parent without further indent. */
const MAX_INDENT_DEPTH = 4;
/** Replies shown under a comment before "Show N more replies". */
const SHOWN_REPLIES = 3;

/** What rendering a thread's comments needs: the thread, the view's state, and the parts loaded on demand. */
export interface CommentView {
  readonly t: Translate;
  /** The time relative times count from (the element renews it each minute). */
  readonly now: number;
  readonly thread: ThreadController;
  /** The comment whose reply form is open. */
  readonly replyTo: string | null;
  /** Comments whose replies are all shown. */
  readonly expanded: ReadonlySet<string>;
  /** Top-level threads drawn so far (the rest come in the next tasks). Default: all. */
  readonly shown?: number;
  readonly actions?: Actions;
  /** Inline comments' quotes, when that part is loaded; `version` changes when what they show does. */
  readonly quotes?: {quote(c: Comment): unknown; version: number};
  /** A reply composer under a comment. */
  composer(parentId: string): unknown;
  reply(id: string): void;
  expand(ids: string[]): void;
}

/** A list of comments with their replies (the reply tree is at most `MAX_DEPTH` deep, so this recursion is bounded). */
export function renderNodes(view: CommentView, nodes: ThreadNode[]): unknown {
  return nodes.map((node) => renderNode(view, node));
}

function renderNode(view: CommentView, node: ThreadNode) {
  const c = node.comment;
  const open = view.replyTo === c.id;
  const {thread, actions, quotes} = view;
  const own = thread.owned.has(c.id) && !c.deleted;
  // Re-checked at every render (the clock re-renders each minute), so the buttons go when the window closes.
  const canChange = own && Date.now() - Date.parse(c.createdAt) < thread.editWindowMs;
  // A long thread re-renders only the comments whose inputs changed.
  const article = guard(
    [
      c,
      canChange,
      open,
      actions?.stateOf(c.id),
      view.now,
      thread.adapter,
      view.t,
      actions,
      quotes?.version,
      thread.fresh.has(c.id),
    ],
    () => renderArticle(view, c, own, canChange, open)
  );
  return html`
    <li>
      ${article}
      ${open ? html`<div class="reply-composer indent">${view.composer(c.id)}</div>` : nothing}
      ${
        node.replies.length
          ? html`<ol part="replies" class="replies ${node.depth < MAX_INDENT_DEPTH ? 'indent' : ''}">
            ${renderNodes(view, view.expanded.has(c.id) ? node.replies : node.replies.slice(0, SHOWN_REPLIES))}
          </ol>`
          : nothing
      }
      ${
        node.replies.length > SHOWN_REPLIES && !view.expanded.has(c.id)
          ? html`<button part="more-replies-button" class="link-button more" type="button" @click=${() => view.expand([c.id])}>
            ${view.t('moreReplies', {n: node.replies.length - SHOWN_REPLIES})}
          </button>`
          : nothing
      }
    </li>
  `;
}

function renderArticle(view: CommentView, c: Comment, own: boolean, canChange: boolean, open: boolean) {
  const {t, actions, thread} = view;
  const name = c.author === ANONYMOUS ? t('namePlaceholder') : c.author;
  return html`<article
    part="comment${own ? ' own' : ''}${c.deleted ? ' deleted' : ''}"
    id="comment-${c.id}"
    tabindex="-1"
    aria-labelledby="author-${c.id}"
    class=${actions?.highlighted === c.id ? 'highlight' : ''}
  >
    ${
      c.deleted
        ? html`<p part="deleted" id="author-${c.id}">${t('deleted')}</p>`
        : html`<header>
            ${avatar(c.author === ANONYMOUS ? c.id : c.author)}
            <bdi part="author" id="author-${c.id}">${name}</bdi>
            ${c.isPostAuthor ? html`<span part="badge">${t('postAuthor')}</span>` : nothing}
            ${c.pinned ? html`<span part="badge pinned-badge">${t('pinned')}</span>` : nothing}
            ${own ? html`<span part="badge own-badge">${t('you')}</span>` : nothing}
            ${thread.fresh.has(c.id) ? html`<span part="badge new-badge">${t('newBadge')}</span>` : nothing}
            ${c.status ? html`<span part="badge pending-badge">${t('pending')}</span>` : nothing}
            <a part="permalink" href="#comment-${c.id}">
              <time part="time" datetime=${c.createdAt} title=${absoluteTime(c.createdAt, t.locale, t.dates)}
                >${relativeTime(c.createdAt, view.now, t.locale, t.dates)}</time
              >
            </a>
            ${c.editedAt ? html`<span part="edited" title=${absoluteTime(c.editedAt, t.locale, t.dates)}>${t('edited')}</span>` : nothing}
          </header>
          ${c.anchor && view.quotes ? view.quotes.quote(c) : nothing}
          ${actions?.editor(c) ?? commentBody(c.body)}
          <div class="actions">
            ${thread.adapter?.react && actions ? actions.reactions(c) : nothing}
            ${
              thread.closed
                ? nothing
                : html`<button
              part="reply-button"
              class="link-button"
              type="button"
              aria-expanded=${open ? 'true' : 'false'}
              aria-label=${thread.adapter?.moderator ? t('replyAsAuthor') : t('replyTo', {name})}
              @click=${() => view.reply(c.id)}
            >
              ${thread.adapter?.moderator ? t('replyAsAuthor') : t('reply')}
            </button>`
            }
            ${actions ? actions.copyLink(c) : nothing}
            ${actions && thread.adapter?.report && !own && !c.status ? actions.report(c) : nothing}
            ${canChange && actions ? actions.ownActions(c) : nothing}
          </div>`
    }
  </article>`;
}
