import createDOMPurify, {type DOMPurify, type WindowLike} from 'dompurify';
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

const CONFIG = {
  ALLOWED_TAGS: [...ALLOWED_TAGS],
  ALLOWED_ATTR: [...ALLOWED_ATTR],
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:)/i,
  ALLOW_ARIA_ATTR: false,
  // data-* attributes, unknown protocols and TrustedHTML results are off by default in DOMPurify.
};

/** Confab's rules, applied by one DOMPurify instance of a window (the page's, or jsdom's on the server). */
export interface Sanitizer {
  /** Sanitized HTML, or `null` when sanitizing is impossible or fails (render the original as escaped text). */
  html(dirty: string): string | null;
  /** Sanitized nodes (DOMPurify's own parse, never serialized and parsed again), or `null`. */
  nodes(dirty: string): DocumentFragment | null;
}

/**
 * Confab's sanitizer for a window: DOMPurify instances of its own, so that its hook never touches a host page's
 * DOMPurify, each with the hook registered and Confab's rules set once (DOMPurify reads a config passed to `sanitize`
 * again at every call: a few milliseconds a comment). One instance returns strings, the other nodes, each set up at its
 * first use. `null` when DOMPurify cannot work there.
 */
export function sanitizerFor(win: WindowLike): Sanitizer | null {
  const probe = createDOMPurify(win);
  if (!probe.isSupported || typeof probe.sanitize !== 'function') return null;
  let spare: DOMPurify | undefined = probe;
  const purifier = (config: object): DOMPurify => {
    const dp = spare ?? createDOMPurify(win);
    spare = undefined;
    dp.addHook('afterSanitizeAttributes', (node) => {
      if (node.nodeName !== 'A') return;
      const href = safeUrl(node.getAttribute('href') ?? '', {mailto: true});
      if (href) node.setAttribute('href', href);
      else node.removeAttribute('href');
      node.setAttribute('rel', LINK_REL);
      node.setAttribute('target', '_blank');
    });
    dp.setConfig(config);
    return dp;
  };
  let strings: DOMPurify | undefined;
  let fragments: DOMPurify | undefined;
  const Fragment = (win as unknown as {DocumentFragment: typeof DocumentFragment}).DocumentFragment;
  return {
    html(dirty) {
      try {
        const out: unknown = (strings ??= purifier(CONFIG)).sanitize(dirty);
        return typeof out === 'string' ? out : null;
      } catch {
        return null;
      }
    },
    nodes(dirty) {
      try {
        const out: unknown = (fragments ??= purifier({...CONFIG, RETURN_DOM_FRAGMENT: true})).sanitize(dirty);
        return out instanceof Fragment ? out : null;
      } catch {
        return null;
      }
    },
  };
}

let page: Sanitizer | null | undefined;
/** The page's sanitizer (none without a DOM). */
const pageSanitizer = () =>
  page === undefined ? (page = typeof window === 'undefined' ? null : sanitizerFor(window)) : page;

/** Sanitizes HTML with Confab's allowlist in this page (see `Sanitizer.html`). */
export const sanitizeHtml = (html: string): string | null => pageSanitizer()?.html(html) ?? null;

/** Sanitizes HTML into nodes in this page (see `Sanitizer.nodes`): what a page that requires Trusted Types can show. */
export const sanitizeNodes = (html: string): DocumentFragment | null => pageSanitizer()?.nodes(html) ?? null;

/**
 * A comment body (markdown) as safe HTML, or `null` when it must be shown as escaped text. Fails closed: a body
 * that makes either step throw is shown as text, and only that body. So is one whose markdown would show none of its
 * words (a body of nothing but fence markers is an empty code block): the reader's words always show. The server
 * passes its own sanitizer (jsdom's window).
 */
export function renderBody(text: string, sanitizer: Sanitizer | null = pageSanitizer()): string | null {
  try {
    const html = sanitizer?.html(markdown(text)) ?? null;
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

/** A body passes the sanitizer before it is stored: when sanitizing is impossible here, nothing is (the text stays). */
export function renderable(body: string): void {
  if (bodyNodes(body) === null) throw Object.assign(new Error('[confab] Sanitizing failed.'), {code: 'cannot-render'});
}

const visible = (text: string) => text.trim() !== '';
