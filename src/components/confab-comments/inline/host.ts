import type {ThreadNode} from '../../../core/thread.js';
import type {Anchor} from '../../../core/types.js';
import type {Translate} from '../../../i18n/translate.js';
import type {ThreadController} from '../thread-controller.js';

/** What inline commenting (loaded on demand) may use of `<confab-comments>`: its thread, strings and renderers. */
export interface InlineHost {
  readonly element: HTMLElement;
  /** CSS selector of the article whose paragraphs take comments. */
  readonly container: string;
  readonly t: Translate;
  /** The element's own style sheets, for the panels, which render the same comments and composer. */
  readonly styles: CSSStyleSheet[];
  /** The thread: its comments (as a tree), and the background loading of inline comments on later pages. */
  readonly thread: ThreadController;
  renderNodes(nodes: ThreadNode[]): unknown;
  /** A composer whose comment is anchored to `anchor`. */
  composer(anchor: Anchor): unknown;
  /** Which comments are orphaned changed (the article was edited): the thread shows their quotes again. */
  changed(): void;
}
