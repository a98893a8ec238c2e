import {safeUrl} from './safe-url.js';

const ESCAPES: Record<string, string> = {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'};
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

// A URL runs to white space; trailing punctuation that usually ends a sentence stays outside the link.
const URL_PATTERN = /\b(?:https?:\/\/|mailto:)[^\s<>"]*[^\s<>".,:;!?'")\]}]/gi;

function linkify(line: string): string {
  let out = '';
  let last = 0;
  for (const match of line.matchAll(URL_PATTERN)) {
    const href = safeUrl(match[0], {mailto: true});
    if (!href) continue;
    out += escapeHtml(line.slice(last, match.index)) + `<a href="${escapeHtml(href)}">${escapeHtml(match[0])}</a>`;
    last = match.index! + match[0].length;
  }
  return out + escapeHtml(line.slice(last));
}

/**
 * Turns a comment's plain text into HTML: every character escaped, blank lines separate paragraphs, single line
 * breaks stay line breaks, and http(s) and mailto URLs become links. The result still goes through `sanitize()`.
 */
export function formatPlainText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n+/)
    .filter((para) => para.trim() !== '')
    .map((para) => `<p>${para.split('\n').map(linkify).join('<br>')}</p>`)
    .join('');
}
