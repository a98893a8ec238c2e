/**
 * Counts requests per key in fixed windows, in this process's memory, with a bound on the keys it keeps (the oldest
 * window's keys go first), so a flood of distinct clients cannot grow it without end.
 */
export class WindowLimiter {
  readonly #max: number;
  readonly #windowMs: number;
  readonly #maxKeys: number;
  #window = 0;
  #counts = new Map<string, number>();

  constructor(max: number, windowMs: number, maxKeys = 100_000) {
    this.#max = max;
    this.#windowMs = windowMs;
    this.#maxKeys = maxKeys;
  }

  /** Counts one request of `key`; returns the milliseconds to wait when it is over the limit, else 0. */
  take(key: string, now = Date.now()): number {
    if (this.#max <= 0) return 0;
    const window = Math.floor(now / this.#windowMs);
    if (window !== this.#window) {
      this.#window = window;
      this.#counts.clear();
    }
    const n = (this.#counts.get(key) ?? 0) + 1;
    if (n > this.#max) return (window + 1) * this.#windowMs - now;
    if (!this.#counts.has(key) && this.#counts.size >= this.#maxKeys)
      this.#counts.delete(this.#counts.keys().next().value!);
    this.#counts.set(key, n);
    return 0;
  }
}

/** Counts open resources (live streams) per key and in all, refusing past either cap. */
export class OpenCounter {
  readonly #perKey: number;
  readonly #total: number;
  readonly #open = new Map<string, number>();
  #all = 0;

  constructor(perKey: number, total: number) {
    this.#perKey = perKey;
    this.#total = total;
  }

  /** Takes one for `key`; null when a cap is reached, else the function that gives it back (once). */
  open(key: string): (() => void) | null {
    const n = this.#open.get(key) ?? 0;
    if (n >= this.#perKey || this.#all >= this.#total) return null;
    this.#open.set(key, n + 1);
    this.#all++;
    let closed = false;
    return () => {
      if (closed) return;
      closed = true;
      this.#all--;
      const left = (this.#open.get(key) ?? 1) - 1;
      if (left) this.#open.set(key, left);
      else this.#open.delete(key);
    };
  }

  get size(): number {
    return this.#all;
  }
}
