import {isReservedName} from 'confab/core';
import {pageDate} from './page-date.js';
import type {Store} from './store/index.js';
import type {PostDates} from './store/store.js';

/**
 * Who may say what where, as every route that creates a comment asks it: whether a post's thread is closed (by a
 * moderator, or `--close-after` days after its first comment or its page's date), and whether a name is the site's author's (one of
 * `--author-name` or a moderator's, compared by what it looks like: case, accents, lookalike letters and invisible
 * characters do not make it another name).
 */
export function siteRules(store: Store, options: {authorNames: string[]; closeAfterDays: number}) {
  /**
   * Whether a thread is closed now, and when it will close by age (null: not by age, or already): counted from its
   * page's own date when the page gives one, else from its first comment, whichever is earlier.
   */
  const closing = ({closedAt, firstAt, publishedAt}: PostDates, now: number) => {
    const starts = [firstAt, publishedAt].filter((t): t is string => !!t).map(Date.parse);
    const closesAt =
      options.closeAfterDays && starts.length ? Math.min(...starts) + options.closeAfterDays * 86_400_000 : null;
    const closed = !!closedAt || (closesAt !== null && now > closesAt);
    return {closed, closesAt: closed ? null : closesAt};
  };
  return {
    /** The name replies from /admin carry when signed in with the admin secret. */
    authorName: options.authorNames[0] ?? 'Author',
    /** A post as a first page tells it: whether its thread is closed, and its published comments in all. */
    async post(postId: string, now = Date.now()): Promise<{closed: boolean; total: number; closesAt: number | null}> {
      const state = await store.postState(postId);
      return {...closing(state, now), total: state.total};
    },
    /**
     * Why a new comment on the post under that name is refused (its thread is closed, or the name is the site's
     * author's), or null; one query for both. The moderators are read at each create (a small table, in the same
     * query): one added by the CLI, in another process, is reserved at once. With `--close-after`, the post's page
     * (where the comment is written, an address on the site) is read for its date the first time, and again a day
     * later if it had none.
     */
    async refusal(
      postId: string,
      page: string | null,
      name: string,
      now = Date.now()
    ): Promise<'thread-closed' | 'name-reserved' | null> {
      let state = await store.postingState(postId);
      const stale = !state.pageReadAt || (!state.publishedAt && now - Date.parse(state.pageReadAt) > 86_400_000);
      if (options.closeAfterDays && page && !state.closedAt && stale) {
        await store.setPageDate(postId, await pageDate(page, postId), new Date(now).toISOString());
        state = await store.postingState(postId);
      }
      if (closing(state, now).closed) return 'thread-closed';
      return isReservedName(name, [...options.authorNames, ...state.moderators]) ? 'name-reserved' : null;
    },
  };
}

export type SiteRules = ReturnType<typeof siteRules>;
