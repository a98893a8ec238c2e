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

/** Fired when loading or saving fails. `detail.error` is the error (a `ConfabError` from the built-in adapters). */
export class ConfabErrorEvent extends CustomEvent<{error: unknown; action: 'load' | 'create' | 'delete' | 'react'}> {
  static readonly type = 'confab-error';
  constructor(error: unknown, action: 'load' | 'create' | 'delete' | 'react') {
    super(ConfabErrorEvent.type, {...init, detail: {error, action}});
  }
}

/** Fired when browser storage cannot be used and comments are kept in memory for this visit. */
export class ConfabStorageFallbackEvent extends CustomEvent<{error: unknown}> {
  static readonly type = 'confab-storage-fallback';
  constructor(error: unknown) {
    super(ConfabStorageFallbackEvent.type, {...init, detail: {error}});
  }
}

declare global {
  interface HTMLElementEventMap {
    'confab-comment-added': ConfabCommentAddedEvent;
    'confab-comment-submit': ConfabCommentSubmitEvent;
    'confab-error': ConfabErrorEvent;
    'confab-storage-fallback': ConfabStorageFallbackEvent;
  }
}
