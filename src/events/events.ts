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
 * be used and comments are kept in memory for this visit. `detail.error` is the error (a `ConfabError` from the
 * built-in adapters).
 */
export type ErrorAction = 'load' | 'create' | 'delete' | 'react' | 'report' | 'fallback';

export class ConfabErrorEvent extends CustomEvent<{error: unknown; action: ErrorAction}> {
  static readonly type = 'confab-error';
  constructor(error: unknown, action: ErrorAction) {
    super(ConfabErrorEvent.type, {...init, detail: {error, action}});
  }
}

declare global {
  interface HTMLElementEventMap {
    'confab-comment-added': ConfabCommentAddedEvent;
    'confab-comment-submit': ConfabCommentSubmitEvent;
    'confab-error': ConfabErrorEvent;
  }
}
