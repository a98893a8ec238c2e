import {isReservedName} from 'confab/core';
import type {Store} from './store/index.js';

/**
 * Who may say what where, as every route that creates a comment asks it: whether a post's thread is closed (by a
 * moderator, or `--close-after` days after its first comment), and whether a name is the site's author's (one of
 * `--author-name` or a moderator's, compared by what it looks like: case, accents, lookalike letters and invisible
 * characters do not make it another name).
 */
export function siteRules(store: Store, options: {authorNames: string[]; closeAfterDays: number}) {
  // Read at each create (a small table): a moderator added by the CLI, in another process, is reserved at once.
  const reserved = async () => [...options.authorNames, ...(await store.moderators()).map((m) => m.name)];
  /** Whether a thread is closed now, and when it will close by age (null: not by age, or already). */
  const closing = (closedAt: string | null, firstAt: string | null, now: number) => {
    const closesAt =
      options.closeAfterDays && firstAt ? Date.parse(firstAt) + options.closeAfterDays * 86_400_000 : null;
    const closed = !!closedAt || (closesAt !== null && now > closesAt);
    return {closed, closesAt: closed ? null : closesAt};
  };
  return {
    /** The name replies from /admin carry when signed in with the admin secret. */
    authorName: options.authorNames[0] ?? 'Author',
    async isReserved(name: string): Promise<boolean> {
      return isReservedName(name, await reserved());
    },
    /** A post as a first page tells it: whether its thread is closed, and its published comments in all. */
    async post(postId: string, now = Date.now()): Promise<{closed: boolean; total: number; closesAt: number | null}> {
      const {closedAt, firstAt, total} = await store.postState(postId);
      return {...closing(closedAt, firstAt, now), total};
    },
    async isClosed(postId: string, now = Date.now()): Promise<boolean> {
      const {closedAt, firstAt} = await store.closedState(postId);
      return closing(closedAt, firstAt, now).closed;
    },
  };
}

export type SiteRules = ReturnType<typeof siteRules>;
