import {html} from 'lit';
import {renderBody} from '../../sanitize/sanitize.js';

const cache = new Map<string, string | null>();
const CACHE_SIZE = 2000;

/**
 * A comment body for display: sanitized HTML when sanitizing works, otherwise the text itself, escaped by Lit
 * (fail closed). The only place in Confab that renders HTML, and only
 * DOMPurify's output.
 */
export function commentBody(text: string) {
  let safe = cache.get(text);
  if (safe === undefined) {
    safe = renderBody(text);
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(text, safe);
  }
  // dir="auto": an English comment reads left to right on an Arabic page, and the other way round.
  return safe === null
    ? html`<div part="body" class="plain" dir="auto">${text}</div>`
    : html`<div part="body" dir="auto" .innerHTML=${safe}></div>`;
}
