import {html} from 'lit';
import {guard} from 'lit/directives/guard.js';
import {bodyNodes} from '../../sanitize/sanitize.js';

const cache = new Map<string, DocumentFragment | null>();
const CACHE_SIZE = 2000;

/**
 * A comment body for display: DOMPurify's nodes when sanitizing works, otherwise the text itself, escaped by Lit
 * (fail closed, for that body only). The only place in Confab that renders markup from a comment, and only
 * DOMPurify's output, inserted as nodes (no HTML string is ever assigned, so it works under Trusted Types).
 */
export function commentBody(text: string) {
  let safe = cache.get(text);
  if (safe === undefined) {
    safe = bodyNodes(text);
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(text, safe);
  }
  const nodes = safe;
  // dir="auto": an English comment reads left to right on an Arabic page, and the other way round.
  return nodes === null
    ? html`<div part="body" class="plain" dir="auto">${text}</div>`
    : html`<div part="body" dir="auto">${guard([nodes], () => document.importNode(nodes, true))}</div>`;
}
