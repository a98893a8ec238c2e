export {renderBody, sanitizeHtml, ALLOWED_TAGS, ALLOWED_ATTR, LINK_REL} from './sanitize.js';
export {safeUrl} from './safe-url.js';
export {formatPlainText, escapeHtml} from './format.js';
