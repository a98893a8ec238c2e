import TurndownService from 'turndown';

/** Block-level tags: HTML with none of them is text with line breaks (WordPress stores comments so). */
const BLOCK = /<(p|div|br|blockquote|pre|ul|ol|li|h[1-6]|table)\b/i;

const turndown = new TurndownService({
  headingStyle: 'atx',
  codeBlockStyle: 'fenced',
  emDelimiter: '*',
  strongDelimiter: '**',
  bulletListMarker: '-',
  linkStyle: 'inlined',
  // A <br> is one line break, as Confab's markdown keeps them.
  br: '',
});
// What Confab's markdown cannot show goes, keeping its words: scripts and styles entirely, an image as a link to it,
// a heading as a bold line, any other element as its text.
turndown.remove(['script', 'style', 'noscript', 'iframe', 'object', 'embed', 'template', 'head', 'title']);
turndown.addRule('image', {
  filter: 'img',
  replacement: (_content, node) => {
    const el = node as unknown as {getAttribute(name: string): string | null};
    const src = el.getAttribute('src') ?? '';
    const alt = (el.getAttribute('alt') ?? '').replace(/[[\]]/g, '');
    return /^https?:\/\//.test(src) ? `[${alt || 'image'}](${src})` : alt;
  },
});
turndown.addRule('link', {
  filter: (node) =>
    node.nodeName === 'A' && !!(node as unknown as {getAttribute(n: string): string | null}).getAttribute('href'),
  replacement: (content, node) => {
    const href = (node as unknown as {getAttribute(name: string): string}).getAttribute('href').trim();
    if (!/^(https?:|mailto:)/i.test(href)) return content;
    return content.trim() === href
      ? href
      : `[${content.replace(/[[\]]/g, '')}](${href.replace(/[()\s]/g, (c) => encodeURIComponent(c))})`;
  },
});
turndown.addRule('heading', {
  filter: ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'],
  replacement: (content) => `\n\n**${content.trim()}**\n\n`,
});
turndown.addRule('strikethrough', {filter: ['del', 's'], replacement: (content) => content});

/**
 * A comment stored as HTML (Disqus, WordPress, Remark42's rendered text, Commento's html), as the markdown Confab
 * renders: paragraphs, line breaks, links, emphasis, quotes, code and lists survive; every other element leaves its
 * text; entities become characters. HTML without block tags is text whose line breaks count (a blank line is a new
 * paragraph), as WordPress shows it.
 */
export function htmlToMarkdown(html: string): string {
  const source = BLOCK.test(html)
    ? html
    : html
        .split(/\r?\n\s*\r?\n/)
        .map((paragraph) => `<p>${paragraph.replace(/\r?\n/g, '<br>')}</p>`)
        .join('');
  return turndown
    .turndown(source)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
