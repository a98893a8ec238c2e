import {LitElement, css, html, nothing, type PropertyValues} from 'lit';
import type {StorageAdapter} from '../../adapters/adapter.js';
import type {StringOverrides} from '../../i18n/en.js';
import {Localizer} from '../../i18n/localizer.js';
import {watchPage} from '../../internal/page-watch.js';
import {builtInAdapter} from '../confab-comments/storage.js';
import {countOf} from './batch.js';

/**
 * "N comments" for a post, for lists of posts and links to them. Many on one page are fetched in one request.
 *
 * @summary A post's comment count.
 * @tag confab-count
 * @csspart count - The text.
 */
export class ConfabCount extends LitElement {
  static override properties = {
    // The element's own `lang` (still the HTML attribute) re-renders it in that language.
    lang: {reflect: true},
    postId: {attribute: 'post-id'},
    storage: {},
    endpoint: {},
    site: {},
    adapter: {attribute: false},
    count: {state: true},
    strings: {type: Object},
  };
  static override styles = css`
    :host {
      display: inline;
    }
  `;

  /** The post to count. */
  postId = '';
  /** Built-in storage, as on `<confab-comments>`: `indexeddb`, `memory` or `rest`. */
  storage = 'indexeddb';
  /** The Confab server's API URL, for `storage="rest"`. */
  endpoint = '';
  /** The site's id on a Confab server of several, as on `<confab-comments>`. */
  site = '';
  /** A storage adapter of your own. */
  adapter?: StorageAdapter;
  /** Per-string overrides (`heading`, `count`), as on `<confab-comments>`. The language is the element's `lang`, else the page's. */
  strings?: StringOverrides | null;

  private count: number | null = null;
  #request = 0;
  #i18n = new Localizer(this);
  #unwatch?: () => void;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#unwatch = watchPage(() => this.requestUpdate());
    document.addEventListener('confab-comment-added', this.#added);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unwatch?.();
    document.removeEventListener('confab-comment-added', this.#added);
  }

  /** A comment posted on this page, to this post, counts at once (one awaiting approval does not). */
  #added = (e: Event) => {
    const {comment} = (e as CustomEvent<{comment: {postId: string; status?: string}}>).detail;
    if (this.count !== null && comment.postId === this.postId && !comment.status) this.count++;
  };

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.#i18n.check();
    if (
      changed.has('postId') ||
      changed.has('storage') ||
      changed.has('endpoint') ||
      changed.has('site') ||
      changed.has('adapter')
    )
      void this.#load();
  }

  async #load(): Promise<void> {
    const request = ++this.#request;
    this.count = null;
    if (!this.postId) return;
    try {
      const count = await countOf(
        this.adapter ?? (await builtInAdapter(this.storage, this.endpoint, this.site)),
        this.postId
      );
      if (request === this.#request) this.count = count;
    } catch (error) {
      console.warn('[confab] count failed:', error);
    }
  }

  override render() {
    const t = this.#i18n.t;
    return this.#i18n.ready
      ? html`<span part="count">${this.count === null ? t('heading') : t('count', {n: this.count})}</span>`
      : nothing;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'confab-count': ConfabCount;
  }
}
