import {html, nothing, render} from 'lit';
import {anchorAt, locate} from '../../../core/anchor.js';
import type {ActionsHost} from '../actions.js';
import type {ThreadNode} from '../../../core/thread.js';
import type {Anchor, Comment} from '../../../core/types.js';
import {enInline} from '../../../i18n/en-inline.js';
import {partTranslator, type Translate} from '../../../i18n/translate.js';
import {TextModel, type Block} from './text-model.js';

/** What inline commenting needs from `<confab-comments>`: its strings, its thread, and its ways to render them. */
export interface InlineHost {
  readonly element: HTMLElement;
  /** CSS selector of the article whose paragraphs take comments. */
  readonly container: string;
  readonly t: Translate;
  /** The element's own style sheets, for the panels, which render the same comments and composer. */
  readonly styles: CSSStyleSheet[];
  /** The top-level comments loaded so far, each with its replies. */
  thread(): ThreadNode[];
  renderNodes(nodes: ThreadNode[]): unknown;
  /** A composer whose comment is anchored to `anchor`. */
  composer(anchor: Anchor): unknown;
  /** Which comments are orphaned changed (the article was edited): the thread shows their quotes again. */
  changed(): void;
  /** The thread's storage, paging and loaded comments, as the reader actions see them. */
  readonly actions: ActionsHost;
}

/** What `<confab-comments>` can ask of inline commenting. */
export interface Inline {
  /** Places markers, highlights and the open panel again (after the thread or the article changed). */
  update(): void;
  /** Takes everything away from the article. */
  detach(): void;
  /** True for an anchored comment whose passage is no longer in the article. */
  orphaned(comment: Comment): boolean;
  /** Opens the panel of the paragraph a comment is about and moves focus to the comment. */
  show(comment: Comment): void;
  /** The open panel's element (its shadow root holds what it shows), or null. */
  readonly panel: HTMLElement | null;
}

// The page-level rules: the highlight colour, markers kept out of copied text, the selection button's place.
const pageStyles = new CSSStyleSheet();
pageStyles.replaceSync(`
  ::highlight(confab-quote) { background-color: var(--confab-quote-highlight, rgb(255 196 0 / 0.32)); }
  mark[data-confab-quote] { background-color: var(--confab-quote-highlight, rgb(255 196 0 / 0.32)); color: inherit; }
  [data-confab='marker'] { user-select: none; -webkit-user-select: none; }
  :hover > [data-confab='marker'] { --confab-marker-shown: 1; }
  [data-confab='selection'] { position: absolute; z-index: 2147483000; }
`);

/** Styles the element adopts for quotes in its thread (and the panels, which share its sheets). */
export const styles = new CSSStyleSheet();
styles.replaceSync(`
  [part~='quote'] { margin: 0.3em 0; padding-inline-start: 0.75em; border-inline-start: 3px solid var(--confab-quote-border, rgb(230 170 0)); }
  [part~='quote'] q { quotes: none; font-style: italic; }
  [part~='quote-note'] { display: block; font-size: 0.875em; }
  [part~='orphaned'] { border-inline-start-style: dashed; }
`);

const markerStyles = new CSSStyleSheet();
markerStyles.replaceSync(`
  :host { display: inline-block; margin-inline-start: 0.4em; vertical-align: baseline; line-height: 1; }
  button {
    font: 600 0.75rem/1 system-ui, sans-serif; color: inherit; cursor: pointer;
    min-width: 24px; min-height: 24px; padding: 0.2em 0.5em; border-radius: 999px;
    border: 1px solid color-mix(in srgb, currentColor 45%, transparent);
    background: color-mix(in srgb, currentColor 6%, transparent);
    display: inline-flex; align-items: center; gap: 0.3em;
  }
  button:hover, [aria-expanded='true'] { border-color: currentColor; }
  .zero { opacity: var(--confab-marker-shown, 0); }
  .zero:focus-visible, .zero[aria-expanded='true'] { opacity: 1; }
  :focus-visible { outline: 2px solid currentColor; outline-offset: 2px; }
  svg { width: 1em; height: 1em; }
  @media (hover: none) { .zero { opacity: 0.6; } }
`);

const panelStyles = new CSSStyleSheet();
panelStyles.replaceSync(`
  :host { display: block; margin: 0 0 1.4em; font-family: system-ui, sans-serif; font-size: 1rem; }
  .panel {
    border-inline-start: 3px solid color-mix(in srgb, currentColor 35%, transparent);
    padding: 0.5em 0 0.5em 1em; padding-inline: 1em 0;
  }
  .panel:focus { outline: none; }
  .panel:focus-visible { outline: 2px solid currentColor; outline-offset: 2px; }
  .head { display: flex; justify-content: space-between; align-items: baseline; gap: 1em; }
  .title { font-weight: 600; margin: 0 0 0.5em; }
  [part~='thread'] { margin-bottom: 1em; }
`);

const selectionStyles = new CSSStyleSheet();
selectionStyles.replaceSync(`
  button {
    font: 600 0.875rem/1 system-ui, sans-serif; padding: 0.5em 0.9em; min-height: 24px; border-radius: 999px; cursor: pointer;
    color: #fff; background: #1d1b20; border: 1px solid #fff; box-shadow: 0 2px 8px rgb(0 0 0 / 0.25);
  }
  :focus-visible { outline: 2px solid #1d1b20; outline-offset: 2px; }
`);

// The speech-bubble icon of the markers.
const bubble = () => html`<svg viewBox="0 0 16 16" aria-hidden="true" focusable="false"><path fill="currentColor" d="M2 2h12a1 1 0 0 1 1 1v8a1 1 0 0 1-1 1H7l-3.5 3v-3H2a1 1 0 0 1-1-1V3a1 1 0 0 1 1-1z"/></svg>`;

interface Open {
  block: Element;
  anchor: Anchor;
}

/** The host's `t`, with the English strings of inline comments under its table. */
const tr = (host: InlineHost) => partTranslator(host.t, enInline);

/**
 * Inline comments on an article: a marker at the end of every paragraph (its count, or a quiet "+" that shows on
 * hover and keyboard focus), a panel under the paragraph with its comments and a composer, a "Comment" button over
 * a selection, and highlighted quoted passages. Anchors are found again in the article's text at every update, so
 * they follow reflow, font changes and small edits; the article's markup only gains the markers (and, while open, the
 * panel after its paragraph).
 */
export function attach(host: InlineHost): Inline | null {
  let container: Element | null = null;
  try {
    container = document.querySelector(host.container);
  } catch {
    console.warn(`[confab] inline: ${JSON.stringify(host.container)} is not a CSS selector; inline comments are off.`);
    return null;
  }
  if (!container) {
    console.warn(`[confab] inline: nothing on the page matches ${JSON.stringify(host.container)}; inline comments are off.`);
    return null;
  }
  if (!document.adoptedStyleSheets.includes(pageStyles)) document.adoptedStyleSheets = [...document.adoptedStyleSheets, pageStyles];

  let model = new TextModel(container);
  const markers = new Map<Element, HTMLElement>();
  const marks: HTMLElement[] = [];
  let located = new Map<string, {block: Element; start: number; end: number}>();
  let open: Open | null = null;
  let panel: HTMLElement | null = null;
  let selection: HTMLElement | null = null;
  // The passage selected in the article now, and its paragraph.
  let pending: {anchor: Anchor; block: Element} | null = null;
  let scheduled = 0;

  // The article may change under us (a CMS preview, a live edit): its text is read again and anchors found again.
  let edited = false;
  const observer = new MutationObserver(() => {
    edited = true;
    clearTimeout(scheduled);
    scheduled = window.setTimeout(update, 50);
  });
  const quiet = (change: () => void) => {
    change();
    observer.takeRecords();
  };

  const anchored = () => host.thread().filter((node) => node.comment.anchor && !node.comment.deleted);

  function update(): void {
    // The article's text is read only when it changed (or the fallback's <mark>s must go), not at every render.
    if (edited || marks.length) {
      unmark();
      model = new TextModel(container!);
      edited = false;
    }
    const before = [...located.keys()].join();
    located = new Map();
    const ranges: Range[] = [];
    const counts = new Map<Element, number>();
    for (const node of anchored()) {
      const anchor = node.comment.anchor!;
      const found = locate(model.text, anchor);
      const block = found && model.blockAt(found.start);
      if (!found || !block) continue;
      located.set(node.comment.id, {block: block.element, ...found});
      counts.set(block.element, (counts.get(block.element) ?? 0) + 1 + countReplies(node));
      if (!anchor.paragraph) {
        const range = model.range(found.start, Math.min(found.end, block.end));
        if (range) ranges.push(range);
      }
    }
    highlight(ranges);
    if ([...located.keys()].join() !== before) host.changed();
    quiet(() => {
      const blocks = new Set<Element>(model.blocks.map((b) => b.element));
      for (const [block, marker] of markers) if (!blocks.has(block)) (marker.remove(), markers.delete(block));
      for (const block of model.blocks) renderMarker(block, counts.get(block.element) ?? 0);
      if (open && !blocks.has(open.block)) close(false);
      renderPanel();
    });
  }

  /** Takes the fallback's <mark>s away, joining the text they split. */
  function unmark(): void {
    quiet(() => {
      for (const mark of marks.splice(0)) {
        const parent = mark.parentNode;
        mark.replaceWith(...mark.childNodes);
        parent?.normalize();
      }
    });
  }

  function highlight(ranges: Range[]): void {
    if ('highlights' in CSS && CSS.highlights) {
      CSS.highlights.set('confab-quote', new Highlight(...ranges));
      return;
    }
    // Without the Custom Highlight API: <mark> around passages that lie in one text node.
    quiet(() => {
      for (const range of ranges) {
        if (range.startContainer !== range.endContainer) continue;
        const mark = document.createElement('mark');
        mark.dataset.confabQuote = '';
        range.surroundContents(mark);
        marks.push(mark);
      }
    });
  }

  function renderMarker(block: Block, count: number): void {
    let marker = markers.get(block.element);
    if (!marker) {
      marker = document.createElement('span');
      marker.dataset.confab = 'marker';
      marker.attachShadow({mode: 'open'}).adoptedStyleSheets = [markerStyles];
      block.element.append(marker);
      markers.set(block.element, marker);
    }
    const t = tr(host);
    const expanded = open?.block === block.element;
    render(
      html`<button
        part="inline-marker"
        type="button"
        class=${count ? 'count' : 'zero'}
        aria-label=${count ? t('inlineMarker', {n: count}) : t('inlineAdd')}
        aria-expanded=${expanded ? 'true' : 'false'}
        @click=${() => {
          if (expanded) return close(true);
          // A passage selected in this paragraph (by keyboard too: Shift+arrows, then Tab here) is what the comment is on.
          const selected = pending?.block === block.element ? pending.anchor : null;
          openAt(block.element, selected ?? paragraphAnchor(block), count === 0 || !!selected);
        }}
      >
        ${bubble()}<span aria-hidden="true">${count ? new Intl.NumberFormat(t.locale).format(count) : '+'}</span>
      </button>`,
      marker.shadowRoot!
    );
  }

  function paragraphAnchor(block: Block): Anchor {
    return anchorAt(model.text, block.start, Math.min(block.end, block.start + 120), true);
  }

  function openAt(block: Element, anchor: Anchor, toComposer: boolean): void {
    const previous = open?.block;
    quiet(() => {
      if (previous !== block) panel?.remove();
      open = {block, anchor};
      if (!panel || !panel.isConnected) {
        panel = document.createElement('div');
        panel.dataset.confab = 'panel';
        panel.attachShadow({mode: 'open'}).adoptedStyleSheets = [...host.styles, panelStyles];
        if (block.localName === 'li') block.append(panel);
        else block.after(panel);
      }
      renderPanel();
      // Both markers say whether their panel is open.
      for (const b of model.blocks) if (b.element === block || b.element === previous) renderMarker(b, countIn(b.element));
    });
    hideSelectionButton();
    const root = panel!.shadowRoot!;
    // Into the panel: the composer when there is nothing to read yet, else the panel itself (its label is read out).
    void Promise.resolve().then(() => {
      const composer = root.querySelector<HTMLElement>('confab-composer');
      if (toComposer && composer) composer.focus();
      else root.querySelector<HTMLElement>('.panel')?.focus();
    });
  }

  function close(returnFocus: boolean): void {
    const block = open?.block;
    quiet(() => {
      panel?.remove();
      panel = null;
      open = null;
      if (block) {
        const b = model.blocks.find((x) => x.element === block);
        if (b) renderMarker(b, countIn(block));
      }
    });
    if (returnFocus && block) markers.get(block)?.shadowRoot?.querySelector('button')?.focus();
  }

  function countIn(block: Element): number {
    let n = 0;
    for (const node of anchored()) if (located.get(node.comment.id)?.block === block) n += 1 + countReplies(node);
    return n;
  }

  function renderPanel(): void {
    if (!open || !panel) return;
    const t = tr(host);
    const {block, anchor} = open;
    const nodes = anchored().filter((node) => located.get(node.comment.id)?.block === block);
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
            close(true);
          }
        }}
      >
        <div class="head">
          <p class="title" id="inline-heading">${t('inlineHeading')}</p>
          <button part="inline-close" class="link-button" type="button" @click=${() => close(true)}>${t('close')}</button>
        </div>
        ${anchor.paragraph ? nothing : html`<blockquote part="quote" dir="auto">${anchor.quote}</blockquote>`}
        ${nodes.length ? html`<ol part="thread">${host.renderNodes(nodes)}</ol>` : nothing}
        ${host.composer(anchor)}
      </section>`,
      panel.shadowRoot!,
      {host: host.element}
    );
  }

  // Selecting text in the article offers "Comment" just above the selection.
  function onSelection(): void {
    const sel = getSelection();
    const range = sel && sel.rangeCount && !sel.isCollapsed ? sel.getRangeAt(0) : null;
    if (!range || !container!.contains(range.commonAncestorContainer)) return hideSelectionButton();
    const start = model.offsetOf(range.startContainer, range.startOffset);
    const block = start >= 0 ? model.blockAt(start) : undefined;
    let end = model.offsetOf(range.endContainer, range.endOffset);
    if (!block || end < 0) return hideSelectionButton();
    end = Math.min(end < start ? block.end : end, block.end);
    const text = model.text.slice(start, end);
    if (!text.trim()) return hideSelectionButton();
    // Leading and trailing spaces are not part of the passage.
    const from = start + (text.length - text.trimStart().length);
    const to = end - (text.length - text.trimEnd().length);
    pending = {anchor: anchorAt(model.text, from, to), block: block.element};
    showSelectionButton(range.getBoundingClientRect(), block);
  }

  function showSelectionButton(rect: DOMRect, block: Block): void {
    if (!selection) {
      selection = document.createElement('div');
      selection.dataset.confab = 'selection';
      selection.attachShadow({mode: 'open'}).adoptedStyleSheets = [selectionStyles];
      document.body.append(selection);
    }
    const t = tr(host);
    selection.style.top = `${rect.top + scrollY - 44}px`;
    selection.style.left = `${Math.max(8, rect.left + scrollX)}px`;
    render(
      html`<button
        part="inline-selection-button"
        type="button"
        aria-label=${t('inlineSelectionLabel')}
        @mousedown=${(e: Event) => e.preventDefault()}
        @click=${() => pending && openAt(pending.block, pending.anchor, true)}
      >
        ${t('inlineSelection')}
      </button>`,
      selection.shadowRoot!
    );
  }

  function hideSelectionButton(): void {
    selection?.remove();
    selection = null;
    pending = null;
  }

  /**
   * Inline comments on later pages of the thread belong in the article now: their threads are fetched in the
   * background (up to 2,000 top-level comments) and added; the thread under the post still pages as before.
   */
  let stopped = false;
  async function loadAnchored(): Promise<void> {
    const thread = host.actions;
    const signal = thread.signal;
    let cursor = thread.next;
    // While every page so far was wholly inline comments, the thread has them all: its "Load more" moves on too.
    let whole = true;
    for (let pages = 0; cursor && pages < 20 && !stopped && !signal?.aborted; pages++) {
      const page = await thread.adapter.list(thread.postId, {signal, cursor, limit: 100, sort: thread.sort}).catch(() => null);
      if (!page || stopped || signal?.aborted || thread.signal !== signal) return;
      const byId = new Map(page.comments.map((c) => [c.id, c]));
      const rootOf = (c: Comment): Comment => {
        for (let i = 0; c.parentId && byId.has(c.parentId) && i < byId.size; i++) c = byId.get(c.parentId)!;
        return c;
      };
      const anchored = page.comments.filter((c) => rootOf(c).anchor);
      thread.add(anchored);
      whole &&= anchored.length === page.comments.length && thread.next === cursor;
      if (whole) thread.next = page.next;
      cursor = page.next;
    }
  }

  // Once a comment on a selected passage is posted, the panel's composer is for the paragraph again.
  const onAdded = (e: Event) => {
    const added = (e as CustomEvent<{comment: Comment}>).detail.comment.anchor;
    if (!open || open.anchor.paragraph || added?.position !== open.anchor.position) return;
    const block = model.blocks.find((b) => b.element === open!.block);
    if (block) open = {block: block.element, anchor: paragraphAnchor(block)};
    quiet(renderPanel);
  };
  host.element.addEventListener('confab-comment-added', onAdded);

  document.addEventListener('selectionchange', onSelection);
  observer.observe(container, {childList: true, characterData: true, subtree: true});
  update();
  void loadAnchored();

  return {
    update,
    detach() {
      stopped = true;
      host.element.removeEventListener('confab-comment-added', onAdded);
      observer.disconnect();
      clearTimeout(scheduled);
      document.removeEventListener('selectionchange', onSelection);
      hideSelectionButton();
      panel?.remove();
      for (const marker of markers.values()) marker.remove();
      unmark();
      if ('highlights' in CSS && CSS.highlights) CSS.highlights.delete('confab-quote');
    },
    orphaned: (comment) => !!comment.anchor && !comment.parentId && !located.has(comment.id),
    get panel() {
      return panel;
    },
    show(comment) {
      const at = located.get(comment.id);
      if (!at) return;
      const block = model.blocks.find((b) => b.element === at.block)!;
      openAt(at.block, paragraphAnchor(block), false);
      void Promise.resolve().then(() => {
        const article = panel?.shadowRoot?.querySelector<HTMLElement>(`#comment-${comment.id}`);
        article?.scrollIntoView({block: 'nearest'});
        article?.focus();
      });
    },
  };
}

/** An inline comment's quote, in the thread: where it was written, or that the passage has changed since. */
export function quote(host: InlineHost, c: Comment, inline?: Inline | null) {
  const orphaned = inline?.orphaned(c);
  return html`<blockquote part="quote${orphaned ? ' orphaned' : ''}">
    ${orphaned ? html`<span part="quote-note">${tr(host)('passageChanged')}</span>` : nothing}
    <q dir="auto">${c.anchor!.quote}${c.anchor!.paragraph ? '…' : ''}</q>
    ${inline && !orphaned
      ? html`<button part="show-in-post-button" class="link-button" type="button" @click=${() => inline.show(c)}>
          ${tr(host)('showInPost')}
        </button>`
      : nothing}
  </blockquote>`;
}

function countReplies(node: ThreadNode): number {
  return node.replies.reduce((n, reply) => n + 1 + countReplies(reply), 0);
}
