import {html, nothing} from 'lit';
import type {Comment} from '../../../core/types.js';
import {absoluteTime} from '../../../i18n/time.js';
import {enMine} from '../../../i18n/en-mine.js';
import {partTranslator, type Translate} from '../../../i18n/translate.js';
import type {ActionsHost} from './host.js';

/** The "Your comments" panel's state: open or not, what it loaded, and which deletion it is asking about. */
export interface MineState {
  open: boolean;
  items: Comment[] | null;
  failed: boolean;
  /** A comment's id, `*` for all of them, or null. */
  confirm: string | null;
  /** The secret address of the reader's feed of replies, once asked for. */
  feed: string | null;
  mailStopped: boolean;
}

/**
 * The "Your comments" panel (loaded when the reader first opens it): everything this browser wrote on the site (the
 * adapter's `mine`), to download as JSON or to delete, one or all, at any time: a reader's words stay theirs, not
 * only for the edit window.
 */
export function panel(host: ActionsHost, base: Translate, state: MineState) {
  const t = partTranslator(base, enMine);
  const items = state.items;
  const ask = (id: string | null) => {
    state.confirm = id;
    host.requestUpdate();
  };
  return html`<section part="mine" aria-label=${t('yourComments')}>
    <p>${t('yourCommentsNote')}</p>
    ${state.failed ? html`<p part="error" role="alert">${t('loadError')}</p>` : nothing}
    ${items === null && !state.failed ? html`<p part="status">${t('loading')}</p>` : nothing}
    ${items && !items.length ? html`<p>${t('noComments')}</p>` : nothing}
    ${
      items?.length
        ? html`<ol>
            ${items.map(
              (c) => html`<li part="mine-item">
                <span class="meta"><bdi>${t('onPost', {name: c.postId})}</bdi> · <time datetime=${c.createdAt}>${absoluteTime(c.createdAt, t.locale, t.dates)}</time></span>
                <bdi class="excerpt" dir="auto">${excerpt(c.body)}</bdi>
                ${
                  state.confirm === c.id
                    ? html`<span role="group" aria-label=${t('deleteQuestion')}>
                      ${t('deleteQuestion')}
                      <button part="mine-delete-button" class="link-button danger" type="button" @click=${() => remove(host, t, state, [c])}>${t('delete')}</button>
                      <button class="link-button" type="button" @click=${() => ask(null)}>${t('keep')}</button>
                    </span>`
                    : html`<button part="mine-delete-button" class="link-button" type="button" @click=${() => ask(c.id)}>${t('delete')}</button>`
                }
              </li>`
            )}
          </ol>
          <div class="actions">
            <button part="mine-download-button" type="button" @click=${() => download(items)}>${t('download')}</button>
            ${
              state.confirm === '*'
                ? html`<span role="group" aria-label=${t('deleteAllQuestion', {n: items.length})}>
                  ${t('deleteAllQuestion', {n: items.length})}
                  <button part="mine-delete-all-button" class="danger" type="button" @click=${() => remove(host, t, state, items)}>${t('deleteAll')}</button>
                  <button type="button" @click=${() => ask(null)}>${t('keep')}</button>
                </span>`
                : html`<button part="mine-delete-all-button" type="button" @click=${() => ask('*')}>${t('deleteAll')}</button>`
            }
          </div>`
        : nothing
    }
    ${following(host, t, state)}
  </section>`;
}

/** Following replies without an account: a private feed, and stopping reply mail given from this browser. */
function following(host: ActionsHost, t: Translate, state: MineState) {
  const adapter = host.thread.adapter!;
  const act = async (work: () => Promise<void>) => {
    try {
      await work();
    } catch (error) {
      host.failed(error, 'load');
    }
    host.requestUpdate();
  };
  return html`${
    adapter.replyFeed
      ? html`<p part="reply-feed">${
          state.feed
            ? html`${t('replyFeedNote')} <a part="reply-feed-link" href=${state.feed} type="application/atom+xml">${t('replyFeed')}</a>`
            : html`<button part="reply-feed-button" class="link-button" type="button" @click=${() => act(async () => void (state.feed = await adapter.replyFeed!()))}>${t('replyFeed')}</button>`
        }</p>`
      : nothing
  }
  ${
    adapter.forgetMail
      ? html`<p>${
          state.mailStopped
            ? html`<span role="status">${t('mailStopped')}</span>`
            : html`<button part="stop-mail-button" class="link-button" type="button" @click=${() => act(async () => void (await adapter.forgetMail!(), (state.mailStopped = true)))}>${t('stopMail')}</button>`
        }</p>`
      : nothing
  }`;
}

/** Reads the reader's comments again (each time the panel opens). */
export async function load(host: ActionsHost, state: MineState) {
  state.items = null;
  state.failed = false;
  try {
    state.items = (await host.thread.adapter!.mine!()).sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
  } catch {
    state.failed = true;
  }
  host.requestUpdate();
}

/** The reader's comments as a JSON file, through the browser's own download. */
function download(items: Comment[]) {
  const file = new Blob([JSON.stringify({comments: items}, null, 2)], {type: 'application/json'});
  const link = document.createElement('a');
  link.href = URL.createObjectURL(file);
  link.download = 'my-comments.json';
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 0);
}

async function remove(host: ActionsHost, base: Translate, state: MineState, targets: Comment[]) {
  const t = partTranslator(base, enMine);
  state.confirm = null;
  const {thread} = host;
  for (const c of targets) {
    try {
      await thread.adapter!.remove!(c.postId, c.id);
    } catch (error) {
      host.failed(error, 'delete');
      break;
    }
    state.items = state.items?.filter((x) => x.id !== c.id) ?? null;
    thread.disown(c.id, c.postId);
  }
  host.announce(targets.length > 1 ? t('allDeleted') : t('deletedAnnouncement'));
  host.requestUpdate();
}

/** The first words of a comment, as text. */
const excerpt = (body: string) => (body.length > 160 ? `${body.slice(0, 159)}…` : body);
