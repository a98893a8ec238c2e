import {html, nothing} from 'lit';
import type {Comment} from '../../../core/types.js';
import type {Translate} from '../../../i18n/translate.js';
import type {ActionsHost} from './host.js';

/** Which of the reader's own comments is being edited, or asked about before deletion. */
export interface OwnState {
  editing: string | null;
  confirmDelete: string | null;
}

/** Edit and Delete (with its confirmation) on the reader's own comment, within the edit window. */
export function ownActions(host: ActionsHost, t: Translate, state: OwnState, c: Comment) {
  const {adapter} = host.thread;
  const set = (change: Partial<OwnState>, focus: string) => {
    Object.assign(state, change);
    host.requestUpdate();
    host.focus(c.id, focus);
  };
  const edit =
    adapter?.update && state.editing !== c.id
      ? html`<button part="edit-button" class="link-button" type="button" @click=${() => set({editing: c.id}, 'editor')}>
          ${t('edit')}
        </button>`
      : nothing;
  if (!adapter?.remove) return edit;
  return html`${edit}${
    state.confirmDelete === c.id
      ? html`<span part="delete-confirm" role="group" aria-label=${t('deleteQuestion')}>
        ${t('deleteQuestion')}
        <button part="delete-button" class="link-button danger" type="button" @click=${() => remove(host, t, state, c.id)}>
          ${t('delete')}
        </button>
        <button part="keep-button" class="link-button" type="button" @click=${() => set({confirmDelete: null}, 'delete-button')}>
          ${t('keep')}
        </button>
      </span>`
      : html`<button part="delete-button" class="link-button" type="button" @click=${() => set({confirmDelete: c.id}, 'keep-button')}>
        ${t('delete')}
      </button>`
  }`;
}

/** The editor in place of a comment's text while its author edits it. */
export function editor(host: ActionsHost, state: OwnState, c: Comment) {
  return host.editor(c, () => {
    state.editing = null;
    host.requestUpdate();
    host.focus(c.id, 'edit-button');
  });
}

async function remove(host: ActionsHost, t: Translate, state: OwnState, id: string) {
  state.confirmDelete = null;
  host.requestUpdate();
  try {
    await host.thread.remove(id);
  } catch (error) {
    host.failed(error, 'delete');
    return;
  }
  host.announce(t('deletedAnnouncement'));
}
