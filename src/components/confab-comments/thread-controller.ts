import type {ReactiveController, ReactiveControllerHost} from 'lit';
import type {StorageAdapter} from '../../adapters/adapter.js';
import {loadMemory} from '../../adapters/load.js';
import {isAbort, isStorageUnavailable} from '../../core/errors.js';
import {buildThread, byTime, type ThreadNode} from '../../core/thread.js';
import {
  EDIT_WINDOW_MS,
  PAGE_SIZE,
  type Comment,
  type CommentDraft,
  type CommentPage,
  type CommentSort,
  type Reaction,
} from '../../core/types.js';
import {parseComments} from '../../core/validate.js';
import {ConfabErrorEvent, type ErrorAction} from '../../events/events.js';
import {nextTask} from '../../internal/next-task.js';
import {recall, remember} from '../../internal/remember.js';
import {builtIn, checksImports, fallsBackToMemory} from './storage.js';

const SORT_KEY = 'confab:sort';
/** Comments imported (`import`) in one task. */
const IMPORT_SLICE = 500;

export type ThreadStatus = 'loading' | 'ready' | 'error';

export interface ThreadOptions {
  /** The storage the element names: its own adapter, or a built-in one. */
  adapter(): StorageAdapter | Promise<StorageAdapter>;
  /** CSS selector of a JSON block of existing comments to import once, or ''. */
  importFrom(): string;
  /** A comment another reader (or another tab) just added. */
  arrived?(comment: Comment): void;
}

/**
 * A post's thread as `<confab-comments>` and its on-demand parts see it: loading (with the fallback to memory when
 * browser storage is unusable), paging, sorting, live changes, and every write (create, edit, delete, react). It
 * owns the thread's state and tells its host to render when that changes. Each load has its own AbortController, so
 * that a new post id cancels the load in flight.
 */
export class ThreadController implements ReactiveController {
  status: ThreadStatus = 'loading';
  /** The comments loaded so far: whole threads, in no particular order (`thread` orders them). */
  comments: Comment[] = [];
  /** The cursor of the next page, or null after the last. */
  next: string | null = null;
  sort: CommentSort = readSort();
  /** Comments this browser may edit or delete. */
  owned = new Set<string>();
  editWindowMs = EDIT_WINDOW_MS;
  /** The storage mails replies to readers who ask (the composer offers it). */
  mail = false;
  /** Replies to this reader's comments that arrived since their last visit (or live during this one). */
  fresh = new Set<string>();
  /** The post's thread is closed: no composer, no replies. */
  closed = false;
  /** The post's comments in all, when the storage says (more than are loaded, while pages remain). */
  total?: number;
  /** Browser storage failed: comments are kept in memory for this visit. */
  fallback = false;
  loadingMore = false;
  /** The post being shown. */
  postId = '';
  /** The storage in use, once the first load has resolved it. */
  adapter?: StorageAdapter;

  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: ThreadOptions;
  #abort?: AbortController;
  #unsubscribe?: () => void;
  #memory?: Promise<StorageAdapter>;
  #loading: Promise<void> = Promise.resolve();
  #cache?: {comments: Comment[]; sort: CommentSort; thread: ThreadNode[]};

  constructor(host: ReactiveControllerHost & HTMLElement, options: ThreadOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.stop();
  }

  /** The current load's signal (aborted when the post or the storage changes, or the element goes). */
  get signal(): AbortSignal | undefined {
    return this.#abort?.signal;
  }

  /** Settles when the current load has (shown, or failed). */
  get loaded(): Promise<void> {
    return this.#loading;
  }

  /** The loaded comments as a tree, top-level comments in the chosen order (computed once per change). */
  get thread(): ThreadNode[] {
    if (this.#cache?.comments !== this.comments || this.#cache.sort !== this.sort) {
      this.#cache = {comments: this.comments, sort: this.sort, thread: buildThread(this.comments, this.sort)};
    }
    return this.#cache.thread;
  }

  /**
   * Loads a post's first page and follows its live changes, cancelling whatever was loading before. `first` is that
   * page when the page already holds it (a server-rendered thread's data): it is shown without asking storage.
   */
  start(postId: string, first?: CommentPage): void {
    this.stop();
    const abort = (this.#abort = new AbortController());
    this.postId = postId;
    this.#set({status: 'loading', comments: [], next: null});
    this.#loading = this.#load(this.#resolve(), postId, abort.signal, this.sort === 'oldest' ? first : undefined);
  }

  stop(): void {
    this.#abort?.abort();
    this.#abort = undefined;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  /** Shows the thread in another order (pages come from storage in that order: it starts again from the first). */
  setSort(sort: CommentSort): void {
    remember(SORT_KEY, sort);
    this.sort = sort;
    this.start(this.postId);
  }

  /** Adds untrusted records (validated here) to the loaded comments; returns how many were new. */
  add(records: unknown[]): number {
    const known = new Set(this.comments.map((c) => c.id));
    const added = parseComments(records).filter((c) => c.postId === this.postId && !known.has(c.id) && known.add(c.id));
    if (added.length) this.#set({comments: [...this.comments, ...added]});
    return added.length;
  }

  /** Puts a comment's new state in place of the old one. */
  replace(comment: Comment): void {
    this.#set({comments: this.comments.map((c) => (c.id === comment.id ? comment : c))});
  }

  /** Takes a deleted comment off the thread, or leaves a placeholder when it has replies. */
  removed(id: string): void {
    const comment = this.comments.find((c) => c.id === id);
    if (comment && this.total && !comment.deleted) this.total--;
    if (comment && this.comments.some((c) => c.parentId === id))
      this.replace({...comment, author: '', body: '', deleted: true});
    else this.#set({comments: this.comments.filter((c) => c.id !== id)});
  }

  /** A comment of this browser's is gone (deleted from "Your comments"): no longer owned, and off this thread. */
  disown(id: string, postId: string): void {
    const owned = new Set(this.owned);
    owned.delete(id);
    this.#set({owned});
    if (postId === this.postId) this.removed(id);
  }

  /** Stores a new comment and shows it. Throws (the composer keeps the draft) when storage refuses it. */
  async create(draft: CommentDraft): Promise<Comment> {
    let adapter: StorageAdapter | undefined;
    let comment: Comment;
    try {
      adapter = this.adapter ?? (await this.#resolve());
      comment = await adapter.create(this.postId, draft);
    } catch (error) {
      // Browser storage gave out: the next try goes to memory (the composer still holds the text).
      if (adapter && isStorageUnavailable(error) && fallsBackToMemory(adapter)) {
        this.#fallBack(error, this.comments);
        this.adapter = await this.#memory;
      }
      this.#fail(error, 'create');
      throw error;
    }
    if (!this.comments.some((c) => c.id === comment.id)) {
      this.comments = [...this.comments, comment];
      if (this.total !== undefined && !comment.status) this.total++;
    }
    this.owned = new Set(this.owned).add(comment.id);
    // From the reader's first comment on, replies newer than what they have seen are "new" on their next visit.
    if (!recall(seenKey(this.postId))) remember(seenKey(this.postId), comment.createdAt);
    this.#set({status: 'ready'});
    return comment;
  }

  /** Saves an edit of the reader's own comment. Throws (the editor keeps the text) when storage refuses it. */
  async update(id: string, body: string): Promise<Comment> {
    const comment = await this.adapter!.update!(this.postId, id, {body});
    this.replace(comment);
    return comment;
  }

  /** Deletes the reader's own comment. */
  async remove(id: string): Promise<void> {
    await this.adapter!.remove!(this.postId, id);
    this.removed(id);
  }

  /** Gives or takes back the reader's reaction. */
  async react(id: string, kind: Reaction, on: boolean): Promise<void> {
    this.replace(await this.adapter!.react!(this.postId, id, kind, on));
  }

  /** The next page of top-level comments, each with its replies; resolves to how many comments were new. */
  async loadMore(): Promise<number> {
    const signal = this.signal;
    if (!this.next || !signal || this.loadingMore) return 0;
    this.#set({loadingMore: true});
    try {
      // A page of comments already shown (inline ones, fetched beforehand) is passed over: a click shows something.
      let added = 0;
      for (let pages = 0; !added && this.next && pages < 10; pages++) {
        const page = await this.adapter!.list(this.postId, {
          signal,
          cursor: this.next,
          limit: PAGE_SIZE,
          sort: this.sort,
        });
        if (signal.aborted) return 0;
        this.next = page.next;
        added = this.add(page.comments);
      }
      return added;
    } finally {
      this.#set({loadingMore: false});
    }
  }

  /** Fetches the whole thread of a comment that is not loaded (a link to it), so that it can be shown. */
  async fetchThread(id: string): Promise<void> {
    if (this.comments.some((c) => c.id === id) || !this.adapter?.thread) return;
    this.add(await this.adapter.thread(this.postId, id).catch(() => []));
  }

  /**
   * Says that the pages from cursor `from` on were read elsewhere (inline comments read them in the background) and
   * all they held is loaded: when `from` is where "Load more" stands, it moves on to `to`.
   */
  pagedPast(from: string, to: string | null): void {
    if (this.next === from) this.#set({next: to});
  }

  async #load(
    pending: Promise<StorageAdapter>,
    postId: string,
    signal: AbortSignal,
    first?: CommentPage
  ): Promise<void> {
    let adapter: StorageAdapter | undefined;
    try {
      adapter = await pending;
      if (signal.aborted) return;
      this.adapter = adapter;
      await this.#importExisting(adapter, postId, signal);
      const page = first ?? (await adapter.list(postId, {signal, limit: PAGE_SIZE, sort: this.sort}));
      const owned = new Set(await adapter.owned?.().catch(() => []));
      if (signal.aborted) return;
      const comments = dedupe(parseComments(page.comments).filter((c) => c.postId === postId));
      this.#set({
        comments,
        next: page.next,
        owned,
        editWindowMs: page.editWindowMs ?? EDIT_WINDOW_MS,
        mail: !!page.mail,
        closed: !!page.closed,
        total: page.total,
        fresh: freshReplies(postId, comments, owned),
        status: 'ready',
      });
      // Live changes take over after the newest of the post (or of this page, for adapters that don't say).
      let since = page.latest;
      if (since === undefined) {
        let newest: Comment | undefined;
        for (const c of this.comments) if (!newest || byTime(newest, c) < 0) newest = c;
        since = newest?.id ?? null;
      }
      this.#unsubscribe = adapter.subscribe?.(postId, (comment) => this.#live(comment, postId), {
        since,
        removed: (id) => this.#hide(id),
        reset: () => void this.#refresh(postId, signal),
      });
      // The page's copy is everyone's: a reader storage knows (own held comments, own reactions) gets theirs over it.
      if (first && adapter.personal?.()) void this.#refresh(postId, signal);
    } catch (error) {
      if (signal.aborted || isAbort(error)) return;
      if (adapter && isStorageUnavailable(error) && fallsBackToMemory(adapter)) {
        this.#fallBack(error, []);
        return this.#load(this.#memory!, postId, signal);
      }
      this.#set({status: 'error'});
      this.#fail(error, 'load');
    }
  }

  async #importExisting(adapter: StorageAdapter, postId: string, signal: AbortSignal): Promise<void> {
    const selector = this.#options.importFrom();
    if (!selector || !adapter.import) return;
    const source = document.querySelector(selector);
    try {
      const records: unknown = JSON.parse(source?.textContent ?? '[]');
      const all = Array.isArray(records) ? records : [];
      // A slice per task (the list that follows in one of its own): an export of thousands of comments is checked
      // and stored without one long task.
      for (let i = 0; i < all.length; i += IMPORT_SLICE) {
        signal.throwIfAborted();
        const slice = all.slice(i, i + IMPORT_SLICE);
        // Confab's own adapters check each record as they store it: once is enough.
        await adapter.import(postId, checksImports(adapter) ? (slice as Comment[]) : parseComments(slice), {signal});
        if (all.length > IMPORT_SLICE) await nextTask();
      }
    } catch (error) {
      if (isAbort(error) || isStorageUnavailable(error)) throw error;
      console.warn('[confab] import failed:', error);
    }
  }

  /** A live change: a new comment is added, a known one takes its new state (the reader's own reactions kept). */
  #live(comment: Comment, postId: string): void {
    if (comment.postId !== postId) return;
    const known = this.comments.find((c) => c.id === comment.id);
    if (!known) {
      if (this.total !== undefined) this.total++;
      if (isReplyTo(this.owned, comment)) this.fresh.add(comment.id);
      this.#set({comments: [...this.comments, comment]});
      this.#options.arrived?.(comment);
    } else {
      this.replace(known.mine && !comment.mine ? {...comment, mine: known.mine} : comment);
    }
  }

  /** A comment shown before is no longer (deleted, held after an edit): it goes, with the replies under it. */
  #hide(id: string): void {
    const gone = new Set([id]);
    for (let grew = true; grew;) {
      grew = false;
      for (const c of this.comments) if (c.parentId && gone.has(c.parentId) && !gone.has(c.id)) grew = !!gone.add(c.id);
    }
    const left = this.comments.filter((c) => !gone.has(c.id));
    if (this.total !== undefined) this.total = Math.max(0, this.total - (this.comments.length - left.length));
    if (left.length < this.comments.length) this.#set({comments: left});
  }

  /**
   * The live stream could not tell what was missed (the reader was away too long): the first page is read again and
   * laid over what is shown, so nothing on screen (an open reply, an edit in progress) is lost.
   */
  async #refresh(postId: string, signal: AbortSignal): Promise<void> {
    const page = await this.adapter?.list(postId, {signal, limit: PAGE_SIZE, sort: this.sort}).catch(() => null);
    if (!page || signal.aborted) return;
    const fresh = new Map(
      parseComments(page.comments)
        .filter((c) => c.postId === postId)
        .map((c) => [c.id, c])
    );
    const merged = this.comments.map((c) => fresh.get(c.id) ?? c);
    for (const c of fresh.values()) if (!this.comments.some((known) => known.id === c.id)) merged.push(c);
    this.#set({comments: merged});
  }

  /** The storage to use: the element's, or the memory one that replaced unusable browser storage. */
  async #resolve(): Promise<StorageAdapter> {
    const adapter = await this.#options.adapter();
    return fallsBackToMemory(adapter) && this.#memory ? this.#memory : adapter;
  }

  /** Switches to memory for the rest of this visit, keeping what is already shown. */
  #fallBack(error: unknown, keep: Comment[]): void {
    this.#memory ??= loadMemory().then(({MemoryAdapter}) => builtIn(new MemoryAdapter({comments: keep})));
    this.#set({fallback: true});
    this.#fail(error, 'fallback');
  }

  #fail(error: unknown, action: ErrorAction): void {
    this.#host.dispatchEvent(new ConfabErrorEvent(error, action));
  }

  #set(
    changes: Partial<
      Pick<
        ThreadController,
        | 'status'
        | 'comments'
        | 'next'
        | 'owned'
        | 'editWindowMs'
        | 'mail'
        | 'closed'
        | 'total'
        | 'fresh'
        | 'fallback'
        | 'loadingMore'
      >
    >
  ): void {
    Object.assign(this, changes);
    this.#host.requestUpdate();
  }
}

/** The reader's remembered sort order. */
function readSort(): CommentSort {
  const sort = recall(SORT_KEY);
  return sort === 'newest' || sort === 'top' ? sort : 'oldest';
}

function dedupe(comments: Comment[]): Comment[] {
  return [...new Map(comments.map((c) => [c.id, c])).values()];
}

const seenKey = (postId: string) => `confab:seen:${postId}`;

const isReplyTo = (owned: ReadonlySet<string>, c: Comment) =>
  !!c.parentId && owned.has(c.parentId) && !owned.has(c.id) && !c.deleted;

/**
 * Replies to the reader's comments newer than what this browser saw of the post last time (kept in localStorage, only
 * for posts where the reader has written): "new" since their last visit, known without an account or an address.
 */
function freshReplies(postId: string, comments: Comment[], owned: ReadonlySet<string>): Set<string> {
  const key = seenKey(postId);
  if (!comments.some((c) => owned.has(c.id))) return new Set();
  const seen = recall(key);
  let newest = seen;
  for (const c of comments) if (c.createdAt > newest) newest = c.createdAt;
  remember(key, newest);
  return new Set(seen ? comments.filter((c) => isReplyTo(owned, c) && c.createdAt > seen).map((c) => c.id) : []);
}
