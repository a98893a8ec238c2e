import type {Comment} from '../../../core/types.js';
import type {ErrorAction} from '../../../events/events.js';
import type {Translate} from '../../../i18n/translate.js';
import type {ThreadController} from '../thread-controller.js';

/**
 * What the reader actions (loaded on demand beside the first page) may use of `<confab-comments>`: its thread
 * controller's public methods and a few ways to show things. Nothing else of the element's state.
 */
export interface ActionsHost {
  /** The thread: its comments, paging, sort order and writes. */
  readonly thread: ThreadController;
  /** The element's strings, in its language. */
  readonly t: Translate;
  /** Renders the element again (after the actions' own state changed). */
  requestUpdate(): void;
  /** The element's shadow root, once it has rendered what was just set. */
  readonly root: Promise<ParentNode>;
  /** Tells screen readers (a polite live region). */
  announce(message: string): void;
  /** Says that something failed, in the element (and as a `confab-error` event). */
  failed(error: unknown, action: ErrorAction): void;
  /** Focuses a control of a comment after the next render. */
  focus(id: string, part: string): void;
  /** Opens collapsed branches. */
  expand(ids: string[]): void;
  /** The composer that edits a comment, saving through the element (which sanitizes first). */
  editor(comment: Comment, close: () => void): unknown;
}
