import createDOMPurify, {type DOMPurify} from 'dompurify';
import {markdown} from './markdown.js';
import {safeUrl} from './safe-url.js';

/** The only tags a comment body may contain. */
export const ALLOWED_TAGS: readonly string[] = [
  'p',
  'br',
  'em',
  'strong',
  'b',
  'i',
  'a',
  'code',
  'pre',
  'blockquote',
  'ul',
  'ol',
  'li',
];
/** The only attribute a comment body may carry; `rel` and `target` are set by Confab on every link. */
export const ALLOWED_ATTR: readonly string[] = ['href'];
export const LINK_REL = 'nofollow ugc noopener noreferrer';

let purifier: DOMPurify | null | undefined;

/** Confab's own DOMPurify instance, so that its hook never touches a host page's DOMPurify. Hooks register once. */
function getPurifier(): DOMPurify | null {
  if (purifier !== undefined) return purifier;
  purifier = null;
  if (typeof window === 'undefined') return null;
  const instance = createDOMPurify(window);
  if (!instance.isSupported || typeof instance.sanitize !== 'function') return null;
  instance.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName !== 'A') return;
    const href = safeUrl(node.getAttribute('href') ?? '', {mailto: true});
    if (href) node.setAttribute('href', href);
    else node.removeAttribute('href');
    node.setAttribute('rel', LINK_REL);
    node.setAttribute('target', '_blank');
  });
  return (purifier = instance);
}

const CONFIG = {
  ALLOWED_TAGS: [...ALLOWED_TAGS],
  ALLOWED_ATTR: [...ALLOWED_ATTR],
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:)/i,
  ALLOW_ARIA_ATTR: false,
  // data-* attributes, unknown protocols and TrustedHTML results are off by default in DOMPurify.
};

/**
 * Sanitizes HTML with Confab's allowlist. Returns `null` when sanitizing is impossible or fails, in which case the
 * caller must render the original as escaped text (fail closed).
 */
export function sanitizeHtml(html: string): string | null {
  try {
    const out = getPurifier()?.sanitize(html, CONFIG);
    return typeof out === 'string' ? out : null;
  } catch {
    return null;
  }
}

/**
 * Sanitizes HTML into nodes (DOMPurify's own parse, never serialized and parsed again), so that a page which
 * requires Trusted Types can show it: no string ever reaches `innerHTML`. `null` when it cannot be done.
 */
export function sanitizeNodes(html: string): DocumentFragment | null {
  try {
    const out = getPurifier()?.sanitize(html, {...CONFIG, RETURN_DOM_FRAGMENT: true});
    return out instanceof DocumentFragment ? out : null;
  } catch {
    return null;
  }
}

/**
 * A comment body (markdown) as safe HTML, or `null` when it must be shown as escaped text. Fails closed: a body
 * that makes either step throw is shown as text, and only that body. So is one whose markdown would show none of its
 * words (a body of nothing but fence markers is an empty code block): the reader's words always show.
 */
export function renderBody(text: string): string | null {
  try {
    const html = sanitizeHtml(markdown(text));
    return html !== null && visible(html.replace(/<[^>]*>/g, '')) ? html : null;
  } catch {
    return null;
  }
}

/** A comment body (markdown) as safe nodes, or `null` when it must be shown as escaped text (see `renderBody`). */
export function bodyNodes(text: string): DocumentFragment | null {
  try {
    const nodes = sanitizeNodes(markdown(text));
    return nodes && visible(nodes.textContent ?? '') ? nodes : null;
  } catch {
    return null;
  }
}

const visible = (text: string) => text.trim() !== '';
