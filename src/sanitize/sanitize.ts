import createDOMPurify, {type DOMPurify} from 'dompurify';
import {markdown} from './markdown.js';
import {safeUrl} from './safe-url.js';

/** The only tags a comment body may contain. */
export const ALLOWED_TAGS: readonly string[] = [
  'p', 'br', 'em', 'strong', 'b', 'i', 'a', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li',
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

/**
 * Sanitizes HTML with Confab's allowlist. Returns `null` when sanitizing is impossible or fails, in which case the
 * caller must render the original as escaped text (fail closed).
 */
export function sanitizeHtml(html: string): string | null {
  const dp = getPurifier();
  if (!dp) return null;
  try {
    const out = dp.sanitize(html, {
      ALLOWED_TAGS: [...ALLOWED_TAGS],
      ALLOWED_ATTR: [...ALLOWED_ATTR],
      ALLOWED_URI_REGEXP: /^(?:https?:|mailto:)/i,
      ALLOW_ARIA_ATTR: false,
      // data-* attributes, unknown protocols and TrustedHTML results are off by default in DOMPurify.
    });
    return typeof out === 'string' ? out : null;
  } catch {
    return null;
  }
}

/** A comment body (markdown) as safe HTML, or `null` when it must be shown as escaped text. */
export function renderBody(text: string): string | null {
  return sanitizeHtml(markdown(text));
}
