import {html, nothing, render} from 'lit';
import type {ThreadNode} from '../../../core/thread.js';
import type {Anchor} from '../../../core/types.js';
import type {Translate} from '../../../i18n/translate.js';
import type {InlineHost} from './host.js';
import {panelStyles} from './styles.js';

/** The panel under a paragraph: its comments and a composer, with Close and Escape to return to its marker. */
export class Panel {
  #element: HTMLElement | null = null;

  get element(): HTMLElement | null {
    return this.#element;
  }

  /** Puts the panel under `block` (after it, or inside a list item), creating it when needed. */
  place(block: Element, styles: CSSStyleSheet[]): void {
    if (this.#element?.isConnected) return;
    this.#element = document.createElement('div');
    this.#element.dataset.confab = 'panel';
    this.#element.attachShadow({mode: 'open'}).adoptedStyleSheets = [...styles, panelStyles];
    if (block.localName === 'li') block.append(this.#element);
    else block.after(this.#element);
  }

  render(host: InlineHost, t: Translate, anchor: Anchor, nodes: ThreadNode[], close: () => void): void {
    if (!this.#element) return;
    render(
      html`<section
        class="panel"
        part="inline-panel"
        role="region"
        aria-labelledby="inline-heading"
        tabindex="-1"
        lang=${t.locale}
        dir=${t.dir}
        @keydown=${(e: KeyboardEvent) => {
          if (e.key === 'Escape' && !e.defaultPrevented) {
            e.preventDefault();
            close();
          }
        }}
      >
        <div class="head">
          <p class="title" id="inline-heading">${t('inlineHeading')}</p>
          <button part="inline-close" class="link-button" type="button" @click=${close}>${t('close')}</button>
        </div>
        ${anchor.paragraph ? nothing : html`<blockquote part="quote" dir="auto">${anchor.quote}</blockquote>`}
        ${nodes.length ? html`<ol part="thread">${host.renderNodes(nodes)}</ol>` : nothing}
        ${host.composer(anchor)}
      </section>`,
      this.#element.shadowRoot!,
      {host: host.element}
    );
  }

  /** Moves focus in: to the composer when there is nothing to read yet, else to the panel (its label is read out). */
  focus(toComposer: boolean): void {
    const root = this.#element?.shadowRoot;
    void Promise.resolve().then(() => {
      const composer = root?.querySelector<HTMLElement>('confab-composer');
      if (toComposer && composer) composer.focus();
      else root?.querySelector<HTMLElement>('.panel')?.focus();
    });
  }

  remove(): void {
    this.#element?.remove();
    this.#element = null;
  }
}
