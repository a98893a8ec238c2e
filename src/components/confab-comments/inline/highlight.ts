/**
 * The quoted passages, highlighted in the article: with the CSS Custom Highlight API (no change to the article's
 * markup), or, where it is missing, `<mark>`s around passages that lie in one text node, taken away again before the
 * article's text is read.
 */
export class Highlighter {
  readonly #marks: HTMLElement[] = [];

  /** True while `<mark>`s are in the article (its text must be read again after they go). */
  get marked(): boolean {
    return this.#marks.length > 0;
  }

  show(ranges: Range[]): void {
    if ('highlights' in CSS && CSS.highlights) {
      CSS.highlights.set('confab-quote', new Highlight(...ranges));
      return;
    }
    for (const range of ranges) {
      if (range.startContainer !== range.endContainer) continue;
      const mark = document.createElement('mark');
      mark.dataset.confabQuote = '';
      range.surroundContents(mark);
      this.#marks.push(mark);
    }
  }

  /** Takes the `<mark>`s away, joining the text they split. */
  unmark(): void {
    for (const mark of this.#marks.splice(0)) {
      const parent = mark.parentNode;
      mark.replaceWith(...mark.childNodes);
      parent?.normalize();
    }
  }

  clear(): void {
    this.unmark();
    if ('highlights' in CSS && CSS.highlights) CSS.highlights.delete('confab-quote');
  }
}
