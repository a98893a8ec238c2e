import type {ReactiveController} from 'lit';

/**
 * For `loading="lazy"`: tells when the element (or the article its inline comments are on) comes within a screen of
 * the viewport, once.
 */
export class NearController implements ReactiveController {
  readonly #host: HTMLElement & {addController(controller: ReactiveController): void};
  readonly #near: () => void;
  #observer?: IntersectionObserver;

  constructor(host: HTMLElement & {addController(controller: ReactiveController): void}, near: () => void) {
    this.#host = host;
    this.#near = near;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
    this.#observer = undefined;
  }

  /** Starts watching (once): the element, and the article named by `inline` when there is one. */
  watch(inline: string): void {
    if (this.#observer) return;
    this.#observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        this.hostDisconnected();
        this.#near();
      },
      {rootMargin: '100% 0px'}
    );
    this.#observer.observe(this.#host);
    // With inline comments, the article is where they show: reading it is reason enough to load.
    try {
      const article = inline && document.querySelector(inline);
      if (article) this.#observer.observe(article);
    } catch {
      // Not a selector: inline comments say so when they start.
    }
  }
}
