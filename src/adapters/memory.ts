import {ConfabError} from '../core/errors.js';
import {newId} from '../core/id.js';
import {checkDraft, parseComment} from '../core/validate.js';
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
import {paginate, threadOf} from './paginate.js';
import {memoryTokens, randomToken, type TokenStore} from './tokens.js';

export interface MemoryAdapterOptions {
  /** Comments to start with, such as a fallback's already-loaded thread. Malformed ones are skipped. */
  comments?: readonly Comment[];
  /** How long a comment's author may edit or delete it. Default 15 minutes. */
  editWindowMs?: number;
  /** Where edit tokens are kept. Default: in memory. */
  tokens?: TokenStore;
}

/**
 * Keeps comments in memory for as long as the page is open. Used for demos, tests, and as the fallback when
 * IndexedDB cannot be used.
 */
export class MemoryAdapter implements StorageAdapter {
  readonly name = 'memory';
  readonly #posts = new Map<string, Map<string, Comment>>();
  readonly #listeners = new Map<string, Set<(comment: Comment) => void>>();
  readonly #tokens: TokenStore;
  readonly #editWindowMs: number;

  constructor(options: MemoryAdapterOptions = {}) {
    this.#tokens = options.tokens ?? memoryTokens();
    this.#editWindowMs = options.editWindowMs ?? EDIT_WINDOW_MS;
    for (const c of options.comments ?? []) {
      const comment = parseComment(c);
      if (comment) this.#post(comment.postId).set(comment.id, comment);
    }
  }

  async list(postId: string, options: ListOptions = {}): Promise<CommentPage> {
    throwIfAborted(options.signal);
    return {
      ...paginate([...this.#post(postId).values()].map(copy), options, this.name),
      editWindowMs: this.#editWindowMs,
    };
  }

  async create(postId: string, draft: CommentDraft, options: RequestOptions = {}): Promise<Comment> {
    throwIfAborted(options.signal);
    const checked = checkDraft(draft);
    if (!checked.ok) throw new ConfabError('invalid', 'The comment is not valid.', {adapter: this.name});
    if (draft.anchor && !checked.draft.anchor)
      throw new ConfabError('invalid', 'The anchor is not valid.', {adapter: this.name});
    const comment: Comment = {id: newId(), postId, createdAt: new Date().toISOString(), ...checked.draft};
    this.#post(postId).set(comment.id, comment);
    await this.#tokens.set(comment.id, randomToken());
    for (const listener of this.#listeners.get(postId) ?? []) listener(copy(comment));
    return copy(comment);
  }

  async import(postId: string, comments: readonly Comment[]): Promise<number> {
    const post = this.#post(postId);
    let added = 0;
    for (const c of comments) {
      const comment = parseComment({...c, postId});
      if (comment && !post.has(comment.id)) {
        post.set(comment.id, comment);
        added++;
      }
    }
    return added;
  }

  async update(postId: string, id: string, patch: {body: string}): Promise<Comment> {
    const post = this.#post(postId);
    const comment = await assertOwner(this.#tokens, post.get(id), this.#editWindowMs, this.name);
    const updated = {...comment, body: editedBody(patch.body, this.name), editedAt: new Date().toISOString()};
    post.set(id, updated);
    return copy(updated);
  }

  async remove(postId: string, id: string): Promise<void> {
    const post = this.#post(postId);
    // A reader's comment is theirs to delete at any time.
    const comment = await assertOwner(this.#tokens, post.get(id), Infinity, this.name);
    if ([...post.values()].some((c) => c.parentId === id)) post.set(id, placeholder(comment));
    else post.delete(id);
    await this.#tokens.delete(id);
  }

  async thread(postId: string, id: string): Promise<Comment[]> {
    return threadOf([...this.#post(postId).values()], id).map(copy);
  }

  async react(postId: string, id: string, reaction: Reaction, on: boolean): Promise<Comment> {
    const post = this.#post(postId);
    const comment = post.get(id);
    if (!comment) throw new ConfabError('not-found', 'That comment does not exist.', {adapter: this.name});
    const updated = withReaction(comment, reaction, on, this.name);
    post.set(id, updated);
    return copy(updated);
  }

  async count(postIds: readonly string[]): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const id of postIds) out[id] = [...this.#post(id).values()].filter((c) => !c.deleted).length;
    return out;
  }

  owned(): Promise<string[]> {
    return this.#tokens.ids();
  }

  async mine(): Promise<Comment[]> {
    const owned = new Set(await this.#tokens.ids());
    return [...this.#posts.values()]
      .flatMap((post) => [...post.values()].filter((c) => owned.has(c.id) && !c.deleted))
      .map(copy);
  }

  subscribe(postId: string, listener: (comment: Comment) => void): () => void {
    let set = this.#listeners.get(postId);
    if (!set) this.#listeners.set(postId, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  #post(postId: string): Map<string, Comment> {
    let post = this.#posts.get(postId);
    if (!post) this.#posts.set(postId, (post = new Map()));
    return post;
  }
}

const copy = (c: Comment): Comment => ({...c});
