import {LitElement, html, nothing} from 'lit';
import {ANONYMOUS, checkDraft, type DraftErrors} from '../../core/validate.js';
import type {Anchor, CommentDraft} from '../../core/types.js';
import {errorMessage} from '../../i18n/error-message.js';
import type {StringOverrides} from '../../i18n/en.js';
import {enComposer} from '../../i18n/en-composer.js';
import {Localizer} from '../../i18n/localizer.js';
import {partTranslator} from '../../i18n/translate.js';
import {sharedStyles} from '../../styles/shared.js';
import {recall, remember} from '../../internal/remember.js';
import {commentBody} from '../confab-comments/comment-body.js';
import {composerStyles} from './confab-composer.styles.js';

const NAME_KEY = 'confab:author';
/** The address a reader last asked replies to be mailed to (only theirs, in their browser). */
const EMAIL_KEY = 'confab:email';

/** "Email me replies", loaded the first time a composer is told the storage mails replies. */
let notifyPart: Promise<typeof import('./notify.js')> | undefined;
let notifyModule: typeof import('./notify.js') | undefined;

/** What the composer's `save` callback receives; it resolves when stored, or throws to keep the draft. */
export type ComposerSave = (draft: CommentDraft) => Promise<boolean>;

/**
 * The form to write a comment or a reply. It validates as the reader writes, keeps an unsent draft across reloads,
 * and never clears the reader's text unless the comment was stored.
 *
 * @summary Comment form: name, comment, submit.
 * @tag confab-composer
 * @fires confab-composer-cancel - The reader closed a reply composer (Cancel or Escape). Internal to Confab.
 * @csspart form - The form.
 * @csspart author-input - The name field.
 * @csspart body-input - The comment field.
 * @csspart submit-button - The submit button.
 * @csspart cancel-button - The Cancel button of a reply or edit composer.
 * @csspart tabs - The Write and Preview tabs above the comment field.
 * @csspart write-button - The Write tab: the comment field.
 * @csspart preview-button - The Preview tab: the comment as it will show.
 * @csspart preview - The preview of the rendered comment.
 * @csspart error - The message shown when saving failed.
 * @csspart notify - The "Email me replies" option, when the storage mails replies.
 * @csspart email-input - The email field of that option.
 * @csspart notify-notice - The message shown after posting with an address (to confirm it).
 */
export class ConfabComposer extends LitElement {
  /** Reactive properties, declared statically: smaller in the script-tag bundle than decorators. */
  static override properties = {
    // The element's own `lang` (still the HTML attribute) re-renders it in that language.
    lang: {reflect: true},
    author: {},
    parentId: {attribute: 'parent-id'},
    draftKey: {attribute: 'draft-key'},
    editing: {type: Boolean},
    mail: {type: Boolean},
    notice: {state: true},
    value: {attribute: false},
    anchor: {attribute: false},
    save: {attribute: false},
    previewing: {state: true},
    body: {state: true},
    errors: {state: true},
    failure: {state: true},
    saving: {state: true},
    strings: {type: Object},
  };
  static override styles = [sharedStyles, composerStyles];

  /** The name to start with. Default: the name this reader last posted with, remembered in localStorage. */
  author = '';
  /** The comment this composer replies to, or empty for a top-level comment. */
  parentId = '';
  /** Where the unsent draft is kept (localStorage key); empty to keep none. */
  draftKey = '';
  /** Edits an existing comment: no name field, and the submit button saves. */
  editing = false;
  /** Offers "Email me replies" (the storage mails replies). Set by `<confab-comments>`. */
  mail = false;
  /** The text to start with (the comment being edited). */
  value = '';
  /** For an inline comment: the passage it is about, stored with it. */
  anchor?: Anchor;
  /** Stores the comment. Set by `<confab-comments>`. */
  save?: ComposerSave;
  /** Per-string overrides, as on `<confab-comments>`. */
  strings?: StringOverrides | null;

  private body = '';
  private errors: DraftErrors = {};
  private failure = '';
  private saving = false;
  private previewing = false;
  private notice = '';
  /** "Email me replies": its fields' state (the part that shows them loads on demand). */
  #mailing = {notify: false, email: '', thread: false, invalid: false, requestUpdate: () => this.requestUpdate()};

  #shown = Date.now();
  #i18n = new Localizer(this);
  /** The idempotency key of the draft being sent (kept with the draft, so a retry after a reload reuses it). */
  #key = '';

  protected override willUpdate(): void {
    this.#i18n.check();
    if (this.mail && !notifyModule) {
      notifyPart ??= import('./notify.js');
      notifyPart.then((m) => ((notifyModule = m), this.requestUpdate()));
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#shown = Date.now();
    this.author ||= recall(NAME_KEY);
    this.#mailing.email ||= recall(EMAIL_KEY);
    this.#mailing.notify ||= !!this.#mailing.email;
    if (!this.body) this.body = (this.draftKey && recall(this.draftKey)) || this.value;
    this.#key = (this.draftKey && recall(`${this.draftKey}:key`)) || '';
  }

  /** Moves focus to the comment field. */
  override focus(): void {
    this.updateComplete.then(() => this.#field('textarea')?.focus());
  }

  override render() {
    // The form's own English strings come with it, under the reader's language.
    const t = partTranslator(this.#i18n.t, enComposer);
    const reply = !!this.parentId;
    if (!this.#i18n.ready) return nothing;
    return html`
      <form part="form" novalidate @submit=${this.#handleSubmit} @keydown=${this.#handleKeydown}>
        <div class="field" ?hidden=${this.editing}>
          <label for="author">${t('nameLabel')}</label>
          <input
            id="author"
            part="author-input"
            name="author"
            autocomplete="name"
            placeholder=${t('namePlaceholder')}
            .value=${this.author}
            aria-invalid=${this.errors.author ? 'true' : 'false'}
            aria-describedby=${this.errors.author ? 'author-error' : nothing}
            @input=${this.#handleAuthorInput}
          />
          ${
            this.errors.author
              ? html`<p id="author-error" class="message">${t.strings.errors[this.errors.author]}</p>`
              : nothing
          }
        </div>
        <div class="field">
          <label for="body">${t('bodyLabel')}</label>
          <div class="editor">
            <div role="tablist" part="tabs" aria-label=${t('bodyLabel')} @keydown=${this.#handleTabKey}>
              ${this.#tab(false, t('write'))} ${this.#tab(true, t('preview'))}
            </div>
            <div role="tabpanel" id="write" aria-labelledby="write-tab" ?hidden=${this.previewing}>
              <textarea
                id="body"
                part="body-input"
                dir="auto"
                name="body"
                rows="4"
                .value=${this.body}
                aria-invalid=${this.errors.body ? 'true' : 'false'}
                aria-describedby=${this.errors.body ? 'body-error body-hint' : 'body-hint'}
                @input=${this.#handleBodyInput}
              ></textarea>
            </div>
            <div
              role="tabpanel"
              id="preview"
              part="preview"
              class="preview"
              aria-labelledby="preview-tab"
              tabindex="0"
              ?hidden=${!this.previewing}
            >
              ${this.previewing ? (this.body.trim() ? commentBody(this.body) : html`<p>${t('nothingToPreview')}</p>`) : nothing}
            </div>
          </div>
          <p id="body-hint" class="hint">${t('formatHint')}</p>
          ${this.errors.body ? html`<p id="body-error" class="message">${t.strings.errors[this.errors.body]}</p>` : nothing}
        </div>
        ${this.mail && !this.editing && notifyModule ? notifyModule.notifyFields(t, this.#mailing) : nothing}
        <input class="visually-hidden" name="website" tabindex="-1" autocomplete="off" aria-hidden="true" />
        ${this.failure ? html`<p part="error" role="alert">${this.failure}</p>` : nothing}
        ${this.notice ? html`<p part="notify-notice" role="status">${this.notice}</p>` : nothing}
        <div class="actions">
          <button part="submit-button" type="submit" ?disabled=${this.saving}>
            ${t(this.saving ? 'saving' : this.editing ? 'saveEdit' : reply ? 'submitReply' : 'submit')}
          </button>
          ${
            reply || this.editing
              ? html`<button part="cancel-button" type="button" @click=${this.#cancel}>${t('cancel')}</button>`
              : nothing
          }
        </div>
      </form>
    `;
  }

  /** The Write or the Preview tab (the ARIA tabs pattern: one tab stop, arrows switch). */
  #tab(preview: boolean, label: string) {
    const selected = this.previewing === preview;
    return html`<button
      role="tab"
      id=${preview ? 'preview-tab' : 'write-tab'}
      part=${preview ? 'preview-button' : 'write-button'}
      type="button"
      aria-selected=${selected ? 'true' : 'false'}
      aria-controls=${preview ? 'preview' : 'write'}
      tabindex=${selected ? 0 : -1}
      @click=${() => (this.previewing = preview)}
    >
      ${label}
    </button>`;
  }

  async #handleTabKey(e: KeyboardEvent) {
    const preview = {ArrowLeft: !this.previewing, ArrowRight: !this.previewing, Home: false, End: true}[e.key];
    if (preview === undefined) return;
    e.preventDefault();
    this.previewing = preview;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[aria-selected="true"]')?.focus();
  }

  #field(selector: 'input' | 'textarea'): HTMLElement | null | undefined {
    return this.renderRoot?.querySelector(selector);
  }

  #handleAuthorInput(e: Event) {
    this.author = (e.target as HTMLInputElement).value;
    if (this.errors.author) {
      const check = checkDraft({author: this.author, body: 'x'});
      this.errors = {...this.errors, author: check.ok ? undefined : check.errors.author};
    }
  }

  #handleBodyInput(e: Event) {
    this.body = (e.target as HTMLTextAreaElement).value;
    this.notice = '';
    if (this.draftKey) remember(this.draftKey, this.body);
    // Changed text is a new draft: a retry of the old one is no longer what the reader means to send.
    this.#setKey('');
    if (this.errors.body) {
      const check = checkDraft({body: this.body});
      this.errors = {...this.errors, body: check.ok ? undefined : check.errors.body};
    }
  }

  #handleKeydown(e: KeyboardEvent) {
    if (e.key === 'Escape' && (this.parentId || this.editing)) {
      e.preventDefault();
      this.#cancel();
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      this.#handleSubmit(e);
    }
  }

  #setKey(key: string) {
    this.#key = key;
    if (this.draftKey) remember(`${this.draftKey}:key`, key);
  }

  #cancel() {
    this.dispatchEvent(new Event('confab-composer-cancel', {bubbles: true, composed: true}));
  }

  async #handleSubmit(e: Event) {
    e.preventDefault();
    if (this.saving || !this.save) return;
    this.failure = this.notice = '';
    const check = checkDraft({
      author: this.author,
      body: this.body,
      parentId: this.parentId || null,
      anchor: this.anchor,
    });
    const mailing = this.#mailing;
    const notify = !!notifyModule && this.mail && mailing.notify && !this.editing;
    mailing.invalid = notify && !notifyModule!.isEmail(mailing.email);
    if (!check.ok || mailing.invalid) {
      if (!check.ok) this.errors = check.errors;
      else this.requestUpdate();
      await this.updateComplete;
      this.renderRoot
        .querySelector<HTMLElement>(check.ok ? '#email' : check.errors.body ? 'textarea' : '#author')
        ?.focus();
      return;
    }
    this.errors = {};
    this.saving = true;
    try {
      const form = e.currentTarget as HTMLFormElement;
      const website = (form.elements.namedItem('website') as HTMLInputElement | null)?.value;
      if (!this.#key && !this.editing) this.#setKey(randomKey());
      const stored = await this.save({
        ...check.draft,
        website,
        elapsedMs: Date.now() - this.#shown,
        idempotencyKey: this.#key || undefined,
        notify: notify ? {email: mailing.email, thread: mailing.thread} : undefined,
      });
      if (stored) {
        this.#setKey('');
        if (notify) {
          remember(EMAIL_KEY, mailing.email);
          this.notice = notifyModule!.sentNotice(this.#i18n.t);
        }
        // "Anonymous" is not a name to remember.
        if (check.draft.author !== ANONYMOUS) remember(NAME_KEY, check.draft.author);
        this.body = '';
        this.previewing = false;
        if (this.draftKey) remember(this.draftKey, '');
      }
    } catch (error) {
      this.failure = errorMessage(error, this.#i18n.t.strings);
    } finally {
      this.saving = false;
    }
  }
}

/** 24 random characters (124 bits): one draft's idempotency key. */
const randomKey = () => Array.from(crypto.getRandomValues(new Uint8Array(24)), (b) => (b % 32).toString(32)).join('');

declare global {
  interface HTMLElementTagNameMap {
    'confab-composer': ConfabComposer;
  }
}
