import {html, render} from 'lit';
import {formatNumber, type Translate} from '../../../i18n/translate.js';
import {markerStyles} from './styles.js';
import type {Block} from './text-model.js';

// The speech-bubble icon of the markers.
const bubble = html`<svg viewBox="0 0 16 16" aria-hidden="true" focusable="false"><path fill="currentColor" d="M2 2h12a1 1 0 0 1 1 1v8a1 1 0 0 1-1 1H7l-3.5 3v-3H2a1 1 0 0 1-1-1V3a1 1 0 0 1-1-1z"/></svg>`;

/**
 * A marker at the end of every paragraph: its comment count, or a quiet "+" that shows on hover and keyboard focus.
 * Markers live in shadow roots of inline spans, kept out of selections and copied text.
 */
export class Markers {
  readonly #markers = new Map<Element, HTMLElement>();

  /** Draws a paragraph's marker (creating it on first use). */
  render(block: Block, count: number, t: Translate, expanded: boolean, onClick: () => void): void {
    let marker = this.#markers.get(block.element);
    if (!marker) {
      marker = document.createElement('span');
      marker.dataset.confab = 'marker';
      marker.attachShadow({mode: 'open'}).adoptedStyleSheets = [markerStyles];
      block.element.append(marker);
      this.#markers.set(block.element, marker);
    }
    render(
      html`<button
        part="inline-marker"
        type="button"
        class=${count ? 'count' : 'zero'}
        aria-label=${count ? t('inlineMarker', {n: count}) : t('inlineAdd')}
        aria-expanded=${expanded ? 'true' : 'false'}
        @click=${onClick}
      >
        ${bubble}<span aria-hidden="true">${count ? formatNumber(count, t.locale) : '+'}</span>
      </button>`,
      marker.shadowRoot!
    );
  }

  /** Removes the markers of paragraphs that are gone. */
  prune(blocks: Set<Element>): void {
    for (const [block, marker] of this.#markers) {
      if (!blocks.has(block)) {
        marker.remove();
        this.#markers.delete(block);
      }
    }
  }

  focus(block: Element): void {
    this.#markers.get(block)?.shadowRoot?.querySelector('button')?.focus();
  }

  removeAll(): void {
    for (const marker of this.#markers.values()) marker.remove();
    this.#markers.clear();
  }
}
