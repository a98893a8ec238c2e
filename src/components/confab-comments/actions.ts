import {html, nothing} from 'lit';
import type {StorageAdapter} from '../../adapters/adapter.js';
import {isAbort} from '../../core/errors.js';
import {PAGE_SIZE, REACTIONS, type Comment, type CommentSort, type Reaction} from '../../core/types.js';
import {enActions} from '../../i18n/en-actions.js';
import {partTranslator, type Translate} from '../../i18n/translate.js';

/**
 * What the reader's actions on a thread need from `<confab-comments>`. The actions (sorting, reactions, copying a
 * comment's link, editing or deleting one's own comment) load on demand beside the first page of comments, so the
 * script-tag bundle carries only what reading needs.
 */
export interface ActionsHost {
  readonly t: Translate;
  readonly adapter: StorageAdapter;
  readonly postId: string;
  editing: string | null;
  confirmDelete: string | null;
  /** The thread's order; setting it reloads the thread in that order. */
  sort: CommentSort;
  /** The comments loaded so far. */
  readonly comments: Comment[];
  /** Adds untrusted records (validated by the host) to the loaded comments; returns how many were new. */
  add(records: unknown[]): number;
  /** The cursor of the next page, or null after the last. */
  next: string | null;
  /** The current load's signal (aborted when the post or storage changes). */
  readonly signal: AbortSignal | undefined;
  loadingMore: boolean;
  /** Opens collapsed branches. */
  expand(ids: string[]): void;
  /** The comment marked as the one the address names. */
  highlighted: string | null;
  /** The element's shadow root, once it has rendered what was just set. */
  readonly root: Promise<ParentNode>;
  announce(message: string): void;
  failed(error: unknown, action: 'react' | 'delete' | 'load'): void;
  replace(comment: Comment): void;
  /** Takes a deleted comment off the thread (or leaves a placeholder when it has replies). */
  removed(id: string): void;
  /** Focuses a comment's control after the next render. */
  focus(id: string, part: string): void;
  /** The composer that edits a comment, saving through the host (which sanitizes first). */
  editor(comment: Comment, close: () => void): unknown;
}

/** The host's `t`, with the English strings of these actions under its table. */
const tr = (host: ActionsHost) => partTranslator(host.t, enActions);

/** The sort order menu, shown when there is more than one comment. */
export function sortSelect(host: ActionsHost) {
  const t = tr(host);
  const option = (sort: CommentSort) => html`<option value=${sort} ?selected=${host.sort === sort}>${t(sort)}</option>`;
  return html`<label part="sort">
    ${t('sortLabel')}
    <select part="sort-select" @change=${(e: Event) => (host.sort = (e.target as HTMLSelectElement).value as CommentSort)}>
      ${option('oldest')} ${option('newest')} ${host.adapter.react ? option('top') : nothing}
    </select>
  </label>`;
}

/** Copy link: puts the comment's address on the clipboard, or, where the clipboard is refused, in the address bar. */
export function copyLink(host: ActionsHost, c: Comment) {
  return html`<button part="copy-link-button" class="link-button" type="button" @click=${() => copy(host, c.id)}>
    ${tr(host)('copyLink')}
  </button>`;
}

async function copy(host: ActionsHost, id: string) {
  const url = new URL(location.href);
  url.hash = `comment-${id}`;
  try {
    await navigator.clipboard.writeText(url.href);
    host.announce(tr(host)('linkCopied'));
  } catch {
    location.hash = url.hash;
  }
}

/** The actions' own styles, adopted by the element when they load. */
export const styles = new CSSStyleSheet();
styles.replaceSync(`
  [part~='reactions'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0.3em;
  }
  .reaction {
    font-size: 0.8em;
    padding: 0.05em 0.5em;
    border-radius: 999px;
    /* WCAG 2.2 target size: at least 24 by 24 CSS pixels. */
    min-height: 24px;
    min-width: 24px;
  }
  /* Emoji nobody used yet appear when the reader is on the comment (hover or keyboard focus). */
  article:not(:hover, :focus-within) .zero {
    display: none;
  }
  .reaction[aria-pressed='true'] {
    border-color: var(--_accent);
    background: color-mix(in srgb, currentColor 10%, transparent);
  }
  .danger {
    color: var(--_danger);
  }
  [part~='sort'] {
    display: block;
    margin-bottom: 1em;
    font-size: 0.875em;
  }
  select {
    padding: 0.15em 0.3em;
  }
`);

const EMOJI: Record<Reaction, string> = {up: '▲', heart: '❤️', laugh: '😄', hooray: '🎉', thinking: '🤔'};

/** The reaction buttons under a comment: upvote and four emoji, each a toggle with its count in its name. */
export function reactions(host: ActionsHost, c: Comment) {
  const t = tr(host);
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
        @click=${() => react(host, c, kind, !mine)}
      >
        <span aria-hidden="true">${EMOJI[kind]}${n ? ` ${n}` : ''}</span>
      </button>`;
    })}
  </div>`;
}

async function react(host: ActionsHost, c: Comment, kind: Reaction, on: boolean) {
  try {
    host.replace(await host.adapter.react!(host.postId, c.id, kind, on));
  } catch (error) {
    host.failed(error, 'react');
  }
}

/** The editor in place of a comment's text while its author edits it. */
export function editor(host: ActionsHost, c: Comment) {
  return host.editor(c, () => {
    host.editing = null;
    host.focus(c.id, 'edit-button');
  });
}

/** Edit and Delete (with its confirmation) on the reader's own comment, within the edit window. */
export function ownActions(host: ActionsHost, c: Comment) {
  const t = tr(host);
  const edit =
    host.adapter.update && host.editing !== c.id
      ? html`<button
          part="edit-button"
          class="link-button"
          type="button"
          @click=${() => {
            host.editing = c.id;
            host.focus(c.id, 'editor');
          }}
        >
          ${t('edit')}
        </button>`
      : nothing;
  if (!host.adapter.remove) return edit;
  return html`${edit}${host.confirmDelete === c.id
    ? html`<span part="delete-confirm" role="group" aria-label=${t('deleteQuestion')}>
        ${t('deleteQuestion')}
        <button part="delete-button" class="link-button danger" type="button" @click=${() => remove(host, c.id)}>
          ${t('delete')}
        </button>
        <button
          part="keep-button"
          class="link-button"
          type="button"
          @click=${() => {
            host.confirmDelete = null;
            host.focus(c.id, 'delete-button');
          }}
        >
          ${t('keep')}
        </button>
      </span>`
    : html`<button
        part="delete-button"
        class="link-button"
        type="button"
        @click=${() => {
          host.confirmDelete = c.id;
          host.focus(c.id, 'keep-button');
        }}
      >
        ${t('delete')}
      </button>`}`;
}

async function remove(host: ActionsHost, id: string) {
  host.confirmDelete = null;
  try {
    await host.adapter.remove!(host.postId, id);
  } catch (error) {
    host.failed(error, 'delete');
    return;
  }
  host.removed(id);
  host.announce(tr(host)('deletedAnnouncement'));
}

/**
 * Scrolls to and highlights the comment named in the page's address (`#comment-<id>`): from a later page, its
 * thread is fetched; in a collapsed branch, the branch opens.
 */
export async function reveal(host: ActionsHost): Promise<void> {
  const id = /^#comment-([\w-]+)$/.exec(location.hash)?.[1];
  if (!id) return;
  if (!host.comments.some((c) => c.id === id) && host.adapter.thread) {
    host.add(await host.adapter.thread(host.postId, id).catch(() => []));
  }
  const byId = new Map(host.comments.map((c) => [c.id, c]));
  if (!byId.has(id)) return;
  const ancestors: string[] = [];
  for (let c = byId.get(id); c?.parentId && ancestors.length < byId.size; c = byId.get(c.parentId)) ancestors.push(c.parentId);
  host.expand(ancestors);
  host.highlighted = id;
  const target = (await host.root).querySelector<HTMLElement>(`#comment-${id}`);
  // The only motion in Confab, and only for readers who have not asked for less.
  target?.scrollIntoView({block: 'center', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth'});
  target?.focus({preventScroll: true});
}

/** "Load more comments": the next page of top-level comments, each with its replies. */
export function loadMore(host: ActionsHost) {
  const t = tr(host);
  return html`<button part="load-more-button" type="button" ?disabled=${host.loadingMore} @click=${() => more(host)}>
    ${t(host.loadingMore ? 'loading' : 'loadMore')}
  </button>`;
}

async function more(host: ActionsHost) {
  const signal = host.signal;
  if (!host.next || !signal) return;
  host.loadingMore = true;
  try {
    const page = await host.adapter.list(host.postId, {signal, cursor: host.next, limit: PAGE_SIZE, sort: host.sort});
    if (signal.aborted) return;
    const added = host.add(page.comments);
    host.next = page.next;
    host.announce(tr(host)('loadedMore', {n: added}));
  } catch (error) {
    if (!isAbort(error)) host.failed(error, 'load');
  } finally {
    host.loadingMore = false;
  }
}
