import type {ReactiveController, ReactiveControllerHost} from 'lit';
import type {CommentPage} from '../../core/types.js';
import {pageTheme, watchPage} from '../../internal/page-watch.js';

export interface PageEvents {
  /** The address's fragment changed (`#comment-<id>`). */
  hash(): void;
  /** The page navigated (history, or the Navigation API): its post may be another one. */
  navigated(): void;
}

/**
 * What `<confab-comments>` follows of the page it is on, while connected: the page's theme (read only when its
 * markers or the reader's preference may have changed, as reading it costs a style recalculation), its address's
 * fragment, and its navigations.
 */
export class PageController implements ReactiveController {
  /** The page's theme, as last read. */
  theme: 'light' | 'dark' = 'light';
  readonly #host: ReactiveControllerHost;
  readonly #events: PageEvents;
  #unwatch?: () => void;

  constructor(host: ReactiveControllerHost, events: PageEvents) {
    this.#host = host;
    this.#events = events;
    host.addController(this);
  }

  hostConnected(): void {
    addEventListener('hashchange', this.#hash);
    addEventListener('popstate', this.#navigated);
    navigation()?.addEventListener('currententrychange', this.#navigated);
    const watch = () => {
      this.theme = pageTheme();
      this.#host.requestUpdate();
    };
    this.#unwatch = watchPage(watch);
    watch();
  }

  hostDisconnected(): void {
    removeEventListener('hashchange', this.#hash);
    removeEventListener('popstate', this.#navigated);
    navigation()?.removeEventListener('currententrychange', this.#navigated);
    this.#unwatch?.();
  }

  #hash = () => this.#events.hash();
  #navigated = () => this.#events.navigated();
}

const navigation = () => (globalThis as {navigation?: EventTarget}).navigation;

/** The first page a server-rendered thread carries (`<script data-confab-page>`), when it is this post's. */
export function pageData(script: Element | null, postId: string): CommentPage | undefined {
  try {
    const page = script?.textContent && JSON.parse(script.textContent);
    return page?.postId === postId ? page : undefined;
  } catch {
    return undefined;
  }
}
