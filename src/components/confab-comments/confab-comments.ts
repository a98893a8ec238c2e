import {LitElement, html, nothing, type PropertyValues} from 'lit';
import {guard} from 'lit/directives/guard.js';
import type {StorageAdapter} from '../../adapters/adapter.js';
import {isAbort, isStorageUnavailable} from '../../core/errors.js';
import {pageIdFrom} from '../../core/page-id.js';
import {buildThread, byTime, type ThreadNode} from '../../core/thread.js';
import {EDIT_WINDOW_MS, PAGE_SIZE, type Anchor, type Comment, type CommentDraft, type CommentSort} from '../../core/types.js';
import {ANONYMOUS, parseComments} from '../../core/validate.js';
import {recall, remember} from '../../internal/remember.js';
import {
  ConfabCommentAddedEvent,
  ConfabCommentSubmitEvent,
  ConfabErrorEvent,
} from '../../events/events.js';
import type {StringOverrides} from '../../i18n/en.js';
import {Localizer} from '../../i18n/localizer.js';
import {pageTheme, watchPage} from '../../internal/page-watch.js';
import {absoluteTime, relativeTime} from '../../i18n/time.js';
import {renderBody} from '../../sanitize/sanitize.js';
import {sharedStyles} from '../../styles/shared.js';
import {errorMessage, type ConfabComposer} from '../confab-composer/confab-composer.js';
import {avatar} from './avatar.js';
import {commentBody} from './comment-body.js';
import {commentsStyles} from './confab-comments.styles.js';
import {builtInAdapter, isBuiltIn} from './storage.js';
import {loadMemory} from '../../adapters/load.js';
import type {Inline, InlineHost} from './inline/inline.js';
import type {ActionsHost} from './actions.js';

/** Replies are indented up to this depth; deeper replies stay under their parent without further indent. */
const MAX_INDENT_DEPTH = 4;
/** Replies shown under a comment before "Show N more replies". */
const SHOWN_REPLIES = 3;
const COMPOSER_PARTS = 'form, author-input, body-input, submit-button, cancel-button, error';

/**
 * A post's comment thread and the form to join it.
 *
 * @summary Comments for one post: thread, replies and composer, on pluggable storage.
 * @tag confab-comments
 * @fires confab-comment-submit - Before a comment is stored; cancelable. `detail: {postId, draft}`.
 * @fires confab-comment-added - After a comment is stored and shown. `detail: {comment}`.
 * @fires confab-error - Something failed. `detail: {error, action}`, `action` being `load`, `create`, `delete`,
 *   `react`, or `fallback` when browser storage is unusable and comments are kept in memory for this visit.
 * @csspart base - The section around everything.
 * @csspart heading - The "N comments" heading.
 * @csspart show-button - The "Show comments" button of `loading="manual"`.
 * @csspart status - The loading message.
 * @csspart empty - The "Be the first to comment" message.
 * @csspart error - An error message (loading failed, saving failed).
 * @csspart retry-button - The Retry button shown when loading failed.
 * @csspart notice - The notice shown when comments are kept only for this visit.
 * @csspart sort - The sort menu's label.
 * @csspart sort-select - The sort menu.
 * @csspart thread - The list of top-level comments.
 * @csspart comment - One comment (an article); also `own` on the reader's own, `deleted` on a placeholder.
 * @csspart avatar - A comment's generated picture.
 * @csspart author - A comment's author name.
 * @csspart badge - A badge: "Author" on the post author's comments, with `own-badge` "You", `pending-badge` "Awaiting approval".
 * @csspart permalink - The link to a comment (around its time).
 * @csspart time - A comment's time.
 * @csspart edited - The "edited" mark.
 * @csspart deleted - The text of a deleted comment's placeholder.
 * @csspart body - A comment's text.
 * @csspart quote - An inline comment's quote, above its text; also `orphaned` when the passage has changed since.
 * @csspart quote-note - "About a passage that has since changed:", on an orphaned quote.
 * @csspart show-in-post-button - "Show in the post", on an inline comment's quote.
 * @csspart reactions - A comment's reaction buttons.
 * @csspart reaction-button - One reaction; also `reacted` when it is the reader's.
 * @csspart reply-button - A comment's Reply button.
 * @csspart copy-link-button - A comment's Copy link button.
 * @csspart edit-button - Edit, on the reader's own comment.
 * @csspart delete-button - Delete, on the reader's own comment (and the confirming Delete).
 * @csspart delete-confirm - The "Delete this comment?" question.
 * @csspart keep-button - The button that keeps the comment after all.
 * @csspart replies - The list of a comment's replies.
 * @csspart more-replies-button - "Show N more replies".
 * @csspart load-more-button - "Load more comments".
 * @csspart composer - A comment form (the main one, a reply one, and with `editor` the edit one).
 * @csspart form - The form inside a composer.
 * @csspart author-input - The name field.
 * @csspart body-input - The comment field.
 * @csspart submit-button - The submit button.
 * @csspart cancel-button - The Cancel button of a reply form.
 * @cssproperty --confab-font-family - Font of the widget. Default: inherited.
 * @cssproperty --confab-font-size - Font size. Default: inherited.
 * @cssproperty --confab-line-height - Line height. Default: 1.5.
 * @cssproperty --confab-color-text - Text colour. Default: inherited (`theme="light"`: #1d1b20; `dark`: #e6e0e9).
 * @cssproperty --confab-color-background - Background with a fixed `theme`. Default: #fff (light), #1d1b20 (dark); none with `auto`.
 * @cssproperty --confab-color-muted - Secondary text (times, hints). Default: the text colour at 72%.
 * @cssproperty --confab-color-border - Decorative lines (thread lines, preview). Default: the text colour at 30%.
 * @cssproperty --confab-color-control-border - Borders of fields and buttons. Default: the text colour at 60%.
 * @cssproperty --confab-color-accent - Submit button border and focus ring. Default: the text colour.
 * @cssproperty --confab-color-danger - Error messages and invalid fields. Default: #b3261e (light), #ffb4ab (dark).
 * @cssproperty --confab-color-link - Links in comments. Default: inherited.
 * @cssproperty --confab-radius - Corner radius. Default: 0.4em.
 * @cssproperty --confab-focus-ring - Focus outline. Default: 2px solid the accent colour.
 * @cssproperty --confab-indent - Indentation of each reply level. Default: 1.25em.
 * @cssproperty --confab-gap - Space between comments. Default: 1.25em.
 * @cssproperty --confab-heading-size - Size of the heading. Default: 1.25em.
 * @cssproperty --confab-composer-min-height - Minimum height of the comment field. Default: 6em.
 * @cssproperty --confab-input-background - Background of the fields. Default: transparent.
 * @cssproperty --confab-reserved-height - Room kept while comments load, so the page does not jump. Default: 26em.
 * @cssproperty --confab-quote-highlight - Background of quoted passages in the article (set it on the page). Default: a light amber.
 * @cssproperty --confab-quote-border - The line beside an inline comment's quote. Default: amber.
 */
export class ConfabComments extends LitElement {
  /** Reactive properties, declared statically: smaller in the script-tag bundle than decorators. */
  static override properties = {
    // The element's own `lang` (still the HTML attribute) re-renders it in that language.
    lang: {reflect: true},
    postId: {attribute: 'post-id'},
    storage: {},
    endpoint: {},
    adapter: {attribute: false},
    importFrom: {attribute: 'import'},
    status: {state: true},
    comments: {state: true},
    replyTo: {state: true},
    fallback: {state: true},
    announcement: {state: true},
    now: {state: true},
    owned: {state: true},
    editing: {state: true},
    confirmDelete: {state: true},
    highlighted: {state: true},
    sort: {state: true},
    expanded: {state: true},
    loadingMore: {state: true},
    theme: {reflect: true},
    loading: {reflect: true},
    strings: {type: Object},
    revealed: {state: true},
    inline: {},
  };
  static override styles = [sharedStyles, commentsStyles];

  /** The post whose comments are shown. Default: the canonical URL's path, else `location.pathname`. */
  postId = '';
  /**
   * Built-in storage: `indexeddb` (this browser), `memory` (this visit) or `rest` (a Confab server at `endpoint`).
   * Ignored when `adapter` is set.
   */
  storage = 'indexeddb';
  /** The Confab server's API URL, for `storage="rest"`, such as `https://comments.example/api`. */
  endpoint = '';
  /** A storage adapter of your own; takes precedence over `storage`. */
  adapter?: StorageAdapter;
  /**
   * CSS selector of a `<script type="application/json">` holding existing comments to import once (a migration from
   * another system). Comments keep their ids, so reloading never duplicates them.
   */
  importFrom = '';
  /**
   * `auto` (the default) follows the page: a `dark` or `light` class or `data-theme` on `<html>` or `<body>`, else
   * the page's `color-scheme`, else the reader's system setting, switching as they change. `light` and `dark` fix
   * the theme and give the widget its own text and background colours.
   */
  theme: 'auto' | 'light' | 'dark' = 'auto';
  /**
   * When to fetch and show comments: `eager` (the default for the element) at once; `lazy` (the default for the
   * script tag) when the element comes near the viewport; `manual` when the reader presses "Show comments".
   * Until then the element reserves its space and touches no storage.
   */
  loading: 'eager' | 'lazy' | 'manual' = 'eager';
  /**
   * Per-string overrides for this site, over the locale's table: an object, or JSON in the attribute, such as
   * `{"leaveComment": "Join the discussion", "count": {"one": "{n} reply", "other": "{n} replies"}}`.
   */
  strings?: StringOverrides | null;
  /**
   * CSS selector of the article whose paragraphs readers may comment on, such as `article`: each paragraph gets a
   * marker with its comment count and a panel to read and write there, and selecting text offers "Comment". Inline
   * comments are also in the thread, with their quote. Empty (the default): no inline comments.
   */
  inline = '';

  private status: 'loading' | 'ready' | 'error' = 'loading';
  private comments: Comment[] = [];
  private replyTo: string | null = null;
  private fallback = false;
  private announcement = '';
  private now = Date.now();
  private owned = new Set<string>();
  private editing: string | null = null;
  private confirmDelete: string | null = null;
  private highlighted: string | null = null;
  private sort: CommentSort = readSort();
  private expanded = new Set<string>();
  private loadingMore = false;
  private revealed = false;
  #next: string | null = null;
  private editWindowMs = EDIT_WINDOW_MS;

  #controller?: AbortController;
  #unsubscribe?: () => void;
  #active?: StorageAdapter;
  #memory?: Promise<StorageAdapter>;
  #needsLoad = false;
  #loading: Promise<void> = Promise.resolve();
  #clock?: ReturnType<typeof setInterval>;
  #threadCache?: {comments: Comment[]; sort: CommentSort; thread: ThreadNode[]};
  #i18n = new Localizer(this);
  #unwatch?: () => void;
  #near?: IntersectionObserver;
  #pageId = '';
  #actions?: typeof import('./actions.js');
  #inline?: Inline | null;
  #inlineModule?: typeof import('./inline/inline.js');
  #inlineLoading?: Promise<unknown>;
  #inlineFor = '';
  #inlineVersion = 0;
  #pageTheme = 'light';

  override connectedCallback(): void {
    super.connectedCallback();
    this.#needsLoad = true;
    this.#clock = setInterval(() => (this.now = Date.now()), 60_000);
    addEventListener('hashchange', this.#revealHash);
    addEventListener('popstate', this.#followPage);
    (globalThis as {navigation?: EventTarget}).navigation?.addEventListener('currententrychange', this.#followPage);
    // The page's theme is read when it may have changed, not at every render (reading it costs a style recalculation).
    const watch = () => {
      this.#pageTheme = pageTheme();
      this.requestUpdate();
    };
    this.#unwatch = watchPage(watch);
    watch();
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#clock);
    removeEventListener('hashchange', this.#revealHash);
    removeEventListener('popstate', this.#followPage);
    (globalThis as {navigation?: EventTarget}).navigation?.removeEventListener('currententrychange', this.#followPage);
    this.#unwatch?.();
    this.#near?.disconnect();
    this.#stop();
    this.#detachInline();
  }

  protected override updated(): void {
    // Inline commenting loads only for an element with `inline`, or a thread that holds inline comments.
    if (!this.#inlineModule) {
      if (this.status === 'ready' && (this.inline || this.comments.some((c) => c.anchor)) && !this.#inlineLoading) {
        this.#inlineLoading = import('./inline/inline.js').then(
          (module) => {
            this.#inlineModule = module;
            // Comments already drawn now get their quotes.
            this.#inlineVersion++;
            this.#adopt(module.styles);
            this.requestUpdate();
          },
          (error) => console.warn('[confab] inline comments could not be loaded:', error)
        );
      }
      return;
    }
    if (this.inline === this.#inlineFor) return this.#inline?.update();
    this.#detachInline();
    this.#inlineFor = this.inline;
    if (this.inline && this.isConnected) this.#inline = this.#inlineModule.attach(this.#inlineHost);
    // Once more, after this update: quotes in the thread now know where their passages are.
    void this.updateComplete.then(() => this.requestUpdate());
  }

  /** Adds an on-demand part's styles to this element's. */
  #adopt(sheet: CSSStyleSheet): void {
    const root = this.renderRoot as ShadowRoot;
    if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  }

  #detachInline(): void {
    this.#inline?.detach();
    this.#inline = undefined;
    this.#inlineFor = '';
  }

  /** What inline commenting (loaded on demand) uses of this element. */
  #inlineHost: InlineHost = ((el) => ({
    element: el,
    get actions() {
      return el.#host;
    },
    get container() {
      return el.inline;
    },
    get t() {
      return el.#i18n.t;
    },
    get styles() {
      return (el.renderRoot as ShadowRoot).adoptedStyleSheets;
    },
    thread: () => el.#thread(),
    renderNodes: (nodes) => el.#renderNodes(nodes),
    composer: (anchor) => el.#renderComposer('', undefined, anchor),
    changed() {
      el.#inlineVersion++;
      void el.updateComplete.then(() => el.requestUpdate());
    },
  }))(this);

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.#i18n.check();
    this.setAttribute('resolved-theme', this.theme === 'light' || this.theme === 'dark' ? this.theme : this.#pageTheme);
    if (changed.has('loading') && this.loading === 'eager') this.revealed = true;
    if (!this.revealed) {
      if (this.loading === 'lazy') this.#watchNear();
      return;
    }
    if (this.#needsLoad || changed.has('revealed' as keyof ConfabComments) || changed.has('postId') || changed.has('storage') || changed.has('endpoint') || changed.has('adapter')) {
      this.#needsLoad = false;
      this.#start();
    }
  }

  /** For `loading="lazy"`: reveals the element once it (or its inline article) is within a screen of the viewport. */
  #watchNear(): void {
    if (this.#near) return;
    this.#near = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        this.#near?.disconnect();
        this.#near = undefined;
        this.revealed = true;
      },
      {rootMargin: '100% 0px'}
    );
    this.#near.observe(this);
    // With inline comments, the article is where they show: reading it is reason enough to load.
    try {
      const article = this.inline && document.querySelector(this.inline);
      if (article) this.#near.observe(article);
    } catch {
      // Not a selector: inline comments say so when they start.
    }
  }

  /** Without `post-id`, a single-page app's navigation to another post shows that post's thread. */
  #followPage = () => {
    if (!this.postId && this.revealed && this.resolvedPostId !== this.#pageId) this.#start();
  };

  /** The post id in use: `post-id`, or the page's own identity. */
  get resolvedPostId(): string {
    if (this.postId) return this.postId;
    const canonical = document.querySelector<HTMLLinkElement>('link[rel="canonical"]')?.href;
    return pageIdFrom(canonical, location);
  }

  /** Resolves when the current load has settled (shown, or failed) and the element has rendered it. */
  get loadComplete(): Promise<void> {
    return this.updateComplete.then(() => this.#loading).then(() => this.updateComplete).then(() => undefined);
  }

  /** Loads the thread again from storage. */
  reload(): void {
    if (this.revealed) this.#start();
    else this.show();
  }

  /** Shows the comments now, whatever `loading` says (what the "Show comments" button does). */
  show(): void {
    this.revealed = true;
  }

  override render() {
    const t = this.#i18n.t;
    const thread = this.#thread();
    const count = this.comments.length;
    const waiting = !this.revealed || this.status === 'loading';
    return html`
      <section part="base" class=${waiting ? 'waiting' : ''} aria-labelledby="heading" aria-busy=${waiting && this.revealed ? 'true' : 'false'} lang=${t.locale} dir=${t.dir}>
        ${this.#i18n.ready
          ? html`<h2 id="heading" part="heading" tabindex="-1">${this.status === 'ready' && count ? t('count', {n: count}) : t('heading')}</h2>
              ${!this.revealed && this.loading === 'manual'
                ? html`<button part="show-button" type="button" @click=${this.#handleShow}>${t('showComments')}</button>`
                : nothing}
              ${this.revealed ? this.#renderThread(thread, count) : nothing}`
          : nothing}
        <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      </section>
    `;
  }

  #renderThread(thread: ThreadNode[], count: number) {
    const t = this.#i18n.t;
    return html`${this.fallback ? html`<div part="notice" role="status"><p>${t('fallbackNotice')}</p></div>` : nothing}
      ${this.status === 'loading' ? html`<p part="status">${t('loading')}</p>` : nothing}
      ${this.status === 'error'
        ? html`<div part="error" role="alert">
            <p>${t('loadError')}</p>
            <button part="retry-button" type="button" @click=${this.reload}>${t('retry')}</button>
          </div>`
        : nothing}
      ${this.status === 'ready' && !count ? html`<p part="empty">${t('empty')}</p>` : nothing}
      ${count > 1 && this.#actions ? this.#actions.sortSelect(this.#host) : nothing}
      ${count ? html`<ol part="thread">${this.#renderNodes(thread)}</ol>` : nothing}
      ${this.#next && this.status === 'ready' && this.#actions ? this.#actions.loadMore(this.#host) : nothing}
      ${this.status === 'error'
        ? nothing
        : html`<h3>${t('leaveComment')}</h3>
            ${this.#renderComposer('')}`}`;
  }

  #handleShow() {
    this.show();
    // The button goes; focus goes to the heading, where the comments begin.
    this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('h2')?.focus());
  }

  #renderNodes(nodes: ThreadNode[]): unknown {
    return nodes.map((n) => this.#renderNode(n));
  }

  #renderNode(node: ThreadNode) {
    const t = this.#i18n.t;
    const c = node.comment;
    const open = this.replyTo === c.id;
    const actions = this.#actions;
    const own = this.owned.has(c.id) && !c.deleted;
    const name = c.author === ANONYMOUS ? t('namePlaceholder') : c.author;
    // Re-checked at every render (the clock re-renders each minute), so the buttons go when the window closes.
    const canChange = own && Date.now() - Date.parse(c.createdAt) < this.editWindowMs;
    // A long thread re-renders only the comments whose inputs changed.
    const article = guard(
      [c, canChange, open, this.editing === c.id, this.confirmDelete === c.id, this.highlighted === c.id, this.now, this.#active, t, actions, this.#inline, this.#inlineVersion],
      () => html`<article
          part="comment${own ? ' own' : ''}${c.deleted ? ' deleted' : ''}"
          id="comment-${c.id}"
          tabindex="-1"
          aria-labelledby="author-${c.id}"
          class=${this.highlighted === c.id ? 'highlight' : ''}
        >
          ${c.deleted
            ? html`<p part="deleted" id="author-${c.id}">${t('deleted')}</p>`
            : html`<header>
                  ${avatar(c.author)}
                  <bdi part="author" id="author-${c.id}">${name}</bdi>
                  ${c.isPostAuthor ? html`<span part="badge">${t('postAuthor')}</span>` : nothing}
                  ${own ? html`<span part="badge own-badge">${t('you')}</span>` : nothing}
                  ${c.status ? html`<span part="badge pending-badge">${t('pending')}</span>` : nothing}
                  <a part="permalink" href="#comment-${c.id}">
                    <time part="time" datetime=${c.createdAt} title=${absoluteTime(c.createdAt, t.locale)}
                      >${relativeTime(c.createdAt, this.now, t.locale)}</time
                    >
                  </a>
                  ${c.editedAt
                    ? html`<span part="edited" title=${absoluteTime(c.editedAt, t.locale)}>${t('edited')}</span>`
                    : nothing}
                </header>
                ${c.anchor && this.#inlineModule ? this.#inlineModule.quote(this.#inlineHost, c, this.#inline) : nothing}
                ${this.editing === c.id && actions ? actions.editor(this.#host, c) : commentBody(c.body)}
                ${this.#active?.react && actions ? actions.reactions(this.#host, c) : nothing}
                <div class="actions">
                  <button
                    part="reply-button"
                    class="link-button"
                    type="button"
                    aria-expanded=${open ? 'true' : 'false'}
                    aria-label=${t('replyTo', {name})}
                    @click=${() => this.#handleReply(c.id)}
                  >
                    ${t('reply')}
                  </button>
                  ${actions ? actions.copyLink(this.#host, c) : nothing}
                  ${canChange && actions ? actions.ownActions(this.#host, c) : nothing}
                </div>`}
        </article>`
    );
    return html`
      <li>
        ${article}
        ${open ? html`<div class="reply-composer">${this.#renderComposer(c.id)}</div>` : nothing}
        ${node.replies.length
          ? html`<ol part="replies" class="replies ${node.depth < MAX_INDENT_DEPTH ? 'indent' : ''}">
              ${this.#renderNodes(this.expanded.has(c.id) ? node.replies : node.replies.slice(0, SHOWN_REPLIES))}
            </ol>`
          : nothing}
        ${node.replies.length > SHOWN_REPLIES && !this.expanded.has(c.id)
          ? html`<button part="more-replies-button" class="link-button more" type="button" @click=${() => this.#expand([c.id])}>
              ${t('moreReplies', {n: node.replies.length - SHOWN_REPLIES})}
            </button>`
          : nothing}
      </li>
    `;
  }

  /**
   * A composer: the main one, a reply's (`parentId`), the editor of the reader's own comment (`edit`), or an inline
   * one whose comment is anchored to a passage (`anchor`).
   */
  #renderComposer(parentId: string, edit?: {c: Comment; close: () => void}, anchor?: Anchor) {
    return html`<confab-composer
      part=${edit ? 'composer editor' : 'composer'}
      exportparts=${COMPOSER_PARTS}
      lang=${this.#i18n.t.locale}
      resolved-theme=${this.getAttribute('resolved-theme')}
      .strings=${this.strings}
      parent-id=${parentId}
      ?editing=${!!edit}
      .value=${edit?.c.body ?? ''}
      .anchor=${anchor}
      draft-key=${edit ? '' : `confab:draft:${this.resolvedPostId}:${parentId}${anchor ? `@${anchor.position}` : ''}`}
      .save=${(draft: CommentDraft) => (edit ? this.#update(edit, draft.body) : this.#handleSave(draft))}
      @confab-composer-cancel=${edit ? edit.close : this.#handleCancel}
    ></confab-composer>`;
  }


  /** Saves an edit; throws (keeping the text in the editor) when the adapter refuses. */
  async #update(edit: {c: Comment; close: () => void}, body: string): Promise<boolean> {
    if (renderBody(body) === null) throw Object.assign(new Error('[confab] Sanitizing failed.'), {code: 'cannot-render'});
    this.#replace(await this.#active!.update!(this.resolvedPostId, edit.c.id, {body}));
    edit.close();
    this.announcement = this.#i18n.t('saved');
    return true;
  }


  #thread(): ThreadNode[] {
    if (this.#threadCache?.comments !== this.comments || this.#threadCache.sort !== this.sort) {
      this.#threadCache = {comments: this.comments, sort: this.sort, thread: buildThread(this.comments, this.sort)};
    }
    return this.#threadCache.thread;
  }

  async #resolveAdapter(): Promise<StorageAdapter> {
    if (this.adapter) return this.adapter;
    const builtIn = await builtInAdapter(this.storage, this.endpoint);
    return isBuiltIn(builtIn) && this.#memory ? this.#memory : builtIn;
  }

  #stop(): void {
    this.#controller?.abort();
    this.#controller = undefined;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  #start(): void {
    this.#stop();
    const controller = (this.#controller = new AbortController());
    this.status = 'loading';
    this.comments = [];
    this.replyTo = null;
    this.expanded = new Set();
    this.#next = null;
    this.#pageId = this.resolvedPostId;
    this.#loading = this.#load(this.#resolveAdapter(), this.resolvedPostId, controller.signal);
  }

  async #load(pending: StorageAdapter | Promise<StorageAdapter>, postId: string, signal: AbortSignal): Promise<void> {
    let adapter: StorageAdapter | undefined;
    try {
      adapter = await pending;
      if (signal.aborted) return;
      this.#active = adapter;
      // Sorting, reactions, links, edit and delete come in beside the first page; without them the thread still shows.
      const actions = this.#actions ?? import('./actions.js').catch((error) => console.warn('[confab] comment actions could not be loaded:', error));
      await this.#importExisting(adapter, postId, signal);
      const page = await adapter.list(postId, {signal, limit: PAGE_SIZE, sort: this.sort});
      const owned = await adapter.owned?.().catch(() => []);
      this.#actions = (await actions) || undefined;
      if (this.#actions) this.#adopt(this.#actions.styles);
      if (signal.aborted) return;
      this.comments = dedupe(parseComments(page.comments).filter((c) => c.postId === postId));
      this.#next = page.next;
      this.owned = new Set(owned);
      this.editWindowMs = page.editWindowMs ?? EDIT_WINDOW_MS;
      this.status = 'ready';
      void this.#revealHash();
      // Live updates take over after the newest comment of the post (or of this page, for adapters that don't say).
      let since = page.latest;
      if (since === undefined) {
        let newest: Comment | undefined;
        for (const c of this.comments) if (!newest || byTime(newest, c) < 0) newest = c;
        since = newest?.id ?? null;
      }
      this.#unsubscribe = adapter.subscribe?.(postId, (comment) => this.#receive(comment, postId), {since});
    } catch (error) {
      if (signal.aborted || isAbort(error)) return;
      if (adapter && isStorageUnavailable(error) && isBuiltIn(adapter)) {
        this.#fallBack(error, []);
        return this.#load(this.#memory!, postId, signal);
      }
      this.status = 'error';
      this.dispatchEvent(new ConfabErrorEvent(error, 'load'));
    }
  }

  async #importExisting(adapter: StorageAdapter, postId: string, signal: AbortSignal): Promise<void> {
    if (!this.importFrom || !adapter.import) return;
    const source = document.querySelector(this.importFrom);
    try {
      const comments = parseComments(JSON.parse(source?.textContent ?? '[]'));
      await adapter.import(postId, comments, {signal});
    } catch (error) {
      if (isAbort(error) || isStorageUnavailable(error)) throw error;
      console.warn('[confab] import failed:', error);
    }
  }

  /** Switches to memory for the rest of this visit, keeping what is already shown. */
  #fallBack(error: unknown, keep: Comment[]): void {
    this.#memory ??= loadMemory().then(({MemoryAdapter}) => new MemoryAdapter({comments: keep}));
    this.fallback = true;
    this.dispatchEvent(new ConfabErrorEvent(error, 'fallback'));
  }

  #receive(comment: Comment, postId: string): void {
    if (comment.postId !== postId || this.comments.some((c) => c.id === comment.id)) return;
    this.comments = [...this.comments, comment];
    this.announcement = this.#i18n.t('newComment', {name: comment.author});
  }

  #handleReply(id: string) {
    this.replyTo = this.replyTo === id ? null : id;
    const root = this.#focusRoot();
    if (this.replyTo) this.updateComplete.then(() => root.querySelector<ConfabComposer>('.reply-composer confab-composer')?.focus());
  }

  /** Where the reader is acting: an inline panel when focus is in one, else this element. */
  #focusRoot(): ParentNode {
    const panel = this.#inline?.panel;
    return panel?.contains(document.activeElement) ? panel.shadowRoot! : this.renderRoot;
  }

  #handleCancel(e: Event) {
    const composer = e.target as ConfabComposer;
    if (!composer.parentId) return;
    this.#closeReply(composer.parentId);
  }

  #closeReply(id: string) {
    this.replyTo = null;
    const root = this.#focusRoot();
    this.updateComplete.then(() => root.querySelector<HTMLButtonElement>(`#comment-${id} [part~="reply-button"]`)?.focus());
  }

  #expand(ids: string[]) {
    this.expanded = new Set([...this.expanded, ...ids]);
  }



  /** What the on-demand reader actions (reactions, edit, delete) use of this element. */
  #host: ActionsHost = ((el) => ({
    get t() {
      return el.#i18n.t;
    },
    get adapter() {
      return el.#active!;
    },
    get postId() {
      return el.resolvedPostId;
    },
    get editing() {
      return el.editing;
    },
    set editing(id) {
      el.editing = id;
    },
    get confirmDelete() {
      return el.confirmDelete;
    },
    set confirmDelete(id) {
      el.confirmDelete = id;
    },
    get sort() {
      return el.sort;
    },
    set sort(sort) {
      el.sort = sort;
      // Pages come from the adapter in the chosen order: start again from the first one.
      el.#start();
      remember(SORT_KEY, sort);
    },
    get comments() {
      return el.comments;
    },
    add(records) {
      const known = new Set(el.comments.map((c) => c.id));
      const added = parseComments(records).filter((c) => c.postId === el.resolvedPostId && !known.has(c.id));
      el.comments = [...el.comments, ...added];
      return added.length;
    },
    expand: (ids) => el.#expand(ids),
    get highlighted() {
      return el.highlighted;
    },
    set highlighted(id) {
      el.highlighted = id;
    },
    get next() {
      return el.#next;
    },
    set next(cursor) {
      el.#next = cursor;
    },
    get signal() {
      return el.#controller?.signal;
    },
    get loadingMore() {
      return el.loadingMore;
    },
    set loadingMore(on) {
      el.loadingMore = on;
    },
    get root() {
      return el.updateComplete.then(() => el.renderRoot);
    },
    announce: (message) => (el.announcement = message),
    failed(error, action) {
      el.announcement = errorMessage(error, el.#i18n.t.strings);
      el.dispatchEvent(new ConfabErrorEvent(error, action));
    },
    replace: (comment) => el.#replace(comment),
    removed(id) {
      const comment = el.comments.find((c) => c.id === id);
      if (comment && el.comments.some((c) => c.parentId === id)) el.#replace({...comment, author: '', body: '', deleted: true});
      else el.comments = el.comments.filter((c) => c.id !== id);
    },
    focus(id, part) {
      const root = el.#focusRoot();
      el.updateComplete.then(() => root.querySelector<HTMLElement>(`#comment-${id} [part~="${part}"]`)?.focus());
    },
    editor: (c, close) => el.#renderComposer('', {c, close}),
  }))(this);



  #replace(comment: Comment): void {
    this.comments = this.comments.map((c) => (c.id === comment.id ? comment : c));
  }

  /** Scrolls to the comment named in the page's address (`#comment-<id>`); see `reveal` in actions.ts. */
  #revealHash = () => this.#actions?.reveal(this.#host);

  /** Stores a draft from a composer. Resolves true when stored; throws (keeping the draft) when not. */
  async #handleSave(draft: CommentDraft): Promise<boolean> {
    // The body passes the sanitizer before it is stored; if sanitizing is impossible here, nothing is stored.
    if (renderBody(draft.body) === null) throw Object.assign(new Error('[confab] Sanitizing failed.'), {code: 'cannot-render'});
    const postId = this.resolvedPostId;
    if (!this.dispatchEvent(new ConfabCommentSubmitEvent(postId, draft))) return false;
    let adapter: StorageAdapter | undefined;
    let comment: Comment;
    try {
      adapter = this.#active ?? (await this.#resolveAdapter());
      comment = await adapter.create(postId, draft);
    } catch (error) {
      if (adapter && isStorageUnavailable(error) && isBuiltIn(adapter)) {
        this.#fallBack(error, this.comments);
        this.#active = await this.#memory;
      }
      this.dispatchEvent(new ConfabErrorEvent(error, 'create'));
      throw error;
    }
    if (!this.comments.some((c) => c.id === comment.id)) this.comments = [...this.comments, comment];
    this.owned = new Set(this.owned).add(comment.id);
    this.status = 'ready';
    this.announcement = this.#i18n.t('posted');
    if (draft.parentId) this.#closeReply(draft.parentId);
    this.dispatchEvent(new ConfabCommentAddedEvent(comment));
    return true;
  }
}

const SORT_KEY = 'confab:sort';

/** The reader's remembered sort order. */
function readSort(): CommentSort {
  const sort = recall(SORT_KEY);
  return sort === 'newest' || sort === 'top' ? sort : 'oldest';
}


function dedupe(comments: Comment[]): Comment[] {
  return [...new Map(comments.map((c) => [c.id, c])).values()];
}

declare global {
  interface HTMLElementTagNameMap {
    'confab-comments': ConfabComments;
  }
}
