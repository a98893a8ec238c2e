import {JSDOM} from 'jsdom';
import {renderBody, sanitizerFor, type Sanitizer} from 'confab/sanitize';
import {html, SafeHtml} from './html.js';

let sanitizer: Sanitizer | null | undefined;

/** Bodies rendered lately, by their text (a page view renders the same ones again): at most this many, oldest out. */
const CACHED = 5000;
const cache = new Map<string, SafeHtml>();

/**
 * A comment body as the widget shows it, for HTML the server sends (mail, feeds, pages): markdown through Confab's
 * sanitizer in a jsdom window, or, when that fails or would show none of the words, the text escaped with its line
 * breaks. Never the body unescaped.
 */
export function bodyHtml(text: string): SafeHtml {
  const known = cache.get(text);
  if (known) {
    cache.delete(text);
    cache.set(text, known);
    return known;
  }
  const rendered = render(text);
  cache.set(text, rendered);
  if (cache.size > CACHED) cache.delete(cache.keys().next().value!);
  return rendered;
}

function render(text: string): SafeHtml {
  sanitizer ??= sanitizerFor(new JSDOM('').window as never);
  const rendered = renderBody(text, sanitizer);
  if (rendered !== null) return new SafeHtml(rendered);
  return html`<p>${text
    .split('\n')
    .map((line, i) => (i ? [new SafeHtml('<br>'), line] : line))
    .flat()}</p>`;
}
