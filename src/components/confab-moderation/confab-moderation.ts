import {LitElement, html, nothing} from 'lit';
import type {Comment} from '../../core/types.js';
import {absoluteTime} from '../../i18n/time.js';
import {sharedStyles} from '../../styles/shared.js';
import {commentBody} from '../confab-comments/comment-body.js';
import {moderationStyles} from './confab-moderation.styles.js';
import {mailView, type MailView} from './mail-view.js';

type Queue = 'pending' | 'spam' | 'reported' | 'recent' | 'mail';
type Action = 'approve' | 'spam' | 'delete' | 'block-name' | 'block-ip';
type Item = Comment & {moderation: string; client: string | null; reports?: number; reportedAt?: string; site?: string};

/** This browser writes in the blog's threads as the site's author (the REST adapter reads it). */
const MODERATOR_KEY = 'confab:moderator';

const SECRET_KEY = 'confab:admin-secret';
const KEYS: Record<string, Action> = {a: 'approve', s: 'spam', d: 'delete'};
const LABELS: Record<Action, string> = {
  approve: 'Approve',
  spam: 'Spam',
  delete: 'Delete',
  'block-name': 'Block name',
  'block-ip': 'Block address',
};

/**
 * The moderation queue of a Confab server: sign in with the admin secret, then approve, reject or delete comments
 * with the mouse or the keyboard (on a focused comment: A approve, S spam, D delete; J/K or the arrows move).
 *
 * @summary Moderation queue for a Confab server.
 * @tag confab-moderation
 * @csspart item - One comment in the queue.
 * @csspart body - A comment's text (sanitized, as readers see it).
 * @csspart mail-item - One mail in the Mail view (failed ones with Retry).
 */
export class ConfabModeration extends LitElement {
  static override properties = {
    endpoint: {},
    secret: {state: true},
    queue: {state: true},
    items: {state: true},
    mail: {state: true},
    error: {state: true},
    announcement: {state: true},
    replying: {state: true},
    onBlog: {state: true},
    sites: {state: true},
    site: {state: true},
  };
  static override styles = [sharedStyles, moderationStyles];

  /** The Confab server's API URL. Default `/api` (the server's own /admin page). */
  endpoint = '/api';

  private secret = sessionStorage.getItem(SECRET_KEY) ?? '';
  private queue: Queue = 'pending';
  private items: Item[] | null = null;
  private mail: MailView | null = null;
  private error = '';
  private announcement = '';
  /** The comment whose "Reply as Author" form is open. */
  private replying: string | null = null;
  private onBlog = !!localStorage.getItem(MODERATOR_KEY);
  /** The sites this moderator may see, on a server of several (else empty), and the one shown ('' for all). */
  private sites: string[] = [];
  private site = '';

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.secret) void this.load();
  }

  /** Loads the current queue. */
  async load(): Promise<void> {
    if (this.queue === 'mail') {
      const res = await this.#call('GET', '/admin/mail');
      if (!res) return;
      this.mail = (await res.json()) as MailView;
      this.items ??= [];
      return;
    }
    // At sign-in, who is signed in (their sites) alongside the queue.
    const [me, res] = await Promise.all([
      this.items ? null : this.#call('GET', '/admin/me'),
      this.#call('GET', `/admin/comments?queue=${this.queue}${this.#siteQuery}`),
    ]);
    if (me) {
      const {sites, serverSites} = (await me.json()) as {sites: string[] | null; serverSites?: string[]};
      this.sites = sites ?? serverSites ?? [];
    }
    if (!res) return;
    this.items = (await res.json()).comments as Item[];
    this.announcement = `${this.items.length} comments in the ${this.queue} queue.`;
  }

  override render() {
    if (!this.items) {
      return html`<form class="signin" @submit=${this.handleSignIn}>
          <label for="secret">Admin secret</label>
          <input id="secret" name="secret" type="password" autocomplete="current-password" required aria-describedby="secret-hint" />
          <p id="secret-hint" class="meta">The secret the server printed when it started (or its --admin-secret), or your own moderator secret.</p>
          ${this.error ? html`<p role="alert">${this.error}</p>` : nothing}
          <button type="submit" class="primary">Sign in</button>
        </form>`;
    }
    return html`
      <div class="bar">
        <div class="queues" role="group" aria-label="Queue">
          ${(['pending', 'spam', 'reported', 'recent', 'mail'] as Queue[]).map(
            (
              q
            ) => html`<button type="button" aria-pressed=${this.queue === q ? 'true' : 'false'} @click=${() => this.handleQueue(q)}>
              ${q[0]!.toUpperCase() + q.slice(1)}
            </button>`
          )}
        </div>
        <div class="tools">
          ${
            this.sites.length > 1
              ? html`<label class="check">Site <select @change=${this.handleSite}>
                  <option value="" ?selected=${!this.site}>All</option>
                  ${this.sites.map((s) => html`<option ?selected=${this.site === s}>${s}</option>`)}
                </select></label>`
              : nothing
          }
          <button type="button" class="link-button" @click=${() => this.download('confab')}>Export (JSON)</button>
          <button type="button" class="link-button" @click=${() => this.download('wxr')}>Export (WXR)</button>
          <button type="button" class="link-button" @click=${this.handleSignOut}>Sign out</button>
        </div>
      </div>
      <details class="blog">
        <summary>Reply as Author on your blog</summary>
        <label class="check"><input type="checkbox" .checked=${this.onBlog} @change=${this.handleOnBlog} />
          In the threads of this site, in this browser</label>
        <form @submit=${this.handleBlogSignIn}>
          <label>On a blog of another address, in this browser: a page of it
            <input name="page" type="url" required placeholder="https://blog.example/a-post/" /></label>
          <button type="submit">Open it signed in</button>
        </form>
      </details>
      ${this.error ? html`<p role="alert">${this.error}</p>` : nothing}
      ${
        this.queue === 'mail'
          ? this.mail
            ? mailView(this.mail, {
                offer: (on) =>
                  void this.#mailAction(
                    'PUT',
                    '/admin/settings',
                    {offerMail: on},
                    on ? 'Readers are offered reply mail.' : 'Readers are not offered reply mail.'
                  ),
                retry: (id) =>
                  void this.#mailAction(
                    'POST',
                    `/admin/mail/${encodeURIComponent(id)}/retry`,
                    undefined,
                    'The mail will be sent again.'
                  ),
                forget: (email) =>
                  void this.#mailAction('POST', '/admin/forget-email', {email}, 'The address is forgotten.'),
              })
            : nothing
          : html`${this.items.length ? nothing : html`<p>Nothing here.</p>`}
            <ol aria-label="Comments in the ${this.queue} queue">
              ${this.items.map((c, i) => this.renderItem(c, i))}
            </ol>
            <p class="meta">Keys on a focused comment: A approve · S spam · D delete · J/K next/previous.</p>`
      }
      <div role="status" aria-live="polite" style="position:absolute;clip-path:inset(50%)">${this.announcement}</div>
    `;
  }

  private renderItem(c: Item, index: number) {
    return html`<li>
      <article part="item" tabindex="0" aria-labelledby="who-${c.id}" data-index=${index} @keydown=${(e: KeyboardEvent) => this.handleKey(e, c, index)}>
        <div class="meta">
          <strong id="who-${c.id}"><bdi>${c.author}</bdi> on ${c.site && this.sites.length > 1 ? html`${c.site}: ` : nothing}<bdi>${c.postId}</bdi></strong>
          <time datetime=${c.createdAt}>${absoluteTime(c.createdAt)}</time>
          <span>${c.moderation}</span>
          ${c.pinned ? html`<span>pinned</span>` : nothing}
          ${
            c.reports
              ? html`<span>${c.reports} report${c.reports === 1 ? '' : 's'}, the last <time datetime=${c.reportedAt!}>${absoluteTime(c.reportedAt!)}</time></span>`
              : nothing
          }
          ${c.client ? html`<span title="A short fingerprint of the address">client ${c.client}</span>` : nothing}
        </div>
        ${commentBody(c.body)}
        <div class="actions">
          ${(['approve', 'spam', 'delete'] as Action[]).map(
            (action) =>
              html`<button type="button" class=${action} @click=${() => this.act(c, action, index)}>${LABELS[action]}</button>`
          )}
          <button type="button" aria-expanded=${this.replying === c.id ? 'true' : 'false'} @click=${() => (this.replying = this.replying === c.id ? null : c.id)}>
            Reply as Author
          </button>
          ${
            c.moderation === 'published' && !c.parentId
              ? html`<button type="button" @click=${() => this.pin(c)}>${c.pinned ? 'Unpin' : 'Pin'}</button>`
              : nothing
          }
          <details class="more">
            <summary>More</summary>
            <div class="actions">
              ${(['block-name', 'block-ip'] as Action[]).map(
                (action) =>
                  html`<button type="button" @click=${() => this.act(c, action, index)}>${LABELS[action]}</button>`
              )}
              <button type="button" class="delete" @click=${() => this.purge(c, 'name')}>Delete all by this name</button>
              ${c.client ? html`<button type="button" class="delete" @click=${() => this.purge(c, 'client')}>Delete all from this address</button>` : nothing}
              <button type="button" @click=${() => this.close(c, true)}>Close this thread</button>
              <button type="button" @click=${() => this.close(c, false)}>Reopen it</button>
            </div>
          </details>
        </div>
        ${
          this.replying === c.id
            ? html`<form class="reply" @submit=${(e: SubmitEvent) => this.reply(e, c)}>
              <label>Your reply to <bdi>${c.author}</bdi> <textarea name="body" required rows="4"></textarea></label>
              <button type="submit">Post as Author</button>
            </form>`
            : nothing
        }
      </article>
    </li>`;
  }

  /** Deletes everything one commenter wrote, by the name or the address of this comment, and reloads the queue. */
  async purge(c: Item, by: 'name' | 'client'): Promise<void> {
    const res = await this.#call('POST', `/admin/comments/${encodeURIComponent(c.id)}/purge`, {by});
    if (!res) return;
    const {removed} = (await res.json()) as {removed: number};
    await this.load();
    this.announcement = `Deleted ${removed} comment${removed === 1 ? '' : 's'} ${by === 'name' ? `by ${c.author}` : 'from that address'}.`;
  }

  /** Pins a top-level comment first on its post (or unpins it). */
  async pin(c: Item): Promise<void> {
    const res = await this.#call('POST', `/admin/comments/${encodeURIComponent(c.id)}`, {
      action: c.pinned ? 'unpin' : 'pin',
    });
    if (!res) return;
    this.items = this.items!.map((item) => (item.id === c.id ? {...item, pinned: !c.pinned} : item));
    this.announcement = c.pinned ? 'Unpinned.' : 'Pinned: it shows first on its post.';
  }

  /** Closes a post's thread to new comments, or opens it again. */
  async close({postId, site}: Item, closed: boolean): Promise<void> {
    if (await this.#call('PUT', '/admin/posts', {postId, closed, site}))
      this.announcement = closed ? `Comments on ${postId} are closed.` : `Comments on ${postId} are open again.`;
  }

  /** Posts the site author's reply to a comment (with the Author badge). */
  async reply(e: SubmitEvent, c: Item): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const body = new FormData(form).get('body') as string;
    if (!(await this.#call('POST', '/admin/comments', {postId: c.postId, parentId: c.id, body, site: c.site}))) return;
    this.replying = null;
    this.announcement = `Your reply to ${c.author || 'Anonymous'} is published.`;
  }

  private handleOnBlog(e: Event) {
    this.onBlog = (e.target as HTMLInputElement).checked;
    if (this.onBlog) localStorage.setItem(MODERATOR_KEY, this.secret);
    else localStorage.removeItem(MODERATOR_KEY);
  }

  /**
   * Opens a page of the blog (another origin: it cannot read this page's storage) with the secret in its address's
   * fragment, which the widget there keeps for this browser and takes out of the address (`#confab-moderator=off`
   * signs it out again).
   */
  private handleBlogSignIn(e: SubmitEvent) {
    e.preventDefault();
    const page = String(new FormData(e.target as HTMLFormElement).get('page')).split('#')[0];
    window.open(`${page}#confab-moderator=${encodeURIComponent(this.secret)}`, '_blank', 'noopener');
  }

  /** Downloads every comment (Confab JSON or WXR). */
  async download(format: 'confab' | 'wxr'): Promise<void> {
    const res = await this.#call('GET', `/admin/export?format=${format}${this.#siteQuery}`);
    if (!res) return;
    const link = document.createElement('a');
    link.href = URL.createObjectURL(await res.blob());
    link.download = format === 'wxr' ? 'confab-export.xml' : 'confab-export.json';
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 0);
  }

  /** Applies an action to a comment, removes it from the queue and moves focus to the next one. */
  async act(c: Item, action: Action, index: number): Promise<void> {
    const res = await this.#call('POST', `/admin/comments/${encodeURIComponent(c.id)}`, {action});
    if (!res) return;
    this.items = this.items!.filter((item) => item.id !== c.id);
    this.announcement = `${LABELS[action]}: comment by ${c.author || 'Anonymous'}.`;
    await this.updateComplete;
    this.#focus(Math.min(index, this.items.length - 1));
  }

  /** A change in the Mail view: done, announced, and the view read again. */
  async #mailAction(method: string, path: string, body: unknown, done: string): Promise<void> {
    if (!(await this.#call(method, path, body))) return;
    await this.load();
    this.announcement = done;
  }

  private handleSignIn(e: SubmitEvent) {
    e.preventDefault();
    this.secret = new FormData(e.target as HTMLFormElement).get('secret') as string;
    void this.load();
  }

  private handleSignOut() {
    sessionStorage.removeItem(SECRET_KEY);
    localStorage.removeItem(MODERATOR_KEY);
    this.onBlog = false;
    this.secret = '';
    this.items = null;
  }

  /** `&site=` for the site shown, when one is chosen. */
  get #siteQuery(): string {
    return this.site ? `&site=${encodeURIComponent(this.site)}` : '';
  }

  private handleSite(e: Event) {
    this.site = (e.target as HTMLSelectElement).value;
    void this.load();
  }

  private handleQueue(queue: Queue) {
    this.queue = queue;
    void this.load();
  }

  private handleKey(e: KeyboardEvent, c: Item, index: number) {
    if (e.target !== e.currentTarget || e.ctrlKey || e.metaKey || e.altKey) return;
    const key = e.key.toLowerCase();
    const action = KEYS[key];
    if (action) {
      e.preventDefault();
      void this.act(c, action, index);
    } else if (key === 'j' || key === 'arrowdown' || key === 'k' || key === 'arrowup') {
      e.preventDefault();
      this.#focus(index + (key === 'j' || key === 'arrowdown' ? 1 : -1));
    }
  }

  #focus(index: number) {
    this.renderRoot.querySelector<HTMLElement>(`article[data-index="${Math.max(0, index)}"]`)?.focus();
  }

  async #call(method: string, path: string, body?: unknown): Promise<Response | null> {
    this.error = '';
    try {
      const res = await fetch(this.endpoint.replace(/\/$/, '') + path, {
        method,
        headers: {authorization: `Bearer ${this.secret}`, ...(body ? {'content-type': 'application/json'} : {})},
        body: body ? JSON.stringify(body) : undefined,
      });
      if (res.ok) {
        sessionStorage.setItem(SECRET_KEY, this.secret);
        return res;
      }
      const data = await res.json().catch(() => null);
      this.error = data?.error?.message ?? `The server answered ${res.status}.`;
      if (res.status === 401) this.handleSignOut();
    } catch {
      this.error = 'The Confab server could not be reached.';
    }
    return null;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'confab-moderation': ConfabModeration;
  }
}
