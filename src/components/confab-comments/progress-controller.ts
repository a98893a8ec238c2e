import type {ReactiveController, ReactiveControllerHost} from 'lit';

/** Top-level threads drawn in a first task: a few milliseconds each, so a task of them stays far from a long one (50 ms). */
const CHUNK = 5;
/** An update quicker than this draws twice as many threads the next time (up to `MAX_CHUNK`); a slower one, half. */
const QUICK_MS = 10;
const SLOW_MS = 30;
const MAX_CHUNK = 20;

/**
 * Draws the thread a few top-level threads per task, so that a page of comments (the first one, or what "Load more"
 * brings) comes in over several short tasks instead of one long one, and the page answers the reader meanwhile.
 * The host's `updateComplete` waits for the whole of it (see `complete`), so code that awaits an update still finds
 * every comment drawn.
 */
export class ProgressController implements ReactiveController {
  /** Top-level threads drawn so far. */
  shown = CHUNK;
  /** Threads added per task, as the last update's time allows. */
  #step = CHUNK;
  #started = 0;
  /** Top-level threads there were at the last update. */
  #had = 0;
  #timer?: ReturnType<typeof setTimeout>;
  #whole?: Promise<void>;
  #resolve?: () => void;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** Top-level threads there are to draw. */
    private readonly total: () => number
  ) {
    host.addController(this);
  }

  /**
   * A new thread: drawn from its start, or at once when it replaces a server-rendered one (which must give way to
   * the whole thread in one go, so that nothing on the page moves).
   */
  reset(atOnce: boolean): void {
    this.shown = atOnce ? Infinity : CHUNK;
    this.#step = CHUNK;
    this.#had = 0;
  }

  /** The host's `updateComplete`, once every thread is drawn: `update` is the host's own (one update). */
  async complete(update: () => Promise<boolean>): Promise<boolean> {
    let done = await update();
    for (let whole = this.#whole; whole; whole = this.#whole) {
      await whole;
      done = await update();
    }
    return done;
  }

  hostUpdate(): void {
    this.#started = performance.now();
    // A few threads more (a live comment, a linked one fetched) when all were drawn: drawn with them at once, so that
    // none already on the page goes for a task (a new first thread would push the last out of the slice).
    const total = this.total();
    if (this.shown >= this.#had && total - this.#had <= CHUNK) this.shown = Math.max(this.shown, total);
    this.#had = total;
  }

  hostUpdated(): void {
    const spent = performance.now() - this.#started;
    if (spent < QUICK_MS) this.#step = Math.min(MAX_CHUNK, this.#step * 2);
    else if (spent > SLOW_MS) this.#step = Math.max(1, this.#step >> 1);
    const total = this.total();
    // Drawn at once, once: what comes later (another page, live comments) comes in chunks again.
    if (this.shown === Infinity && total) this.shown = total;
    if (this.shown >= total || this.#timer) return;
    this.#whole ??= new Promise((resolve) => (this.#resolve = resolve));
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.shown = Math.min(this.shown + this.#step, this.total());
      this.host.requestUpdate();
      if (this.shown >= this.total()) this.#settle();
    });
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.shown = Infinity;
    this.#settle();
  }

  #settle(): void {
    this.#resolve?.();
    this.#whole = this.#resolve = undefined;
  }
}
