import {html, nothing} from 'lit';
import {renderNodes, type CommentView} from './comment.js';

/**
 * Everything under the heading once the comments are shown: the storage notice, loading and error states, the list
 * with its sorting and "Load more", then the form (or "Comments are closed"), the reader's own comments and the feed.
 */
export function renderThread(view: CommentView, retry: () => void) {
  const {t, thread, actions} = view;
  const count = thread.comments.length;
  return html`${thread.fallback ? html`<div part="notice" role="status"><p>${t('fallbackNotice')}</p></div>` : nothing}
    ${thread.status === 'loading' ? html`<p part="status">${t('loading')}</p>` : nothing}
    ${
      thread.status === 'error'
        ? html`<div part="error" role="alert">
          <p>${t('loadError')}</p>
          <button part="retry-button" type="button" @click=${retry}>${t('retry')}</button>
        </div>`
        : nothing
    }
    ${thread.status === 'ready' && !count ? html`<p part="empty">${t('empty')}</p>` : nothing}
    ${count > 1 && actions ? actions.sortSelect() : nothing}
    ${count ? html`<ol part="thread">${renderNodes(view, thread.thread.slice(0, view.shown))}</ol>` : nothing}
    ${thread.next && thread.status === 'ready' && actions ? actions.loadMore() : nothing}
    ${
      thread.status === 'error'
        ? nothing
        : html`${thread.closed ? html`<p part="closed">${t('closed')}</p>` : html`<h3>${t('leaveComment')}</h3>${view.composer('')}`}
          ${actions?.mine() ?? nothing}
          ${
            thread.adapter?.feed
              ? html`<p part="feeds"><a part="feed-link" href=${thread.adapter.feed(thread.postId)} type="application/atom+xml">${t('feed')}</a></p>`
              : nothing
          }`
    }`;
}
