import type {Change, Store} from './store/index.js';

/** What a live stream sends: a comment's new state, its removal from view, or "reload the list". */
export interface LiveEvent {
  /** The post's sequence number of the change: the stream's event id, where a reconnect resumes. */
  seq: number;
  event: 'comment' | 'remove' | 'reset';
  data: string;
}

/** Turns a batch of changes into what every reader may be sent (the one visibility rule lives behind it). */
export type Present = (changes: Change[]) => Promise<LiveEvent[]>;

export interface Subscriber {
  /** Delivers events in sequence order, each once. */
  send(events: LiveEvent[]): void;
}

interface Sub extends Subscriber {
  last: number;
}

interface Channel {
  /** The newest change fetched for this post. */
  last: number;
  subs: Set<Sub>;
  /** Fetches and joins run one after another per post, so every subscriber gets every change once, in order. */
  queue: Promise<void>;
  dirty: boolean;
}

export interface HubOptions {
  /** A reconnecting reader further behind than this gets a `reset` (refetch the list) instead of a replay. */
  replayLimit: number;
  log: (line: string) => void;
}

const BATCH = 200;
/** Even with no notification, every followed post is looked at this often (a lost notification costs at most this). */
const SWEEP_MS = 30_000;

/**
 * Fans a database's changes out to this process's live streams, by post. Each post followed by a stream has one
 * channel that reads the post's changes after the last one it read (one query per change, however many readers),
 * so a change committed by any process is delivered, and one whose notification was lost (the LISTEN connection was
 * down) is delivered at the next notification, at the catch-up after a reconnect, or at the next sweep.
 */
export class Hub {
  readonly #store: Store;
  readonly #present: Present;
  readonly #options: HubOptions;
  readonly #channels = new Map<string, Channel>();
  #stop?: () => Promise<void>;
  #sweep?: ReturnType<typeof setInterval>;
  /** When the change feed was lost (0: it is up). */
  #lostAt = 0;

  constructor(store: Store, present: Present, options: HubOptions) {
    this.#store = store;
    this.#present = present;
    this.#options = options;
  }

  async start(): Promise<void> {
    this.#stop = await this.#store.listen((postId) => this.#changed(postId), {
      lost: (error) => {
        this.#lostAt = Date.now();
        this.#options.log(`live updates: lost the database's change feed (${error.message}); reconnecting`);
      },
      restored: (ms) => {
        this.#lostAt = 0;
        this.#options.log(`live updates: change feed restored after ${(ms / 1000).toFixed(1)} s; catching readers up`);
      },
    });
    this.#sweep = setInterval(() => this.#changed(null), SWEEP_MS);
    this.#sweep.unref();
  }

  /** Whether live updates are flowing, for the health check. */
  get live(): 'ok' | 'reconnecting' {
    return this.#lostAt ? 'reconnecting' : 'ok';
  }

  /**
   * Follows a post from `after` (a sequence number the reader has, or 'now' for new changes only). Resolves once the
   * replay is sent; returns the unsubscribe function.
   */
  subscribe(postId: string, after: number | 'now', subscriber: Subscriber): Promise<() => void> {
    let channel = this.#channels.get(postId);
    if (!channel)
      this.#channels.set(postId, (channel = {last: -1, subs: new Set(), queue: Promise.resolve(), dirty: false}));
    const ch = channel;
    const sub: Sub = {last: 0, send: (events) => subscriber.send(events)};
    const joined = this.#enqueue(postId, ch, async () => {
      const head = await this.#store.head(postId);
      if (after === 'now') sub.last = head;
      else if (after > head) {
        // The reader is ahead of the database (restored from a backup): start again from the list.
        sub.send([{seq: head, event: 'reset', data: '{}'}]);
        sub.last = head;
      } else {
        const limit = this.#options.replayLimit;
        const missed = await this.#store.changes(postId, after, limit + 1);
        if (missed.length > limit) {
          sub.send([{seq: head, event: 'reset', data: '{}'}]);
          sub.last = head;
        } else {
          const events = await this.#present(missed);
          if (events.length) sub.send(events);
          sub.last = missed.length ? missed[missed.length - 1]!.seq : after;
        }
      }
      if (ch.last < 0) ch.last = sub.last;
      ch.subs.add(sub);
    });
    const leave = () => {
      ch.subs.delete(sub);
      if (!ch.subs.size && this.#channels.get(postId) === ch) this.#channels.delete(postId);
    };
    return joined.then(
      () => leave,
      (error) => {
        leave();
        throw error;
      }
    );
  }

  /** Open streams in this process, for the health check. */
  get connections(): number {
    let n = 0;
    for (const channel of this.#channels.values()) n += channel.subs.size;
    return n;
  }

  async stop(): Promise<void> {
    clearInterval(this.#sweep);
    await this.#stop?.();
    this.#channels.clear();
  }

  #changed(postId: string | null): void {
    const targets =
      postId === null
        ? [...this.#channels]
        : this.#channels.has(postId)
          ? [[postId, this.#channels.get(postId)!] as const]
          : [];
    for (const [id, channel] of targets) {
      // One fetch waiting is enough: it reads everything committed by the time it runs.
      if (channel.dirty) continue;
      channel.dirty = true;
      void this.#enqueue(id, channel, () => this.#fetch(id, channel));
    }
  }

  async #fetch(postId: string, channel: Channel): Promise<void> {
    channel.dirty = false;
    if (!channel.subs.size) return;
    for (;;) {
      const changes = await this.#store.changes(postId, channel.last, BATCH);
      if (!changes.length) return;
      const events = await this.#present(changes);
      for (const sub of channel.subs) {
        const fresh = events.filter((e) => e.seq > sub.last);
        if (fresh.length) sub.send(fresh);
        sub.last = Math.max(sub.last, changes[changes.length - 1]!.seq);
      }
      channel.last = changes[changes.length - 1]!.seq;
      if (changes.length < BATCH) return;
    }
  }

  #enqueue(postId: string, channel: Channel, work: () => Promise<void>): Promise<void> {
    const run = channel.queue.then(work);
    channel.queue = run.catch((error: Error) => {
      // The database is down: the next notification, the catch-up or the sweep tries again.
      this.#options.log(`live updates for ${postId}: ${error.message}`);
      channel.dirty = false;
    });
    return run;
  }
}
