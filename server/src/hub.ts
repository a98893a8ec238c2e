import type {Comment} from '../../src/core/types.js';
import type {Store} from './store/index.js';

type Listener = (comment: Comment) => void;

/**
 * Fans the store's new-comment notifications out to this process's live streams, by post. One store listener per
 * process, however many readers are connected.
 */
export class Hub {
  readonly #posts = new Map<string, Set<Listener>>();
  #stop?: () => Promise<void>;

  async start(store: Store): Promise<void> {
    this.#stop = await store.listen((comment) => {
      for (const listener of this.#posts.get(comment.postId) ?? []) listener(comment);
    });
  }

  subscribe(postId: string, listener: Listener): () => void {
    let set = this.#posts.get(postId);
    if (!set) this.#posts.set(postId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (!set.size) this.#posts.delete(postId);
    };
  }

  /** Number of open streams, for the health endpoint. */
  get connections(): number {
    let n = 0;
    for (const set of this.#posts.values()) n += set.size;
    return n;
  }

  async stop(): Promise<void> {
    await this.#stop?.();
    this.#posts.clear();
  }
}
