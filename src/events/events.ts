import type {ConfabError} from '../core/errors.js';
import type {Comment, CommentDraft} from '../core/types.js';

const init = {bubbles: true, composed: true};

/** Fired after a new comment is stored and shown. `detail.comment` is the comment as stored. */
export class ConfabCommentAddedEvent extends CustomEvent<{comment: Comment}> {
  static readonly type = 'confab-comment-added';
  constructor(comment: Comment) {
    super(ConfabCommentAddedEvent.type, {...init, detail: {comment}});
  }
}

/** Fired before a comment is stored; cancel it (`preventDefault()`) to stop the submission. The draft stays. */
export class ConfabCommentSubmitEvent extends CustomEvent<{postId: string; draft: CommentDraft}> {
  static readonly type = 'confab-comment-submit';
  constructor(postId: string, draft: CommentDraft) {
    super(ConfabCommentSubmitEvent.type, {...init, cancelable: true, detail: {postId, draft}});
  }
}

/**
 * Fired when loading, saving, deleting or reacting fails, and with `action: 'fallback'` when browser storage cannot
 * be used and comments are kept in memory for this visit. `detail.error` is the error: a `ConfabError` (with its
 * `code`) from the built-in adapters, an `Error` from others.
 */
export type ErrorAction = 'load' | 'create' | 'delete' | 'react' | 'report' | 'fallback';

export class ConfabErrorEvent extends CustomEvent<{error: ConfabError | Error; action: ErrorAction}> {
  static readonly type = 'confab-error';
  /** `error` as thrown; anything thrown that is not an `Error` (a custom adapter's string, say) arrives as one. */
  constructor(error: unknown, action: ErrorAction) {
    super(ConfabErrorEvent.type, {
      ...init,
      detail: {error: error instanceof Error ? error : Error(String(error)), action},
    });
  }
}

/** The events, by name: they bubble out of shadow roots, so a listener on the document hears them too. */
export interface ConfabEventMap {
  'confab-comment-added': ConfabCommentAddedEvent;
  'confab-comment-submit': ConfabCommentSubmitEvent;
  'confab-error': ConfabErrorEvent;
}

// Merged into the DOM's own maps, so that addEventListener knows each event's type.
/* eslint-disable @typescript-eslint/no-empty-object-type */
declare global {
  interface HTMLElementEventMap extends ConfabEventMap {}
  interface DocumentEventMap extends ConfabEventMap {}
}
/* eslint-enable @typescript-eslint/no-empty-object-type */
