import {anchorAt, locate} from '../../../core/anchor.js';
import type {ThreadNode} from '../../../core/thread.js';
import type {Anchor, Comment, CommentPage} from '../../../core/types.js';
import {enInline} from '../../../i18n/en-inline.js';
import {partTranslator} from '../../../i18n/translate.js';
import {Highlighter} from './highlight.js';
import type {InlineHost} from './host.js';
import {Markers} from './markers.js';
import {Panel} from './panel.js';
import {SelectionButton} from './selection.js';
import {pageStyles} from './styles.js';
import {TextModel, type Block} from './text-model.js';

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

/**
 * Inline comments on an article: markers, a panel under the open paragraph, a "Comment" button over a selection, and
 * highlighted quoted passages. Anchors are found again in the article's text at every update, so they follow reflow,
 * font changes and small edits; the article's markup only gains the markers (and, while open, the panel after its
 * paragraph). Null when the selector is not valid or matches nothing (said in the console).
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
    console.warn(
      `[confab] inline: nothing on the page matches ${JSON.stringify(host.container)}; inline comments are off.`
    );
    return null;
  }
  return new InlineComments(host, container);
}

class InlineComments implements Inline {
  readonly #host: InlineHost;
  readonly #container: Element;
  #model: TextModel;
  readonly #markers = new Markers();
  readonly #panel = new Panel();
  readonly #selection = new SelectionButton();
  readonly #highlighter = new Highlighter();
  #located = new Map<string, {block: Element; start: number; end: number}>();
  #open: {block: Element; anchor: Anchor} | null = null;
  /** The passage selected in the article now, and its paragraph. */
  #pending: {anchor: Anchor; block: Element} | null = null;
  #edited = false;
  #detached = false;
  #scheduled = 0;
  readonly #observer: MutationObserver;

  constructor(host: InlineHost, container: Element) {
    this.#host = host;
    this.#container = container;
    if (!document.adoptedStyleSheets.includes(pageStyles))
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, pageStyles];
    this.#model = new TextModel(container);
    // The article may change under us (a CMS preview, a live edit): its text is read again and anchors found again.
    this.#observer = new MutationObserver(() => {
      this.#edited = true;
      clearTimeout(this.#scheduled);
      this.#scheduled = window.setTimeout(() => this.update(), 50);
    });
    host.element.addEventListener('confab-comment-added', this.#onAdded);
    document.addEventListener('selectionchange', this.#onSelection);
    this.#observer.observe(container, {childList: true, characterData: true, subtree: true});
    this.update();
    void this.#loadAnchored();
  }

  get panel(): HTMLElement | null {
    return this.#panel.element;
  }

  get #t() {
    return partTranslator(this.#host.t, enInline);
  }

  update(): void {
    // The article's text is read only when it changed (or the fallback's <mark>s must go), not at every render.
    if (this.#edited || this.#highlighter.marked) {
      this.#quiet(() => this.#highlighter.unmark());
      this.#model = new TextModel(this.#container);
      this.#edited = false;
    }
    const model = this.#model;
    const before = [...this.#located.keys()].join();
    this.#located = new Map();
    const ranges: Range[] = [];
    const counts = new Map<Element, number>();
    for (const node of this.#anchored()) {
      const anchor = node.comment.anchor!;
      const found = locate(model.text, anchor);
      const block = found && model.blockAt(found.start);
      if (!found || !block) continue;
      this.#located.set(node.comment.id, {block: block.element, ...found});
      counts.set(block.element, (counts.get(block.element) ?? 0) + 1 + countReplies(node));
      if (!anchor.paragraph) {
        const range = model.range(found.start, Math.min(found.end, block.end));
        if (range) ranges.push(range);
      }
    }
    this.#quiet(() => this.#highlighter.show(ranges));
    if ([...this.#located.keys()].join() !== before) this.#host.changed();
    this.#quiet(() => {
      const blocks = new Set<Element>(model.blocks.map((b) => b.element));
      this.#markers.prune(blocks);
      for (const block of model.blocks) this.#renderMarker(block, counts.get(block.element) ?? 0);
      if (this.#open && !blocks.has(this.#open.block)) this.#close(false);
      this.#renderPanel();
    });
  }

  detach(): void {
    this.#detached = true;
    this.#host.element.removeEventListener('confab-comment-added', this.#onAdded);
    this.#observer.disconnect();
    clearTimeout(this.#scheduled);
    document.removeEventListener('selectionchange', this.#onSelection);
    this.#selection.hide();
    this.#pending = null;
    this.#panel.remove();
    this.#markers.removeAll();
    this.#highlighter.clear();
  }

  orphaned(comment: Comment): boolean {
    return !!comment.anchor && !comment.parentId && !this.#located.has(comment.id);
  }

  show(comment: Comment): void {
    const at = this.#located.get(comment.id);
    if (!at) return;
    const block = this.#model.blocks.find((b) => b.element === at.block)!;
    this.#openAt(at.block, this.#paragraphAnchor(block), false);
    void Promise.resolve().then(() => {
      const article = this.#panel.element?.shadowRoot?.querySelector<HTMLElement>(`#comment-${comment.id}`);
      article?.scrollIntoView({block: 'nearest'});
      article?.focus();
    });
  }

  /**
   * Inline comments on later pages belong in the article now: their threads are fetched in the background, in one
   * request where the storage can list them alone (`anchored`), else page by page (up to 20 pages of 100). While
   * every page so far held only inline comments, the thread has them all, and its "Load more" moves past them.
   */
  async #loadAnchored(): Promise<void> {
    const thread = this.#host.thread;
    const {signal, adapter, postId, sort} = thread;
    let cursor = thread.next;
    if (!cursor || !adapter) return;
    const all = await adapter.list(postId, {signal, anchored: true, sort}).catch(() => null);
    if (!all || this.#detached || signal !== thread.signal || signal?.aborted) return;
    // An adapter that knows `anchored` answers one page with every inline thread; any other, a first page as usual
    // (then what it holds about passages is kept, and the pages are walked).
    if (all.next === null) {
      thread.add(anchoredOf(all.comments));
      return;
    }
    let whole = true;
    for (let pages = 0; cursor && adapter && pages < 20 && !this.#detached && !signal?.aborted; pages++) {
      const page: CommentPage | null = await adapter.list(postId, {signal, cursor, limit: 100, sort}).catch(() => null);
      if (!page || this.#detached || signal !== thread.signal || signal?.aborted) return;
      const anchored = anchoredOf(page.comments);
      thread.add(anchored);
      whole &&= anchored.length === page.comments.length;
      if (whole) thread.pagedPast(cursor, page.next);
      cursor = page.next;
    }
  }

  /** Changes to the article made by Confab itself are not the article changing. */
  #quiet(change: () => void): void {
    change();
    this.#observer.takeRecords();
  }

  #anchored(): ThreadNode[] {
    return this.#host.thread.thread.filter((node) => node.comment.anchor && !node.comment.deleted);
  }

  #renderMarker(block: Block, count: number): void {
    const expanded = this.#open?.block === block.element;
    this.#markers.render(block, count, this.#t, expanded, () => {
      if (expanded) return this.#close(true);
      // A passage selected in this paragraph (by keyboard too: Shift+arrows, then Tab here) is what the comment is on.
      const selected = this.#pending?.block === block.element ? this.#pending.anchor : null;
      this.#openAt(block.element, selected ?? this.#paragraphAnchor(block), count === 0 || !!selected);
    });
  }

  #paragraphAnchor(block: Block): Anchor {
    return anchorAt(this.#model.text, block.start, Math.min(block.end, block.start + 120), true);
  }

  #openAt(block: Element, anchor: Anchor, toComposer: boolean): void {
    const previous = this.#open?.block;
    this.#quiet(() => {
      if (previous !== block) this.#panel.remove();
      this.#open = {block, anchor};
      this.#panel.place(block, this.#host.styles);
      this.#renderPanel();
      // Both markers say whether their panel is open.
      for (const b of this.#model.blocks)
        if (b.element === block || b.element === previous) this.#renderMarker(b, this.#countIn(b.element));
    });
    this.#selection.hide();
    this.#pending = null;
    this.#panel.focus(toComposer);
  }

  #close(returnFocus: boolean): void {
    const block = this.#open?.block;
    this.#quiet(() => {
      this.#panel.remove();
      this.#open = null;
      const b = block && this.#model.blocks.find((x) => x.element === block);
      if (b) this.#renderMarker(b, this.#countIn(b.element));
    });
    if (returnFocus && block) this.#markers.focus(block);
  }

  #countIn(block: Element): number {
    let n = 0;
    for (const node of this.#anchored())
      if (this.#located.get(node.comment.id)?.block === block) n += 1 + countReplies(node);
    return n;
  }

  #renderPanel(): void {
    if (!this.#open) return;
    const {block, anchor} = this.#open;
    const nodes = this.#anchored().filter((node) => this.#located.get(node.comment.id)?.block === block);
    this.#panel.render(this.#host, this.#t, anchor, nodes, () => this.#close(true));
  }

  /** Selecting text in the article offers "Comment" just above the selection. */
  #onSelection = (): void => {
    const model = this.#model;
    const sel = getSelection();
    const range = sel && sel.rangeCount && !sel.isCollapsed ? sel.getRangeAt(0) : null;
    const hide = () => {
      this.#selection.hide();
      this.#pending = null;
    };
    if (!range || !this.#container.contains(range.commonAncestorContainer)) return hide();
    const start = model.offsetOf(range.startContainer, range.startOffset);
    const block = start >= 0 ? model.blockAt(start) : undefined;
    let end = model.offsetOf(range.endContainer, range.endOffset);
    if (!block || end < 0) return hide();
    end = Math.min(end < start ? block.end : end, block.end);
    const text = model.text.slice(start, end);
    if (!text.trim()) return hide();
    // Leading and trailing spaces are not part of the passage.
    const from = start + (text.length - text.trimStart().length);
    const to = end - (text.length - text.trimEnd().length);
    const pending = (this.#pending = {anchor: anchorAt(model.text, from, to), block: block.element});
    this.#selection.show(range.getBoundingClientRect(), this.#t, () =>
      this.#openAt(pending.block, pending.anchor, true)
    );
  };

  /** Once a comment on a selected passage is posted, the panel's composer is for the paragraph again. */
  #onAdded = (e: Event): void => {
    const added = (e as CustomEvent<{comment: Comment}>).detail.comment.anchor;
    const open = this.#open;
    if (!open || open.anchor.paragraph || added?.position !== open.anchor.position) return;
    const block = this.#model.blocks.find((b) => b.element === open.block);
    if (block) this.#open = {block: block.element, anchor: this.#paragraphAnchor(block)};
    this.#quiet(() => this.#renderPanel());
  };
}

/** Replies under a node (the tree is at most MAX_DEPTH deep). */
function countReplies(node: ThreadNode): number {
  return node.replies.reduce((n, reply) => n + 1 + countReplies(reply), 0);
}

/** The comments of threads about a passage: top-level inline comments and their replies. */
function anchoredOf(comments: Comment[]): Comment[] {
  const byId = new Map(comments.map((c) => [c.id, c]));
  const rootOf = (c: Comment): Comment => {
    for (let i = 0; c.parentId && byId.has(c.parentId) && i < byId.size; i++) c = byId.get(c.parentId)!;
    return c;
  };
  return comments.filter((c) => rootOf(c).anchor);
}
