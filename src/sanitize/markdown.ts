/**
 * Confab's markdown: the subset readers use in comments (bold, italic, links, inline code, code blocks, quotes,
 * lists, paragraphs, line breaks, bare URLs), in well under 1 KB. Safe by construction: every character of the source
 * is escaped on its way out unless it is markdown syntax, and links pass `safeUrl()`. Raw HTML is shown as text.
 * The output still goes through DOMPurify (`sanitize.ts`), which is what makes it safe to render.
 *
 * Why not a library: the ones small enough for the script-tag budget mis-parse links (`[x](javascript:a(1))`) and
 * drop paragraphs; the complete ones (marked, micromark) weigh 12-15 KB gzip, half the widget.
 */
import {escapeHtml} from './format.js';
import {safeUrl} from './safe-url.js';

const INLINE =
  /(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)|\[([^\]\n]{1,500})\]\(\s*((?:[^\s()]|\([^\s()]*\)){1,2048})\s*\)|\b(?:https?:\/\/|mailto:)[^\s<>"]*[^\s<>".,:;!?'")\]}*_]|\*\*(?=\S)([\s\S]*?\S)\*\*|__(?=\S)([\s\S]*?\S)__|\*(?=[^\s*])([\s\S]*?[^\s*])\*|\b_(?=[^\s_])([\s\S]*?[^\s_])_\b/g;

/** A link when the URL is safe; otherwise the source, as text. */
function link(href: string, text: string, source: string): string {
  const url = safeUrl(href, {mailto: true});
  return url ? `<a href="${escapeHtml(url)}">${text}</a>` : escapeHtml(source);
}

/**
 * How deep markdown may nest: quotes in quotes, emphasis in links in emphasis. Deeper syntax stays as text, so that
 * no body can exhaust the stack or bury the page in nested elements.
 */
export const MAX_NESTING = 8;

/** Inline markdown of one block's text. */
export function inline(text: string, depth = 0): string {
  if (depth >= MAX_NESTING) return escapeHtml(text);
  let out = '';
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    out += escapeHtml(text.slice(last, m.index));
    last = m.index! + m[0].length;
    const [whole, , code, label, href, bold1, bold2, em1, em2] = m;
    if (code !== undefined) out += `<code>${escapeHtml(code.trim() || code)}</code>`;
    else if (label !== undefined) out += link(href!, inline(label, depth + 1), whole);
    else if (bold1 ?? bold2) out += `<strong>${inline((bold1 ?? bold2)!, depth + 1)}</strong>`;
    else if (em1 ?? em2) out += `<em>${inline((em1 ?? em2)!, depth + 1)}</em>`;
    else out += link(whole, escapeHtml(whole), whole);
  }
  return out + escapeHtml(text.slice(last));
}

const FENCE = /^\s{0,3}(```|~~~)/;
const QUOTE = /^\s{0,3}> ?/;
const BULLET = /^\s{0,3}[-*+]\s+/;
const NUMBER = /^\s{0,3}\d{1,9}[.)]\s+/;

/**
 * Block markdown: fenced code, quotes, lists, and paragraphs whose single line breaks are kept. Quotes nest at most
 * `MAX_NESTING` deep (deeper `>` are text), so a body of 5,000 `>` is one quote of text, not 5,000 recursions.
 */
export function markdown(source: string, depth = 0): string {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const quote = (line: string) => depth < MAX_NESTING && QUOTE.test(line);
  let html = '';
  for (let i = 0; i < lines.length;) {
    const line = lines[i]!;
    const fence = FENCE.exec(line);
    if (fence) {
      const code: string[] = [];
      for (i++; i < lines.length && !lines[i]!.trimStart().startsWith(fence[1]!); i++) code.push(lines[i]!);
      i++;
      html += `<pre><code>${escapeHtml(code.join('\n'))}</code></pre>`;
    } else if (quote(line)) {
      const quoted: string[] = [];
      for (; i < lines.length && quote(lines[i]!); i++) quoted.push(lines[i]!.replace(QUOTE, ''));
      html += `<blockquote>${markdown(quoted.join('\n'), depth + 1)}</blockquote>`;
    } else if (BULLET.test(line) || NUMBER.test(line)) {
      const marker = BULLET.test(line) ? BULLET : NUMBER;
      const items: string[] = [];
      for (; i < lines.length && lines[i]!.trim(); i++) {
        if (marker.test(lines[i]!)) items.push(lines[i]!.replace(marker, ''));
        else if (items.length) items[items.length - 1] += '\n' + lines[i]!.trim();
      }
      const tag = marker === BULLET ? 'ul' : 'ol';
      html += `<${tag}>${items.map((item) => `<li>${inline(item, depth).replace(/\n/g, '<br>')}</li>`).join('')}</${tag}>`;
    } else if (!line.trim()) {
      i++;
    } else {
      const para: string[] = [];
      for (; i < lines.length && lines[i]!.trim() && !FENCE.test(lines[i]!) && !quote(lines[i]!); i++) {
        if (para.length && (BULLET.test(lines[i]!) || NUMBER.test(lines[i]!))) break;
        para.push(lines[i]!);
      }
      html += `<p>${inline(para.join('\n'), depth).replace(/\n/g, '<br>')}</p>`;
    }
  }
  return html;
}
