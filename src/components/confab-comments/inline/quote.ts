import {html, nothing} from 'lit';
import type {Comment} from '../../../core/types.js';
import {enInline} from '../../../i18n/en-inline.js';
import {partTranslator, type Translate} from '../../../i18n/translate.js';
import type {Inline} from './controller.js';

/** An inline comment's quote, in the thread: where it was written, or that the passage has changed since. */
export function quote(base: Translate, c: Comment, inline?: Inline | null) {
  const t = partTranslator(base, enInline);
  const orphaned = inline?.orphaned(c);
  return html`<blockquote part="quote${orphaned ? ' orphaned' : ''}">
    ${orphaned ? html`<span part="quote-note">${t('passageChanged')}</span>` : nothing}
    <q dir="auto">${c.anchor!.quote}${c.anchor!.paragraph ? '…' : ''}</q>
    ${
      inline && !orphaned
        ? html`<button part="show-in-post-button" class="link-button" type="button" @click=${() => inline.show(c)}>
          ${t('showInPost')}
        </button>`
        : nothing
    }
  </blockquote>`;
}
