import type {LitElement, ReactiveController} from 'lit';
import type {Anchor, Comment} from '../../core/types.js';
import {ConfabErrorEvent} from '../../events/events.js';
import {errorMessage} from '../../i18n/error-message.js';
import type {Translate} from '../../i18n/translate.js';
import type {Actions, ActionsHost} from './actions/index.js';
import {renderNodes, type CommentView} from './comment.js';
import type {Inline, InlineHost} from './inline/index.js';
import type {ThreadController} from './thread-controller.js';

/** What the element lends its on-demand parts: a few ways to render and to speak, besides its thread. */
export interface PartsBridge {
  readonly thread: ThreadController;
  readonly t: Translate;
  /** What rendering comments needs, now. */
  readonly view: CommentView;
  /** CSS selector of the article for inline comments, or ''. */
  readonly inline: string;
  announce(message: string): void;
  expand(ids: string[]): void;
  /** A composer: for an edit (`edit`), or one whose comment is about a passage (`anchor`). */
  composer(edit?: {c: Comment; close: () => void}, anchor?: Anchor): unknown;
}

/**
 * Loads the parts of `<confab-comments>` that come on demand, and holds them: the reader actions (beside the first
 * page of comments) and inline comments (only with `inline`, or when the thread holds inline comments). Each part
 * gets a host object made here, which reaches the element only through `PartsBridge` and the thread controller.
 */
export class PartsController implements ReactiveController {
  actions?: Actions;
  /** True once the reader actions are in, or failed to load. */
  actionsSettled = false;
  /** Changes whenever what inline quotes show may have changed. */
  inlineVersion = 0;
  readonly #host: LitElement;
  readonly #bridge: PartsBridge;
  #actionsLoading?: Promise<unknown>;
  #inlineModule?: typeof import('./inline/index.js');
  #inlineLoading?: Promise<unknown>;
  #inline?: Inline | null;
  #inlineFor = '';

  readonly #actionsHost: ActionsHost;
  readonly #inlineHost: InlineHost;

  constructor(host: LitElement, bridge: PartsBridge) {
    this.#host = host;
    this.#bridge = bridge;
    this.#actionsHost = actionsHost(this, host, bridge);
    this.#inlineHost = inlineHost(this, host, bridge);
    host.addController(this);
  }

  hostDisconnected(): void {
    this.#detachInline();
  }

  /** Settles once the reader actions are in (or failed to load). */
  get actionsLoaded(): Promise<unknown> {
    return this.#actionsLoading ?? Promise.resolve();
  }

  /** Starts loading the reader actions (once). */
  loadActions(): void {
    this.#actionsLoading ??= import('./actions/index.js')
      .then(
        (module) => {
          this.actions = module.createActions(this.#actionsHost);
          this.#adopt(module.styles);
        },
        (error) => console.warn('[confab] comment actions could not be loaded:', error)
      )
      .finally(() => {
        this.actionsSettled = true;
        this.#host.requestUpdate();
      });
  }

  /** Inline quotes for the thread, once that part is loaded. */
  get quotes(): CommentView['quotes'] {
    const module = this.#inlineModule;
    return module && {quote: (c) => module.quote(this.#bridge.t, c, this.#inline), version: this.inlineVersion};
  }

  /**
   * After each render of a ready thread: loads inline comments when the element or its thread needs them, attaches
   * them to the article named by `inline` (again, when it changes), or lets them place their markers again.
   */
  update(): void {
    const {thread, inline} = this.#bridge;
    if (!this.#inlineModule) {
      if ((inline || thread.comments.some((c) => c.anchor)) && !this.#inlineLoading) {
        this.#inlineLoading = import('./inline/index.js').then(
          (module) => {
            this.#inlineModule = module;
            // Comments already drawn now get their quotes.
            this.inlineVersion++;
            this.#adopt(module.styles);
            this.#host.requestUpdate();
          },
          (error) => console.warn('[confab] inline comments could not be loaded:', error)
        );
      }
      return;
    }
    if (inline === this.#inlineFor) return this.#inline?.update();
    this.#detachInline();
    this.#inlineFor = inline;
    if (inline && this.#host.isConnected) this.#inline = this.#inlineModule.attach(this.#inlineHost);
    // Once more, after this update: quotes in the thread now know where their passages are.
    void this.#host.updateComplete.then(() => this.#host.requestUpdate());
  }

  /** Where the reader is acting: an inline panel when focus is in one, else the element. */
  focusRoot(): ParentNode {
    const panel = this.#inline?.panel;
    return panel?.contains(document.activeElement) ? panel.shadowRoot! : this.#host.renderRoot;
  }

  /** Focuses a control of a comment after the next render, where the reader is acting. */
  focus(id: string, part: string): void {
    const root = this.focusRoot();
    void this.#host.updateComplete.then(() =>
      root.querySelector<HTMLElement>(`#comment-${id} [part~="${part}"]`)?.focus()
    );
  }

  /** Scrolls to the comment named in the page's address (`#comment-<id>`), once the actions are in. */
  reveal(): Promise<void> | undefined {
    return this.actions?.reveal();
  }

  #detachInline(): void {
    this.#inline?.detach();
    this.#inline = undefined;
    this.#inlineFor = '';
  }

  /** Adds an on-demand part's styles to the element's. */
  #adopt(sheet: CSSStyleSheet): void {
    const root = this.#host.renderRoot as ShadowRoot;
    if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  }
}

/** What the reader actions get: the thread, and the element's ways to show things. */
function actionsHost(parts: PartsController, el: LitElement, bridge: PartsBridge): ActionsHost {
  return {
    thread: bridge.thread,
    get t() {
      return bridge.t;
    },
    requestUpdate: () => el.requestUpdate(),
    get root() {
      return el.updateComplete.then(() => el.renderRoot);
    },
    announce: (message) => bridge.announce(message),
    failed(error, action) {
      bridge.announce(errorMessage(error, bridge.t.strings));
      el.dispatchEvent(new ConfabErrorEvent(error, action));
    },
    focus: (id, part) => parts.focus(id, part),
    expand: (ids) => bridge.expand(ids),
    editor: (c, close) => bridge.composer({c, close}),
  };
}

/** What inline comments get: the thread, the element's renderers and styles. */
function inlineHost(parts: PartsController, el: LitElement, bridge: PartsBridge): InlineHost {
  return {
    element: el,
    thread: bridge.thread,
    get container() {
      return bridge.inline;
    },
    get t() {
      return bridge.t;
    },
    get styles() {
      return (el.renderRoot as ShadowRoot).adoptedStyleSheets;
    },
    renderNodes: (nodes) => renderNodes(bridge.view, nodes),
    composer: (anchor) => bridge.composer(undefined, anchor),
    changed() {
      parts.inlineVersion++;
      void el.updateComplete.then(() => el.requestUpdate());
    },
  };
}
