import {PAGE_SIZE} from 'confab/core';
import type {Mailer} from '../mail/mailer.js';
import {signIssued} from '../mail/links.js';
import {encodeCursor} from '../http/query.js';
import type {Presenter} from '../present.js';
import type {SiteRules} from '../rules.js';
import type {Store} from '../store/index.js';
import {threadFragment, type ThreadPage} from './thread.js';
import {bareId, siteKey} from '../sites.js';

export interface FragmentSource {
  store: Store;
  present: Presenter;
  editWindowMs: number;
  mailer?: Pick<Mailer, 'offered'> | null;
  /** Signs the form's time field (the server's `mail-key`, shared by every process). */
  mailKey: string;
  rules: Pick<SiteRules, 'post'>;
}

export interface RenderOptions {
  /** The API's public address (such as `https://comments.example/api`): the form posts there. Without it, no form. */
  endpoint?: string | null;
  /** The page the thread is on: where the form's answer goes back to. Default: where the post was last read. */
  page?: string | null;
  bare?: boolean;
  /** The time the form counts from (default: now). */
  now?: number;
}

/**
 * Renders a post's published thread as the HTML fragment (`threadFragment`): its first page as every reader sees it
 * first (oldest first, held comments left out), with that page's JSON for the element to take over from.
 */
export async function renderFragment(source: FragmentSource, postId: string, options: RenderOptions = {}) {
  const {store, present} = source;
  const [{roots, replies, more}, head, post, urls, mail] = await Promise.all([
    store.threads(postId, {limit: PAGE_SIZE, sort: 'oldest', viewer: null}),
    store.head(postId),
    source.rules.post(postId),
    options.page ? undefined : store.postUrls([postId]),
    source.mailer?.offered() ?? false,
  ]);
  const comments = await present.comments([...roots, ...replies], null);
  const last = roots[roots.length - 1];
  const page: ThreadPage = {
    comments,
    next: more && last ? encodeCursor(last, 'oldest') : null,
    editWindowMs: source.editWindowMs,
    latest: String(head),
    total: post.total,
    ...(mail ? {mail: true} : {}),
    ...(post.closed ? {closed: true} : {}),
  };
  const endpoint = options.endpoint?.replace(/\/+$/, '');
  // Another site's post: readers know its bare id, and its form says which site it is for.
  const site = siteKey(postId);
  return threadFragment({
    postId: bareId(postId),
    page,
    total: post.total,
    bare: options.bare,
    form:
      endpoint && !post.closed
        ? {
            action: `${endpoint}/comments/form${site ? `?site=${site}` : ''}`,
            page: options.page ?? urls?.get(postId) ?? '',
            issued: signIssued(source.mailKey, postId, options.now ?? Date.now()),
          }
        : undefined,
  });
}
