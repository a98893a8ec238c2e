import {LitElement, css, html, type PropertyValues} from 'lit';
import type {StorageAdapter} from '../../adapters/adapter.js';
import {en} from '../../i18n/en.js';
import {builtInAdapter} from '../confab-comments/storage.js';
import {countOf} from './batch.js';

/**
 * "N comments" for a post, for lists of posts and links to them. Many on one page are fetched in one request.
 *
 * @summary A post's comment count.
 * @csspart count - The text.
 */
export class ConfabCount extends LitElement {
  static override properties = {
    postId: {attribute: 'post-id'},
    storage: {},
    endpoint: {},
    adapter: {attribute: false},
    count: {state: true},
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
  /** A storage adapter of your own. */
  adapter?: StorageAdapter;

  private count: number | null = null;
  #request = 0;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('postId') || changed.has('storage') || changed.has('endpoint') || changed.has('adapter')) void this.#load();
  }

  async #load(): Promise<void> {
    const request = ++this.#request;
    this.count = null;
    if (!this.postId) return;
    try {
      const count = await countOf(this.adapter ?? (await builtInAdapter(this.storage, this.endpoint)), this.postId);
      if (request === this.#request) this.count = count;
    } catch (error) {
      console.warn('[confab] count failed:', error);
    }
  }

  override render() {
    return html`<span part="count">${this.count === null ? en.heading : en.count(this.count)}</span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'confab-count': ConfabCount;
  }
}
