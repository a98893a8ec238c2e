import {escapeHtml} from './format.js';
import {safeUrl} from './safe-url.js';

/**
 * Confab's markdown: the subset readers use in comments (bold, italic, links, inline code, code blocks, quotes,
 * lists, paragraphs, line breaks, bare URLs), in well under 1 KB. Safe by construction: every character of the source
 * is escaped on its way out unless it is markdown syntax, and links pass `safeUrl()`. Raw HTML is shown as text.
 * The output still goes through DOMPurify (`sanitize.ts`), which is what makes it safe to render.
 *
 * Why not a library: the ones small enough for the script-tag budget mis-parse links (`[x](javascript:a(1))`) and
 * drop paragraphs; the complete ones (marked, micromark) weigh 12-15 KB gzip, half the widget.
 */

const INLINE =
  /(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)|\[([^\]\n]+)\]\(\s*((?:[^\s()]|\([^\s()]*\))+)\s*\)|\b(?:https?:\/\/|mailto:)[^\s<>"]*[^\s<>".,:;!?'")\]}*_]|\*\*(?=\S)([\s\S]*?\S)\*\*|__(?=\S)([\s\S]*?\S)__|\*(?=[^\s*])([\s\S]*?[^\s*])\*|\b_(?=[^\s_])([\s\S]*?[^\s_])_\b/g;

/** A link when the URL is safe; otherwise the source, as text. */
function link(href: string, text: string, source: string): string {
  const url = safeUrl(href, {mailto: true});
  return url ? `<a href="${escapeHtml(url)}">${text}</a>` : escapeHtml(source);
}

/** Inline markdown of one block's text. */
export function inline(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    out += escapeHtml(text.slice(last, m.index));
    last = m.index! + m[0].length;
    const [whole, , code, label, href, bold1, bold2, em1, em2] = m;
    if (code !== undefined) out += `<code>${escapeHtml(code.trim() || code)}</code>`;
    else if (label !== undefined) out += link(href!, inline(label), whole);
    else if (bold1 ?? bold2) out += `<strong>${inline((bold1 ?? bold2)!)}</strong>`;
    else if (em1 ?? em2) out += `<em>${inline((em1 ?? em2)!)}</em>`;
    else out += link(whole, escapeHtml(whole), whole);
  }
  return out + escapeHtml(text.slice(last));
}

const FENCE = /^\s{0,3}(```|~~~)/;
const QUOTE = /^\s{0,3}> ?/;
const BULLET = /^\s{0,3}[-*+]\s+/;
const NUMBER = /^\s{0,3}\d{1,9}[.)]\s+/;

/** Block markdown: fenced code, quotes, lists, and paragraphs whose single line breaks are kept. */
export function markdown(source: string): string {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  let html = '';
  for (let i = 0; i < lines.length; ) {
    const line = lines[i]!;
    const fence = FENCE.exec(line);
    if (fence) {
      const code: string[] = [];
      for (i++; i < lines.length && !lines[i]!.trimStart().startsWith(fence[1]!); i++) code.push(lines[i]!);
      i++;
      html += `<pre><code>${escapeHtml(code.join('\n'))}</code></pre>`;
    } else if (QUOTE.test(line)) {
      const quoted: string[] = [];
      for (; i < lines.length && QUOTE.test(lines[i]!); i++) quoted.push(lines[i]!.replace(QUOTE, ''));
      html += `<blockquote>${markdown(quoted.join('\n'))}</blockquote>`;
    } else if (BULLET.test(line) || NUMBER.test(line)) {
      const marker = BULLET.test(line) ? BULLET : NUMBER;
      const items: string[] = [];
      for (; i < lines.length && lines[i]!.trim(); i++) {
        if (marker.test(lines[i]!)) items.push(lines[i]!.replace(marker, ''));
        else if (items.length) items[items.length - 1] += '\n' + lines[i]!.trim();
      }
      const tag = marker === BULLET ? 'ul' : 'ol';
      html += `<${tag}>${items.map((item) => `<li>${inline(item).replace(/\n/g, '<br>')}</li>`).join('')}</${tag}>`;
    } else if (!line.trim()) {
      i++;
    } else {
      const para: string[] = [];
      for (; i < lines.length && lines[i]!.trim() && !FENCE.test(lines[i]!) && !QUOTE.test(lines[i]!); i++) {
        if (para.length && (BULLET.test(lines[i]!) || NUMBER.test(lines[i]!))) break;
        para.push(lines[i]!);
      }
      html += `<p>${inline(para.join('\n')).replace(/\n/g, '<br>')}</p>`;
    }
  }
  return html;
}
