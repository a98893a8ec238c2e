import {html} from 'lit';
import {isAbort} from '../../../core/errors.js';
import type {Translate} from '../../../i18n/translate.js';
import type {ActionsHost} from './host.js';

/** "Load more comments": the next page of top-level comments, each with its replies. */
export function loadMore(host: ActionsHost, t: Translate) {
  const {thread} = host;
  return html`<button part="load-more-button" type="button" ?disabled=${thread.loadingMore} @click=${() => more(host, t)}>
    ${t(thread.loadingMore ? 'loading' : 'loadMore')}
  </button>`;
}

async function more(host: ActionsHost, t: Translate) {
  try {
    const {thread} = host;
    const before = thread.comments.length;
    const added = await thread.loadMore();
    host.announce(t('loadedMore', {n: added}));
    // After the last page the button is gone: focus goes on to the first comment it brought, not to the page's start.
    const first = thread.comments[before];
    // Once the next frame has laid the page out: focusing at once would lay out the whole thread again in the task
    // that rendered the page, and in the frame itself it would lengthen that frame's task.
    if (!thread.next && first)
      void host.root.then((root) =>
        requestAnimationFrame(() => setTimeout(() => root.querySelector<HTMLElement>(`#comment-${first.id}`)?.focus()))
      );
  } catch (error) {
    if (!isAbort(error)) host.failed(error, 'load');
  }
}
