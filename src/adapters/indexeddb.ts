import {createStore, del, promisifyRequest, set, update, type UseStore} from 'idb-keyval';
import {ConfabError} from '../core/errors.js';
import {fnv1a} from '../core/hash.js';
import {newId} from '../core/id.js';
import {checkDraft, parseComment, parseComments} from '../core/validate.js';
import {
  EDIT_WINDOW_MS,
  type Comment,
  type CommentDraft,
  type CommentPage,
  type ListOptions,
  type Reaction,
  type RequestOptions,
} from '../core/types.js';
import type {StorageAdapter} from './adapter.js';
import {assertOwner, editedBody, placeholder, throwIfAborted, withReaction} from './local.js';
import {indexedDbTokens, randomToken, type TokenStore} from './tokens.js';
import {paginate, threadOf} from './paginate.js';

export interface IndexedDbAdapterOptions {
  /** Database name. Default `confab`. */
  dbName?: string;
  /** Object store name. Default `comments`. */
  storeName?: string;
  /** Milliseconds after which a call that has not settled fails with code `timeout`. Default 4000. */
  timeout?: number;
  /** An idb-keyval store to use instead of opening `dbName`/`storeName` (tests, custom set-ups). */
  store?: UseStore;
  /** How long a comment's author may edit or delete it. Default 15 minutes. */
  editWindowMs?: number;
  /** Where edit tokens are kept. Default: IndexedDB database `confab-tokens`. */
  tokens?: TokenStore;
}

const ADAPTER = 'indexeddb';

/**
 * Keeps comments in the reader's browser with IndexedDB (idb-keyval). Each comment is its own record, keyed
 * `[postId, id]`, so two tabs posting at once never overwrite each other. Records are validated when read; malformed
 * ones are skipped. Other tabs of the same site see new comments live (BroadcastChannel).
 */
export class IndexedDbAdapter implements StorageAdapter {
  readonly name = ADAPTER;
  readonly #options: IndexedDbAdapterOptions;
  readonly #tokens: TokenStore;
  #store?: UseStore;

  constructor(options: IndexedDbAdapterOptions = {}) {
    this.#options = options;
    this.#tokens = options.tokens ?? indexedDbTokens();
  }

  async list(postId: string, options: ListOptions = {}): Promise<CommentPage> {
    const comments = await this.#all(postId, options.signal);
    return {...paginate(comments, options, ADAPTER), editWindowMs: this.#editWindow()};
  }

  async create(postId: string, draft: CommentDraft, options: RequestOptions = {}): Promise<Comment> {
    const checked = checkDraft(draft);
    if (!checked.ok) throw new ConfabError('invalid', 'The comment is not valid.', {adapter: ADAPTER});
    if (draft.anchor && !checked.draft.anchor)
      throw new ConfabError('invalid', 'The anchor is not valid.', {adapter: ADAPTER});
    const comment: Comment = {id: newId(), postId, createdAt: new Date().toISOString(), ...checked.draft};
    await this.#run(
      'readwrite',
      (store) => {
        store.add(comment, [postId, comment.id]);
        return promisifyRequest(store.transaction);
      },
      options.signal
    );
    await this.#tokens.set(comment.id, randomToken());
    this.#announce(postId, comment.id);
    return {...comment};
  }

  async update(postId: string, id: string, patch: {body: string}, options: RequestOptions = {}): Promise<Comment> {
    const all = await this.#all(postId, options.signal);
    const comment = await assertOwner(
      this.#tokens,
      all.find((c) => c.id === id),
      this.#editWindow(),
      ADAPTER
    );
    const updated = {...comment, body: editedBody(patch.body, ADAPTER), editedAt: new Date().toISOString()};
    await this.#guard(set([postId, id], updated, this.#open()), options.signal);
    return updated;
  }

  async remove(postId: string, id: string, options: RequestOptions = {}): Promise<void> {
    const all = await this.#all(postId, options.signal);
    // A reader's comment is theirs to delete at any time.
    const comment = await assertOwner(
      this.#tokens,
      all.find((c) => c.id === id),
      Infinity,
      ADAPTER
    );
    const work = all.some((c) => c.parentId === id)
      ? set([postId, id], placeholder(comment), this.#open())
      : del([postId, id], this.#open());
    await this.#guard(work, options.signal);
    await this.#tokens.delete(id);
  }

  async thread(postId: string, id: string, options: RequestOptions = {}): Promise<Comment[]> {
    return threadOf(await this.#all(postId, options.signal), id);
  }

  async react(
    postId: string,
    id: string,
    reaction: Reaction,
    on: boolean,
    options: RequestOptions = {}
  ): Promise<Comment> {
    let result: Comment | null = null;
    // update() reads and writes in one transaction: two tabs reacting at once cannot lose either change.
    await this.#guard(
      update<unknown>(
        [postId, id],
        (old) => {
          const comment = parseComment(old);
          if (!comment || comment.postId !== postId || comment.deleted) return old;
          result = withReaction(comment, reaction, on, ADAPTER);
          return result;
        },
        this.#open()
      ),
      options.signal
    );
    if (!result) throw new ConfabError('not-found', 'That comment does not exist.', {adapter: ADAPTER});
    return result;
  }

  async count(postIds: readonly string[], options: RequestOptions = {}): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const id of postIds) out[id] = (await this.#all(id, options.signal)).filter((c) => !c.deleted).length;
    return out;
  }

  owned(): Promise<string[]> {
    return this.#tokens.ids();
  }

  async mine(options: RequestOptions = {}): Promise<Comment[]> {
    const owned = new Set(await this.#tokens.ids());
    const records = await this.#run('readonly', (store) => promisifyRequest(store.getAll()), options.signal);
    return parseComments(records).filter((c) => owned.has(c.id) && !c.deleted);
  }

  /** Every valid comment of a post; malformed records are skipped. */
  async #all(postId: string, signal?: AbortSignal): Promise<Comment[]> {
    const records = await this.#run(
      'readonly',
      (store) => promisifyRequest(store.getAll(IDBKeyRange.bound([postId], [postId, []]))),
      signal
    );
    return parseComments(records).filter((c) => c.postId === postId);
  }

  #editWindow(): number {
    return this.#options.editWindowMs ?? EDIT_WINDOW_MS;
  }

  async import(postId: string, comments: readonly Comment[], options: RequestOptions = {}): Promise<number> {
    // A page may keep its export and import it on every view: the same comments imported before leave a mark, and
    // the next time cost one read instead of checking and refusing each of them again.
    const mark: IDBValidKey = [postId, importMark(comments)];
    if (await this.#run('readonly', (store) => promisifyRequest(store.count(mark)), options.signal)) return 0;
    const records = parseComments(comments.map((c) => ({...c, postId})));
    return this.#run(
      'readwrite',
      (store) => {
        // Not a comment (no comment's id has a '#'): records are checked when read, and it is left out.
        store.put(true, mark);
        let added = 0;
        for (const comment of records) {
          // `add` refuses a key that exists: an imported comment is never stored twice or overwritten.
          const request = store.add(comment, [postId, comment.id]);
          request.onsuccess = () => added++;
          request.onerror = (event) => {
            event.preventDefault();
            event.stopPropagation();
          };
        }
        return promisifyRequest(store.transaction).then(() => added);
      },
      options.signal
    );
  }

  subscribe(postId: string, listener: (comment: Comment) => void): () => void {
    if (typeof BroadcastChannel === 'undefined') return () => {};
    const channel = new BroadcastChannel(this.#channelName());
    channel.onmessage = async (event: MessageEvent) => {
      const data = event.data as {postId?: unknown; id?: unknown};
      if (data?.postId !== postId || typeof data.id !== 'string') return;
      try {
        const record = await this.#run('readonly', (store) => promisifyRequest(store.get([postId, data.id as string])));
        const comment = parseComment(record);
        if (comment && comment.postId === postId) listener(comment);
      } catch {
        // A tab that cannot read the store simply misses the live update; the next load shows it.
      }
    };
    return () => channel.close();
  }

  #announce(postId: string, id: string): void {
    if (typeof BroadcastChannel === 'undefined') return;
    const channel = new BroadcastChannel(this.#channelName());
    channel.postMessage({postId, id});
    channel.close();
  }

  #channelName(): string {
    return `confab:${this.#options.dbName ?? 'confab'}`;
  }

  #open(): UseStore {
    if (!this.#store) {
      // Without IndexedDB, createStore's first use throws; #run reports that as "unavailable".
      this.#store =
        this.#options.store ?? createStore(this.#options.dbName ?? 'confab', this.#options.storeName ?? 'comments');
    }
    return this.#store;
  }

  #run<T>(
    mode: IDBTransactionMode,
    fn: (store: IDBObjectStore) => T | PromiseLike<T>,
    signal?: AbortSignal
  ): Promise<T> {
    try {
      return this.#guard(this.#open()(mode, fn), signal);
    } catch (error) {
      return Promise.reject(toConfabError(error));
    }
  }

  /** Time-boxes a storage call and turns whatever it throws into a `ConfabError`. */
  #guard<T>(work: Promise<T>, signal?: AbortSignal): Promise<T> {
    throwIfAborted(signal);
    const ms = this.#options.timeout ?? 4000;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new ConfabError('timeout', `IndexedDB did not answer within ${ms} ms.`, {adapter: ADAPTER})),
        ms
      );
      work.then(
        (value) => (clearTimeout(timer), resolve(value)),
        (error) => (clearTimeout(timer), reject(toConfabError(error)))
      );
    });
  }
}

/** The key of the mark an import leaves: how many comments, and a hash of their ids in order. */
function importMark(comments: readonly Comment[]): string {
  const ids = comments.map((c) => `${(c as {id?: unknown} | null)?.id}`).join('\n');
  return `#import-${comments.length}-${fnv1a(ids).toString(36)}`;
}

function toConfabError(error: unknown): ConfabError {
  if (error instanceof ConfabError) return error;
  const name = (error as {name?: string} | null)?.name;
  if (name === 'QuotaExceededError') {
    return new ConfabError('quota', 'The browser has no room left to store comments.', {
      adapter: ADAPTER,
      cause: error,
    });
  }
  return new ConfabError('unavailable', 'IndexedDB cannot be used here.', {adapter: ADAPTER, cause: error});
}
