/**
 * `confab/sanitize`: how Confab turns a comment body into safe HTML, for code that renders comments outside the
 * widget (the Confab server renders threads as HTML with jsdom's window: `renderBody(text, sanitizerFor(window))`).
 */
export {ALLOWED_ATTR, ALLOWED_TAGS, LINK_REL, renderBody, sanitizerFor, type Sanitizer} from './sanitize.js';
export {markdown} from './markdown.js';
export {safeUrl} from './safe-url.js';
export {escapeHtml} from './format.js';
