import {html, nothing} from 'lit';
import type {Comment} from '../../../core/types.js';
import {enActions} from '../../../i18n/en-actions.js';
import {formatNumber, partTranslator} from '../../../i18n/translate.js';
import type {ActionsHost} from './host.js';
import {loadMore} from './load-more.js';
import type {MineState} from './mine.js';
import {editor, ownActions, type OwnState} from './own.js';
import {copyLink, justCopied, report, reveal, scrollTo} from './permalink.js';
import {reactions} from './reactions.js';
import {sortSelect} from './sort.js';

export type {ActionsHost} from './host.js';
export {styles} from './styles.js';

/**
 * The reader's actions on a thread, loaded on demand beside the first page of comments so that the main module
 * carries only what reading needs: sorting, "Load more", reactions, Copy link and permalinks, and editing or deleting
 * one's own comment. One instance per element; it keeps its own state (which comment is being edited, asked about
 * before deletion, or named by the address) and works only through `host`.
 */
export function createActions(host: ActionsHost) {
  const own: OwnState = {editing: null, confirmDelete: null};
  const yours: MineState = {open: false, items: null, failed: false, confirm: null, feed: null, mailStopped: false};
  let panel: typeof import('./mine.js') | undefined;
  let highlighted: string | null = null;
  const reported = new Set<string>();
  // The host's `t`, with the English strings of these actions under its table.
  const t = () => partTranslator(host.t, enActions);
  return {
    /** The comment the page's address names, marked. */
    get highlighted() {
      return highlighted;
    },
    /** What of these actions' state concerns a comment: when it changes, the comment renders again. */
    stateOf: (id: string) =>
      `${own.editing === id}${own.confirmDelete === id}${highlighted === id}${reported.has(id)}${justCopied(id)}`,
    sortSelect: () => sortSelect(host, t()),
    loadMore: () => loadMore(host, t()),
    reactions: (c: Comment) => reactions(host, t(), c),
    copyLink: (c: Comment) => copyLink(host, t(), c),
    report: (c: Comment) => report(host, t(), reported, c),
    ownActions: (c: Comment) => ownActions(host, t(), own, c),
    /** "Your comments": this browser's comments on the site, to download or delete at any time. */
    mine() {
      const {thread} = host;
      if (!thread.adapter?.mine || !thread.owned.size) return nothing;
      const text = t();
      const toggle = async () => {
        yours.open = !yours.open;
        yours.confirm = null;
        host.requestUpdate();
        // The panel comes on demand: most readers never open it.
        panel ??= await import('./mine.js');
        if (yours.open) await panel.load(host, yours);
      };
      return html`<div class="mine">
        <button part="mine-button" class="link-button" type="button" aria-expanded=${yours.open ? 'true' : 'false'} @click=${toggle}>
          ${text('yourComments')} (${formatNumber(thread.owned.size, text.locale)})
        </button>
        ${yours.open && panel ? panel.panel(host, text, yours) : nothing}
      </div>`;
    },
    /** The editor, while this comment is being edited (else null). */
    editor: (c: Comment) => (own.editing === c.id ? editor(host, own, c) : null),
    /** Goes to the comment the page's address names (`#comment-<id>`), fetching it when it is not loaded. */
    async reveal(): Promise<void> {
      const id = await reveal(host);
      if (!id) return;
      // Once the comment is drawn (a long thread comes in a few threads per task), it is tinted and focused together.
      await host.root;
      highlighted = id;
      host.requestUpdate();
      await scrollTo(host, id);
    },
  };
}

export type Actions = ReturnType<typeof createActions>;
