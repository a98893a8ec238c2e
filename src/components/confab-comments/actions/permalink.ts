import {html} from 'lit';
import type {Comment} from '../../../core/types.js';
import type {Translate} from '../../../i18n/translate.js';
import type {ActionsHost} from './host.js';

/** The comment whose link was just copied: its button says so for a moment (and screen readers hear it). */
let copied: string | null = null;
/** Whether a comment's link was just copied (part of its render state). */
export const justCopied = (id: string) => copied === id;

/** Copy link: puts the comment's address on the clipboard, or, where the clipboard is refused, in the address bar. */
export function copyLink(host: ActionsHost, t: Translate, c: Comment) {
  return html`<button part="copy-link-button" class="link-button" type="button" @click=${() => copy(host, t, c.id)}>
    ${copied === c.id ? t('linkCopied') : t('copyLink')}
  </button>`;
}

/** Report: tells the moderators about a comment, once (the button then says it is done). */
export function report(host: ActionsHost, t: Translate, reported: Set<string>, c: Comment) {
  const send = async () => {
    try {
      await host.thread.adapter!.report!(host.thread.postId, c.id);
      reported.add(c.id);
      host.announce(t('reported'));
      host.requestUpdate();
    } catch (error) {
      host.failed(error, 'report');
    }
  };
  return html`<button part="report-button" class="link-button" type="button" ?disabled=${reported.has(c.id)} @click=${send}>
    ${t('report')}
  </button>`;
}

async function copy(host: ActionsHost, t: Translate, id: string) {
  const url = new URL(location.href);
  url.hash = `comment-${id}`;
  try {
    await navigator.clipboard.writeText(url.href);
    host.announce(t('linkCopied'));
    copied = id;
    host.requestUpdate();
    setTimeout(() => {
      if (copied === id) copied = null;
      host.requestUpdate();
    }, 2000);
  } catch {
    location.hash = url.hash;
  }
}

/**
 * Scrolls to the comment named in the page's address (`#comment-<id>`): from a later page, its thread is fetched; in
 * a collapsed branch, the branch opens. Resolves to the comment's id, or null when the address names none.
 */
export async function reveal(host: ActionsHost): Promise<string | null> {
  const id = /^#comment-([\w-]+)$/.exec(location.hash)?.[1];
  if (!id) return null;
  const {thread} = host;
  await thread.fetchThread(id);
  const byId = new Map(thread.comments.map((c) => [c.id, c]));
  if (!byId.has(id)) return null;
  const ancestors: string[] = [];
  for (let c = byId.get(id); c?.parentId && ancestors.length < byId.size; c = byId.get(c.parentId))
    ancestors.push(c.parentId);
  host.expand(ancestors);
  return id;
}

/** Brings the revealed comment into view, and focus to it. */
export async function scrollTo(host: ActionsHost, id: string): Promise<void> {
  const target = (await host.root).querySelector<HTMLElement>(`#comment-${id}`);
  // The only motion in Confab, and only for readers who have not asked for less.
  target?.scrollIntoView({
    block: 'center',
    behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth',
  });
  target?.focus({preventScroll: true});
}
