import {html} from 'lit';
import {REACTIONS, type Comment, type Reaction} from '../../../core/types.js';
import type {Translate} from '../../../i18n/translate.js';
import type {ActionsHost} from './host.js';

const EMOJI: Record<Reaction, string> = {up: '▲', heart: '❤️', laugh: '😄', hooray: '🎉', thinking: '🤔'};

/**
 * The reaction buttons under a comment: upvote and four emoji, each a toggle with its count in its name. The name is
 * the button's `aria-label`, so its text (the emoji and the count) needs no element of its own to stay unread.
 */
export function reactions(host: ActionsHost, t: Translate, c: Comment) {
  return html`<div part="reactions" role="group" aria-label=${t('reactionsLabel')}>
    ${REACTIONS.map((kind) => {
      const n = c.reactions?.[kind] ?? 0;
      const mine = !!c.mine?.includes(kind);
      const name = t.strings.reactions[kind];
      return html`<button
        part="reaction-button${mine ? ' reacted' : ''}"
        class="reaction${n || mine || kind === 'up' ? '' : ' zero'}"
        type="button"
        aria-pressed=${mine ? 'true' : 'false'}
        aria-label=${n ? t('reactionCount', {name, n}) : name}
        @click=${() => host.thread.react(c.id, kind, !mine).catch((error) => host.failed(error, 'react'))}
      >
        ${EMOJI[kind]}${n ? ` ${n}` : ''}
      </button>`;
    })}
  </div>`;
}
