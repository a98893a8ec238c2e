/** A paragraph (or list item, heading, quote...) of the post, and where its text lies in the post's text. */
export interface Block {
  element: HTMLElement;
  start: number;
  end: number;
}

interface Piece {
  node: Text;
  /** Where this node's text starts in the post's text. */
  start: number;
  /** For each character it contributes, its offset in the node. */
  offsets: number[];
}

const BLOCKS = 'p, li, blockquote, pre, h2, h3, h4, h5, h6, dd, dt, figcaption, td, th';
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u00AD]/;

/**
 * The text of an article as inline comments see it: its blocks' text, white space collapsed, blocks joined by one
 * space, with the way back from any offset to a DOM position. Only the article's own text counts: Confab's markers
 * and panels (in shadow roots, or marked `data-confab`) add nothing to it.
 */
export class TextModel {
  text = '';
  blocks: Block[] = [];
  #pieces: Piece[] = [];

  constructor(container: Element) {
    const leaves = [...container.querySelectorAll<HTMLElement>(BLOCKS)].filter(
      (el) =>
        !el.querySelector(BLOCKS) && !el.closest('[data-confab], header, footer, nav, aside') && el.textContent!.trim()
    );
    for (const element of leaves) {
      if (this.text) this.text += ' ';
      const start = this.text.length;
      let space = true;
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT, {
        acceptNode: (node) =>
          node.parentElement?.closest('[data-confab]') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
      });
      for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
        const piece: Piece = {node, start: this.text.length, offsets: []};
        const data = node.data;
        for (let i = 0; i < data.length; i++) {
          const ch = data[i]!;
          const code = data.charCodeAt(i);
          // Plain characters skip the checks below (they are most of any text).
          if (code > 32 && code < 127) {
            space = false;
            this.text += ch;
            piece.offsets.push(i);
            continue;
          }
          if (INVISIBLE.test(ch)) continue;
          if (/\s/.test(ch)) {
            if (space) continue;
            space = true;
            this.text += ' ';
          } else {
            space = false;
            this.text += ch;
          }
          piece.offsets.push(i);
        }
        this.#pieces.push(piece);
      }
      if (this.text.endsWith(' ') && this.text.length > start) {
        this.text = this.text.slice(0, -1);
        [...this.#pieces]
          .reverse()
          .find((p) => p.offsets.length)!
          .offsets.pop();
      }
      if (this.text.length > start) this.blocks.push({element, start, end: this.text.length});
      else this.text = this.text.slice(0, start - (start ? 1 : 0));
    }
  }

  /** The block holding an offset of the text. */
  blockAt(offset: number): Block | undefined {
    return this.blocks.find((b) => offset >= b.start && offset < b.end) ?? this.blocks.find((b) => offset === b.end);
  }

  /** A DOM range over part of the text. */
  range(start: number, end: number): Range | null {
    const from = this.#position(start, false);
    const to = this.#position(end, true);
    if (!from || !to) return null;
    const range = document.createRange();
    range.setStart(from[0], from[1]);
    range.setEnd(to[0], to[1]);
    return range;
  }

  /** The text offset of a DOM position (where a selection starts or ends), or -1 outside the article's text. */
  offsetOf(node: Node, offset: number): number {
    if (node.nodeType !== Node.TEXT_NODE) {
      // A position between children: the first text at or after it.
      const child = node.childNodes[offset];
      const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
      if (child) walker.currentNode = child;
      const text = child instanceof Text ? child : (walker.nextNode() as Text | null);
      if (!text) return -1;
      node = text;
      offset = 0;
    }
    const piece = this.#pieces.find((p) => p.node === node);
    if (!piece) return -1;
    const i = piece.offsets.findIndex((o) => o >= offset);
    return piece.start + (i < 0 ? piece.offsets.length : i);
  }

  #position(offset: number, isEnd: boolean): [Text, number] | null {
    for (const piece of this.#pieces) {
      const local = offset - piece.start;
      if (local < 0 || local > piece.offsets.length) continue;
      if (local === piece.offsets.length) {
        if (!isEnd) continue;
        return [piece.node, (piece.offsets[local - 1] ?? -1) + 1];
      }
      return [piece.node, piece.offsets[local]!];
    }
    return null;
  }
}
