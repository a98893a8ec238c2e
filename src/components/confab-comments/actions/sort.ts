import {html, nothing} from 'lit';
import type {CommentSort} from '../../../core/types.js';
import type {Translate} from '../../../i18n/translate.js';
import type {ActionsHost} from './host.js';

/** The sort order menu, shown when there is more than one comment. */
export function sortSelect(host: ActionsHost, t: Translate) {
  const {thread} = host;
  const option = (sort: CommentSort) =>
    html`<option value=${sort} ?selected=${thread.sort === sort}>${t(sort)}</option>`;
  return html`<label part="sort">
    ${t('sortLabel')}
    <select part="sort-select" @change=${(e: Event) => thread.setSort((e.target as HTMLSelectElement).value as CommentSort)}>
      ${option('oldest')} ${option('newest')} ${thread.adapter?.react ? option('top') : nothing}
    </select>
  </label>`;
}
