import {API_ERROR_CODES, ConfabError, type ConfabErrorCode} from '../core/errors.js';
import type {Comment, CommentDraft, CommentPage, ListOptions, Reaction, RequestOptions} from '../core/types.js';
import {parseComment, parseComments} from '../core/validate.js';
import type {StorageAdapter, SubscribeOptions} from './adapter.js';
import {indexedDbTokens, randomToken, type TokenStore} from './tokens.js';

export type {TokenStore} from './tokens.js';

const ADAPTER = 'rest';

export interface RestAdapterOptions {
  /** The Confab server's API, such as `https://comments.example/api` (relative URLs resolve against the page). */
  endpoint: string;
  /** Where edit tokens are kept. Default: IndexedDB database `confab-tokens` (memory when IndexedDB is unusable). */
  tokens?: TokenStore;
  /**
   * This reader's anonymous id for reactions: a random secret the server only ever stores hashed. Default: one
   * kept in localStorage (`confab:reader`), made on the reader's first write (until then they read as anyone does).
   */
  reader?: string;
  /** The site these pages are on, for a server of several (its `--site` id). Default: the server's first site. */
  site?: string;
}

function readerToken(make: boolean): string | undefined {
  try {
    let token = localStorage.getItem('confab:reader') ?? undefined;
    if (!token && make) localStorage.setItem('confab:reader', (token = randomToken()));
    return token;
  } catch {
    return make ? randomToken() : undefined;
  }
}

/** Where this browser keeps the moderator's secret it writes with. */
const MODERATOR = 'confab:moderator';

/**
 * The moderator's secret this browser writes with, or null. A link from /admin hands it over in the address's
 * fragment (`#confab-moderator=<secret>`, never sent to a server; `=off` signs out), then taken out of the address.
 */
function moderatorSecret(): string | null {
  try {
    const found = /[#&]confab-moderator=([^&]+)/.exec(location.hash)?.[1];
    if (found) {
      const handed = decodeURIComponent(found);
      if (handed === 'off') localStorage.removeItem(MODERATOR);
      else localStorage.setItem(MODERATOR, handed);
      history.replaceState(history.state, '', location.href.split('#')[0]);
    }
    return localStorage.getItem(MODERATOR);
  } catch {
    return null;
  }
}

/**
 * Talks to a Confab server: one thread shared by every reader, live updates through Server-Sent Events, and edit
 * tokens kept in this browser. API errors become `ConfabError`s with a code the widget turns into a message.
 */
export class RestAdapter implements StorageAdapter {
  readonly name = ADAPTER;
  readonly #base: string;
  readonly #site: string;
  readonly #tokens: TokenStore;
  #reader?: string;

  constructor(options: RestAdapterOptions) {
    const base = typeof location === 'undefined' ? options.endpoint : new URL(options.endpoint, location.href).href;
    this.#base = base.replace(/\/+$/, '');
    this.#tokens = options.tokens ?? indexedDbTokens();
    this.#reader = options.reader;
    this.#site = options.site ? `site=${encodeURIComponent(options.site)}` : '';
  }

  /** The address of an API path, naming the site when there is one. */
  #at(path: string): string {
    return this.#base + path + (this.#site && (path.includes('?') ? '&' : '?') + this.#site);
  }

  async list(postId: string, options: ListOptions = {}): Promise<CommentPage> {
    const query = new URLSearchParams({post: postId});
    if (options.cursor) query.set('cursor', options.cursor);
    if (options.limit) query.set('limit', String(options.limit));
    if (options.sort) query.set('sort', options.sort);
    // The server then leaves out the cursor and the limit.
    if (options.anchored) query.set('anchored', '1');
    const data = await this.#request<{
      comments?: unknown;
      next?: unknown;
      editWindowMs?: unknown;
      latest?: unknown;
      mail?: unknown;
      closed?: unknown;
      total?: unknown;
    }>(`/comments?${query}`, {
      signal: options.signal,
    });
    const page: CommentPage = {
      comments: parseComments(data.comments),
      next: typeof data.next === 'string' ? data.next : null,
    };
    if (typeof data.editWindowMs === 'number') page.editWindowMs = data.editWindowMs;
    if (typeof data.latest === 'string' || data.latest === null) page.latest = data.latest;
    if (data.mail === true) page.mail = true;
    if (data.closed === true) page.closed = true;
    if (typeof data.total === 'number') page.total = data.total;
    return page;
  }

  personal(): boolean {
    return !!(this.#reader ??= readerToken(false));
  }

  /**
   * A moderator signed in with "Reply as Author" on the server's /admin in this browser (its secret in localStorage
   * `confab:moderator`): comments from here are the site author's, with the badge (the server checks the secret).
   */
  get moderator(): boolean {
    return !!moderatorSecret();
  }

  async report(_postId: string, id: string): Promise<void> {
    await this.#request(`/comments/${encodeURIComponent(id)}/report`, {method: 'PUT'});
  }

  async create(postId: string, draft: CommentDraft, options: RequestOptions = {}): Promise<Comment> {
    const secret = moderatorSecret();
    if (secret) {
      const {comment} = await this.#request<{comment?: unknown}>('/admin/comments', {
        method: 'POST',
        body: {postId, parentId: draft.parentId, body: draft.body, anchor: draft.anchor},
        token: secret,
        signal: options.signal,
      });
      const authored = parseComment(comment);
      if (!authored)
        throw new ConfabError('unknown', 'The server answered with a malformed comment.', {adapter: ADAPTER});
      return authored;
    }
    const data = await this.#request<{comment?: unknown; token?: unknown}>('/comments', {
      method: 'POST',
      body: {
        postId,
        parentId: draft.parentId,
        author: draft.author,
        body: draft.body,
        anchor: draft.anchor,
        website: draft.website,
        elapsedMs: draft.elapsedMs,
        email: draft.notify?.email,
        notify: draft.notify ? (draft.notify.thread ? 'thread' : 'replies') : undefined,
        // Where the comment was written: the server links mails and feeds to it.
        page: typeof location === 'undefined' ? undefined : location.href.split('#')[0],
      },
      idempotencyKey: draft.idempotencyKey,
      signal: options.signal,
    });
    const comment = parseComment(data.comment);
    if (!comment) throw new ConfabError('unknown', 'The server answered with a malformed comment.', {adapter: ADAPTER});
    // The comment shows at once; the token is held already (memory, localStorage) and reaches IndexedDB after.
    if (typeof data.token === 'string') void this.#tokens.set(comment.id, data.token).catch(() => {});
    return comment;
  }

  async update(postId: string, id: string, patch: {body: string}, options: RequestOptions = {}): Promise<Comment> {
    const data = await this.#request<{comment?: unknown}>(`/comments/${encodeURIComponent(id)}`, {
      method: 'PATCH',
      body: {body: patch.body},
      token: await this.#token(id),
      signal: options.signal,
    });
    const comment = parseComment(data.comment);
    if (!comment || comment.postId !== postId) {
      throw new ConfabError('unknown', 'The server answered with a malformed comment.', {adapter: ADAPTER});
    }
    return comment;
  }

  async remove(_postId: string, id: string, options: RequestOptions = {}): Promise<void> {
    await this.#request(`/comments/${encodeURIComponent(id)}`, {
      method: 'DELETE',
      token: await this.#token(id),
      signal: options.signal,
    });
    await this.#tokens.delete(id);
  }

  async thread(postId: string, id: string, options: RequestOptions = {}): Promise<Comment[]> {
    try {
      const data = await this.#request<{comments?: unknown}>(`/comments/${encodeURIComponent(id)}/thread`, {
        signal: options.signal,
      });
      return parseComments(data.comments).filter((c) => c.postId === postId);
    } catch (error) {
      if ((error as ConfabError).code === 'not-found') return [];
      throw error;
    }
  }

  async react(
    postId: string,
    id: string,
    reaction: Reaction,
    on: boolean,
    options: RequestOptions = {}
  ): Promise<Comment> {
    const data = await this.#request<{comment?: unknown}>(`/comments/${encodeURIComponent(id)}/reactions/${reaction}`, {
      method: on ? 'PUT' : 'DELETE',
      signal: options.signal,
    });
    const comment = parseComment(data.comment);
    if (!comment || comment.postId !== postId) {
      throw new ConfabError('unknown', 'The server answered with a malformed comment.', {adapter: ADAPTER});
    }
    return comment;
  }

  /** Every comment this browser wrote (on any post), held ones included, from the tokens it keeps. */
  async mine(options: RequestOptions = {}): Promise<Comment[]> {
    const ids = await this.#tokens.ids();
    const out: Comment[] = [];
    for (let i = 0; i < ids.length; i += 1000) {
      const tokens: Record<string, string> = {};
      for (const id of ids.slice(i, i + 1000)) {
        const token = await this.#tokens.get(id);
        if (token) tokens[id] = token;
      }
      const data = await this.#request<{comments?: unknown}>('/comments/mine', {
        method: 'POST',
        body: {tokens},
        signal: options.signal,
      });
      out.push(...parseComments(data.comments));
    }
    return out;
  }

  /** The Atom feed of a post's comments. */
  feed(postId: string): string {
    return this.#at(`/feeds/comments.atom?post=${encodeURIComponent(postId)}`);
  }

  /** The address of this reader's private feed of replies to their comments (keep it secret). */
  async replyFeed(options: RequestOptions = {}): Promise<string> {
    const data = await this.#request<{url?: unknown}>('/me/feed', {signal: options.signal});
    if (typeof data.url !== 'string')
      throw new ConfabError('unknown', 'The server answered without a feed.', {adapter: ADAPTER});
    return data.url;
  }

  /** Stops reply mail to every address given in this browser, which the server forgets. */
  async forgetMail(options: RequestOptions = {}): Promise<void> {
    await this.#request('/mail/forget', {method: 'POST', signal: options.signal});
  }

  /** The ids of the comments this browser may edit or delete (it holds their tokens). */
  owned(): Promise<string[]> {
    return this.#tokens.ids();
  }

  /** Comment counts for many posts in one request. */
  async count(postIds: readonly string[], options: RequestOptions = {}): Promise<Record<string, number>> {
    const query = new URLSearchParams();
    for (const id of postIds) query.append('post', id);
    const data = await this.#request<{counts?: Record<string, unknown>}>(`/counts?${query}`, {signal: options.signal});
    const out: Record<string, number> = {};
    for (const id of postIds) {
      const n = data.counts?.[id];
      out[id] = typeof n === 'number' && n >= 0 ? n : 0;
    }
    return out;
  }

  /**
   * Live changes through Server-Sent Events. The server first replays what changed after `since`, so nothing posted
   * while the page loaded is missed; the browser reconnects on its own and the server replays what was missed since
   * the last change received, each once. A reader away for too long is told to read the list again (`reset`).
   */
  subscribe(postId: string, listener: (comment: Comment) => void, options: SubscribeOptions = {}): () => void {
    if (typeof EventSource === 'undefined') return () => {};
    const query = new URLSearchParams({post: postId});
    if (options.since) query.set('after', options.since);
    else if (options.since === null) query.set('after', '');
    const source = new EventSource(this.#at(`/stream?${query}`));
    const data = (event: Event): unknown => {
      try {
        return JSON.parse((event as MessageEvent<string>).data);
      } catch {
        return null; // A malformed event is ignored, like a malformed record.
      }
    };
    source.addEventListener('comment', (event) => {
      const comment = parseComment(data(event));
      if (comment && comment.postId === postId) listener(comment);
    });
    source.addEventListener('remove', (event) => {
      const id = (data(event) as {id?: unknown} | null)?.id;
      if (typeof id === 'string') options.removed?.(id);
    });
    source.addEventListener('reset', () => options.reset?.());
    return () => source.close();
  }

  async #token(id: string): Promise<string> {
    const token = await this.#tokens.get(id);
    if (!token)
      throw new ConfabError('forbidden', 'This browser does not hold the edit token of that comment.', {
        adapter: ADAPTER,
      });
    return token;
  }

  async #request<T>(
    path: string,
    init: {method?: string; body?: unknown; token?: string; idempotencyKey?: string; signal?: AbortSignal} = {}
  ): Promise<T> {
    const headers: Record<string, string> = {accept: 'application/json'};
    const reader = (this.#reader ??= readerToken(!!init.method));
    if (reader) headers['x-confab-reader'] = reader;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.idempotencyKey) headers['idempotency-key'] = init.idempotencyKey;
    let response: Response;
    try {
      response = await fetch(this.#at(path), {
        method: init.method ?? 'GET',
        headers,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        signal: init.signal,
        credentials: 'omit',
      });
    } catch (cause) {
      if ((cause as {name?: string}).name === 'AbortError') {
        throw new ConfabError('aborted', 'The request was cancelled.', {adapter: ADAPTER, cause});
      }
      throw new ConfabError('network', 'The comment server could not be reached.', {adapter: ADAPTER, cause});
    }
    if (response.status === 204) return {} as T;
    let data: unknown = null;
    try {
      data = await response.json();
    } catch {
      // A non-JSON answer (a proxy's error page) is reported by status below.
    }
    if (response.ok && data && typeof data === 'object') return data as T;
    const error = (data as {error?: {code?: unknown; message?: unknown}} | null)?.error;
    const message = typeof error?.message === 'string' ? error.message : `The server answered ${response.status}.`;
    const failure = new ConfabError(codeFor(response.status, error?.code), message, {adapter: ADAPTER});
    failure.status = response.status;
    failure.retryAfter = Number(response.headers.get('retry-after')) || undefined;
    throw failure;
  }
}

/** The server's own code when it is one of the API's; else one from the status (a proxy's answer has no code). */
function codeFor(status: number, code: unknown): ConfabErrorCode {
  if ((API_ERROR_CODES as readonly unknown[]).includes(code)) return code as ConfabErrorCode;
  if (status === 429) return 'rate-limited';
  if (status === 401 || status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 502 || status === 503 || status === 504) return 'unavailable';
  if (status >= 400 && status < 500) return 'invalid';
  return 'network';
}
