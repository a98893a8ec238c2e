import {LitElement, html, nothing, type PropertyValues} from 'lit';
import type {StorageAdapter} from '../../adapters/adapter.js';
import {pageIdFrom} from '../../core/page-id.js';
import type {Anchor, Comment, CommentDraft} from '../../core/types.js';
import {ConfabCommentAddedEvent, ConfabCommentSubmitEvent} from '../../events/events.js';
import type {StringOverrides} from '../../i18n/en.js';
import {Localizer} from '../../i18n/localizer.js';
import {renderable} from '../../sanitize/sanitize.js';
import {sharedStyles} from '../../styles/shared.js';
import type {ConfabComposer} from '../confab-composer/confab-composer.js';
import {loadComposer} from '../confab-composer/load.js';
import type {CommentView} from './comment.js';
import {commentsStyles} from './confab-comments.styles.js';
import {NearController} from './near-controller.js';
import {PageController, pageData} from './page-controller.js';
import {PartsController} from './parts-controller.js';
import {ProgressController} from './progress-controller.js';
import {builtInAdapter} from './storage.js';
import {ThreadController} from './thread-controller.js';
import {renderThread} from './thread-view.js';

const COMPOSER_PARTS =
  'form, author-input, body-input, submit-button, cancel-button, error, notify, email-input, notify-notice';

/**
 * A post's comment thread and the form to join it.
 *
 * @summary Comments for one post: thread, replies and composer, on pluggable storage.
 * @tag confab-comments
 * @fires confab-comment-submit - Before a comment is stored; cancelable. `detail: {postId, draft}`.
 * @fires confab-comment-added - After a comment is stored and shown. `detail: {comment}`.
 * @fires confab-error - Something failed. `detail: {error, action}`: `error` a `ConfabError` (with its `code`) from
 *   the built-in adapters, an `Error` otherwise; `action` being `load`, `create`, `delete`,
 *   `react`, `report`, or `fallback` when browser storage is unusable and comments are kept in memory for this visit.
 * @csspart base - The section around everything.
 * @csspart heading - The "N comments" heading.
 * @csspart new-count - "N new replies to you" in the heading: replies to the reader's comments since their last visit.
 * @csspart show-button - The "Show comments" button of `loading="manual"`.
 * @csspart status - The loading message.
 * @csspart empty - The "Be the first to comment" message.
 * @csspart error - An error message (loading failed, saving failed, the comment form could not be loaded).
 * @csspart retry-button - The Retry button shown when loading failed.
 * @csspart notice - The notice shown when comments are kept only for this visit.
 * @csspart sort - The sort menu's label.
 * @csspart sort-select - The sort menu.
 * @csspart thread - The list of top-level comments.
 * @csspart comment - One comment (an article); also `own` on the reader's own, `deleted` on a placeholder.
 * @csspart avatar - A comment's generated picture.
 * @csspart author - A comment's author name.
 * @csspart closed - "Comments are closed", in place of the form on a closed thread.
 * @csspart badge - A badge: "Author" on the post author's comments, `pinned-badge` "Pinned" on a pinned one, with `own-badge` "You", `pending-badge` "Awaiting approval", `new-badge` "New" (a reply to the reader since their last visit).
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
 * @csspart report-button - A comment's Report button (storage that takes reports: a Confab server).
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
 * @csspart notify - "Email me replies" in a form, when the storage mails replies (a Confab server with `--smtp`).
 * @csspart email-input - Its email field.
 * @csspart notify-notice - After posting with an address: check the inbox to confirm it.
 * @csspart feeds - The line under the form with the comments' feed.
 * @csspart feed-link - The link to the Atom feed of the post's comments (storage with feeds: a Confab server).
 * @csspart mine-button - "Your comments (N)", under the form: this browser's comments on the site.
 * @csspart mine - The "Your comments" panel.
 * @csspart mine-item - One of the reader's comments in it.
 * @csspart mine-delete-button - Delete, on one of them (and the confirming Delete).
 * @csspart mine-download-button - Download the reader's comments as JSON.
 * @csspart mine-delete-all-button - Delete all of them (and the confirming button).
 * @csspart reply-feed - In the panel: the reader's private feed of replies to their comments.
 * @csspart reply-feed-button - Asks for its (secret) address.
 * @csspart reply-feed-link - The link to it.
 * @csspart stop-mail-button - Stops reply mail asked for from this browser (the addresses are forgotten).
 * @csspart inline-marker - A paragraph's inline-comment marker, in the article (`[data-confab=marker]::part(inline-marker)`).
 * @csspart inline-panel - The panel under a paragraph, in the article (`[data-confab=panel]::part(inline-panel)`).
 * @csspart inline-close - The panel's Close button.
 * @csspart inline-selection-button - The "Comment" button over a selected passage (`[data-confab=selection]::part(...)`).
 * @cssproperty --confab-font-family - Font of the widget. Default: inherited.
 * @cssproperty --confab-font-size - Font size. Default: inherited.
 * @cssproperty --confab-line-height - Line height. Default: 1.5.
 * @cssproperty --confab-color-text - Text colour. Default: inherited (`theme="light"`: #1d1b20; `dark`: #e6e0e9).
 * @cssproperty --confab-color-background - Background with a fixed `theme`. Default: #fff (light), #1d1b20 (dark); none with `auto`.
 * @cssproperty --confab-color-muted - Secondary text (times, hints). Default: the text colour at 72%.
 * @cssproperty --confab-color-border - Decorative lines (thread lines, preview). Default: the text colour at 30%.
 * @cssproperty --confab-color-control-border - Borders of fields and buttons. Default: the text colour at 60%.
 * @cssproperty --confab-color-accent - The submit button, the selected tab and the focus ring. Default: the text colour.
 * @cssproperty --confab-color-on-accent - Text on the accent (the submit button). Default: the canvas colour of the colour scheme.
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
    site: {},
    adapter: {attribute: false},
    importFrom: {attribute: 'import'},
    theme: {reflect: true},
    loading: {reflect: true},
    strings: {type: Object},
    inline: {},
    replyTo: {state: true},
    announcement: {state: true},
    now: {state: true},
    expanded: {state: true},
    revealed: {state: true},
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
  /** With `storage="rest"` on a server of several sites: this site's id (its `--site`). Default: the first site. */
  site = '';
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

  private replyTo: string | null = null;
  private announcement = '';
  private now = Date.now();
  private expanded = new Set<string>();
  private revealed = false;

  readonly #thread = new ThreadController(this, {
    adapter: () => this.adapter ?? builtInAdapter(this.storage, this.endpoint, this.site),
    importFrom: () => this.importFrom,
    arrived: (comment) => (this.announcement = this.#i18n.t('newComment', {name: comment.author})),
  });
  readonly #i18n = new Localizer(this);
  readonly #progress = new ProgressController(this, () => this.#thread.thread.length);
  #needsLoad = false;
  /** The page data of a server-rendered thread in the light DOM, until it is used. */
  #data: Element | null = null;
  /** That thread is shown (the light DOM, slotted) until this element's own is ready. */
  #light = false;
  #clock?: ReturnType<typeof setInterval>;
  /** The comment form's element could not be loaded: the thread shows, with a message where the form would be. */
  #formFailed = false;
  /**
   * Once the first comments are painted, the form's element is asked for (it comes from its own file) and the main
   * form drawn: the comments come first, and the form's room is kept meanwhile. Settles when the form may be drawn.
   */
  #formDue?: Promise<void>;
  #formDrawn = false;
  readonly #page = new PageController(this, {
    hash: () => void this.#parts.reveal(),
    // Without `post-id`, a single-page app's navigation to another post shows that post's thread.
    navigated: () => {
      if (!this.postId && this.revealed && this.resolvedPostId !== this.#thread.postId) this.#start();
    },
  });
  readonly #near = new NearController(this, () => (this.revealed = true));
  readonly #parts = new PartsController(
    this,
    ((el) => ({
      thread: el.#thread,
      get t() {
        return el.#i18n.t;
      },
      get view() {
        return el.#view;
      },
      get inline() {
        return el.inline;
      },
      announce: (message: string) => (el.announcement = message),
      expand: (ids: string[]) => el.#expand(ids),
      composer: (edit?: {c: Comment; close: () => void}, anchor?: Anchor) => el.#renderComposer('', edit, anchor),
    }))(this)
  );

  override connectedCallback(): void {
    super.connectedCallback();
    this.#needsLoad = true;
    this.#data = this.querySelector('script[data-confab-page]');
    this.#light ||= !!this.#data;
    this.#clock = setInterval(() => (this.now = Date.now()), 60_000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#clock);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.#i18n.check();
    // A server-rendered thread gives way once this one is whole (its actions in), so that nothing moves after.
    const status = this.#thread.status;
    if (status === 'error' || (status === 'ready' && this.#parts.actionsSettled && this.#i18n.ready && this.#formDrawn))
      this.#light = false;
    this.setAttribute(
      'resolved-theme',
      this.theme === 'light' || this.theme === 'dark' ? this.theme : this.#page.theme
    );
    if (changed.has('loading') && this.loading === 'eager') this.revealed = true;
    if (!this.revealed) {
      if (this.loading === 'lazy') this.#near.watch(this.inline);
      return;
    }
    if (
      this.#needsLoad ||
      changed.has('revealed' as keyof ConfabComments) ||
      changed.has('postId') ||
      changed.has('storage') ||
      changed.has('endpoint') ||
      changed.has('site') ||
      changed.has('adapter')
    ) {
      this.#needsLoad = false;
      this.#start();
    }
  }

  protected override updated(): void {
    const {status} = this.#thread;
    if (status === 'ready') this.#parts.update();
    // Also on an error, for the forms of inline comments.
    if (status === 'loading' || !this.revealed) return;
    this.#formDue ??= new Promise<void>((painted) => {
      const next = () => setTimeout(painted);
      // A server-rendered thread is on screen already; a hidden page paints nothing, and calls no frame callbacks.
      if (this.#light || document.visibilityState === 'hidden') painted();
      else requestAnimationFrame(next);
    })
      .then(loadComposer)
      .catch((error) => {
        this.#formFailed = true;
        console.error('[confab] The comment form could not be loaded:', error);
      })
      .then(() => {
        this.#formDrawn = true;
        this.requestUpdate();
      });
  }

  /** The post id in use: `post-id`, or the page's own identity. */
  get resolvedPostId(): string {
    if (this.postId) return this.postId;
    const canonical = document.querySelector<HTMLLinkElement>('link[rel="canonical"]')?.href;
    return pageIdFrom(canonical, location);
  }

  /**
   * Resolves once the element has rendered, every thread it holds drawn (they come in a few per task), and the
   * comment form with it when its element was still coming.
   */
  protected override async getUpdateComplete(): Promise<boolean> {
    const drawn = await this.#progress.complete(() => super.getUpdateComplete());
    if (!this.#formDue || this.#formDrawn) return drawn;
    await this.#formDue;
    const again = await this.#progress.complete(() => super.getUpdateComplete());
    const forms = this.renderRoot.querySelectorAll<ConfabComposer>('confab-composer');
    await Promise.all([...forms].map((form) => form.updateComplete));
    return drawn && again;
  }

  /** Resolves when the current load has settled (shown, or failed) and the element has rendered it. */
  get loadComplete(): Promise<void> {
    return this.updateComplete
      .then(() => Promise.all([this.#thread.loaded, this.#parts.actionsLoaded]))
      .then(() => this.updateComplete)
      .then(() => undefined);
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
    const {status, comments, fresh} = this.#thread;
    const waiting = !this.revealed || status === 'loading';
    // The post's true total where the storage tells it (a thread of many pages), else what is loaded.
    const count = this.#thread.total ?? comments.length;
    // A server-rendered thread stays on screen, as it is, until this one can replace it.
    if (this.#light) return html`<slot></slot>`;
    return html`
      <section part="base" class=${waiting ? 'waiting' : ''} aria-labelledby="heading" aria-busy=${waiting && this.revealed ? 'true' : 'false'} lang=${t.locale} dir=${t.dir}>
        ${
          this.#i18n.ready
            ? html`<h2 id="heading" part="heading" tabindex="-1">${status === 'ready' && count ? t('count', {n: count}) : t('heading')}${
                fresh.size ? html` <span part="new-count">· ${t('newReplies', {n: fresh.size})}</span>` : nothing
              }</h2>
              ${
                !this.revealed && this.loading === 'manual'
                  ? html`<button part="show-button" type="button" @click=${this.#handleShow}>${t('showComments')}</button>`
                  : nothing
              }
              ${this.revealed ? renderThread(this.#view, this.reload) : nothing}`
            : nothing
        }
        <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      </section>
    `;
  }

  /**
   * A composer: the main one, a reply's (`parentId`), the editor of the reader's own comment (`edit`), or an inline
   * one whose comment is anchored to a passage (`anchor`).
   */
  #renderComposer(parentId: string, edit?: {c: Comment; close: () => void}, anchor?: Anchor) {
    if (!parentId && !edit && !anchor && !this.#formDrawn) return html`<div class="form-room"></div>`;
    if (this.#formFailed) return html`<p part="error" role="alert">${this.#i18n.t('formError')}</p>`;
    return html`<confab-composer
      part=${edit ? 'composer editor' : 'composer'}
      exportparts=${COMPOSER_PARTS}
      lang=${this.#i18n.t.locale}
      resolved-theme=${this.getAttribute('resolved-theme')}
      .strings=${this.strings}
      parent-id=${parentId}
      ?editing=${!!edit}
      ?mail=${this.#thread.mail && !edit}
      .value=${edit?.c.body ?? ''}
      .anchor=${anchor}
      draft-key=${edit ? '' : `confab:draft:${this.resolvedPostId}:${parentId}${anchor ? `@${anchor.position}` : ''}`}
      .save=${(draft: CommentDraft) => (edit ? this.#update(edit, draft.body) : this.#handleSave(draft))}
      @confab-composer-cancel=${edit ? edit.close : this.#handleCancel}
    ></confab-composer>`;
  }

  /** What rendering comments needs (the thread under the post, and the inline panels). */
  get #view(): CommentView {
    return {
      t: this.#i18n.t,
      now: this.now,
      thread: this.#thread,
      replyTo: this.replyTo,
      expanded: this.expanded,
      shown: this.#progress.shown,
      actions: this.#parts.actions,
      quotes: this.#parts.quotes,
      composer: (parentId) => this.#renderComposer(parentId),
      reply: (id) => this.#handleReply(id),
      expand: (ids) => this.#expand(ids),
    };
  }

  #start(): void {
    this.replyTo = null;
    this.expanded = new Set();
    const thread = this.#thread;
    this.#progress.reset(this.#light);
    // The server-rendered first page, once (a reload asks storage).
    thread.start(this.resolvedPostId, pageData(this.#data, this.resolvedPostId));
    this.#data = null;
    // The reader actions come in beside the first page; without them the thread still shows.
    this.#parts.loadActions();
    // Once both are in, a link to a comment (#comment-<id>) is followed.
    const loaded = thread.loaded;
    void Promise.all([loaded, this.#parts.actionsLoaded]).then(() => {
      if (loaded === thread.loaded && thread.status === 'ready') void this.#parts.reveal();
    });
  }

  #handleShow() {
    this.show();
    // The button goes; focus goes to the heading, where the comments begin.
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('h2')?.focus());
  }

  #handleReply(id: string) {
    this.replyTo = this.replyTo === id ? null : id;
    const root = this.#parts.focusRoot();
    if (this.replyTo)
      void this.updateComplete.then(() =>
        root.querySelector<ConfabComposer>('.reply-composer confab-composer')?.focus()
      );
  }

  #handleCancel(e: Event) {
    const composer = e.target as ConfabComposer;
    if (composer.parentId) this.#closeReply(composer.parentId);
  }

  #closeReply(id: string) {
    this.replyTo = null;
    const root = this.#parts.focusRoot();
    void this.updateComplete.then(() =>
      root.querySelector<HTMLButtonElement>(`#comment-${id} [part~="reply-button"]`)?.focus()
    );
  }

  #expand(ids: string[]) {
    this.expanded = new Set([...this.expanded, ...ids]);
  }

  /** Stores a draft from a composer. Resolves true when stored; throws (keeping the draft) when not. */
  async #handleSave(draft: CommentDraft): Promise<boolean> {
    renderable(draft.body);
    if (!this.dispatchEvent(new ConfabCommentSubmitEvent(this.#thread.postId, draft))) return false;
    const comment = await this.#thread.create(draft);
    this.announcement = this.#i18n.t('posted');
    if (draft.parentId) this.#closeReply(draft.parentId);
    this.dispatchEvent(new ConfabCommentAddedEvent(comment));
    return true;
  }

  /** Saves an edit; throws (keeping the text in the editor) when the adapter refuses. */
  async #update(edit: {c: Comment; close: () => void}, body: string): Promise<boolean> {
    renderable(body);
    await this.#thread.update(edit.c.id, body);
    edit.close();
    this.announcement = this.#i18n.t('saved');
    return true;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'confab-comments': ConfabComments;
  }
}
