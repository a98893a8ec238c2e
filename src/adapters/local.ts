import {ConfabError} from '../core/errors.js';
import type {Comment, Reaction} from '../core/types.js';
import {checkDraft} from '../core/validate.js';
import type {TokenStore} from './tokens.js';

/**
 * The ownership rules of the adapters that keep comments in the browser, the same as the server's: only the browser
 * holding a comment's token may change it, editing only within the edit window (deleting at any time: pass
 * `Infinity`).
 */
export async function assertOwner(
  tokens: TokenStore,
  comment: Comment | null | undefined,
  editWindowMs: number,
  adapter: string
): Promise<Comment> {
  if (!comment || comment.deleted) throw new ConfabError('not-found', 'That comment does not exist.', {adapter});
  if (!(await tokens.get(comment.id)))
    throw new ConfabError('forbidden', 'This browser did not write that comment.', {adapter});
  if (Date.now() - Date.parse(comment.createdAt) > editWindowMs) {
    throw new ConfabError('forbidden', 'The time to edit that comment has passed.', {adapter});
  }
  return comment;
}

/** The cleaned new body of an edit, or an `invalid` error. */
export function editedBody(body: string, adapter: string): string {
  const checked = checkDraft({body});
  if (!checked.ok) throw new ConfabError('invalid', 'The comment is not valid.', {adapter});
  return checked.draft.body;
}

/** A comment with this browser's reaction given or taken back (a browser store has one reader). */
export function withReaction(c: Comment, reaction: Reaction, on: boolean, adapter: string): Comment {
  if (c.deleted) throw new ConfabError('not-found', 'That comment does not exist.', {adapter});
  const had = !!c.mine?.includes(reaction);
  const reactions = {
    ...c.reactions,
    [reaction]: Math.max(0, (c.reactions?.[reaction] ?? 0) + (on === had ? 0 : on ? 1 : -1)),
  };
  const mine = (c.mine ?? []).filter((r) => r !== reaction).concat(on ? [reaction] : []);
  return {...c, reactions, mine};
}

/** What a deleted comment becomes when it has replies. */
export const placeholder = (c: Comment): Comment => ({...c, author: '', body: '', deleted: true});

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ConfabError('aborted', 'The request was cancelled.', {cause: signal.reason});
}
