import {html, render} from 'lit';
import type {Translate} from '../../../i18n/translate.js';
import {selectionStyles} from './styles.js';

/** The "Comment" button that floats just above a passage selected in the article. */
export class SelectionButton {
  #element: HTMLElement | null = null;

  show(rect: DOMRect, t: Translate, onClick: () => void): void {
    if (!this.#element) {
      this.#element = document.createElement('div');
      this.#element.dataset.confab = 'selection';
      this.#element.attachShadow({mode: 'open'}).adoptedStyleSheets = [selectionStyles];
      document.body.append(this.#element);
    }
    this.#element.style.top = `${rect.top + scrollY - 44}px`;
    this.#element.style.left = `${Math.max(8, rect.left + scrollX)}px`;
    render(
      html`<button
        part="inline-selection-button"
        type="button"
        aria-label=${t('inlineSelectionLabel')}
        @mousedown=${(e: Event) => e.preventDefault()}
        @click=${onClick}
      >
        ${t('inlineSelection')}
      </button>`,
      this.#element.shadowRoot!
    );
  }

  hide(): void {
    this.#element?.remove();
    this.#element = null;
  }
}
