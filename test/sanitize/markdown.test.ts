import {expect} from '@open-wc/testing';
import {markdown} from '../../src/sanitize/markdown.js';
import {renderBody} from '../../src/sanitize/sanitize.js';

const CASES: [string, string, string][] = [
  [
    'bold, italic, inline code',
    'a **b** *c* _d_ `e`',
    '<p>a <strong>b</strong> <em>c</em> <em>d</em> <code>e</code></p>',
  ],
  ['line breaks and paragraphs', 'one\ntwo\n\nthree', '<p>one<br>two</p><p>three</p>'],
  ['a link', '[Confab](https://confab.example/a_(b))', '<p><a href="https://confab.example/a_(b)">Confab</a></p>'],
  [
    'a bare URL, without its full stop',
    'see https://example.com/x.',
    '<p>see <a href="https://example.com/x">https://example.com/x</a>.</p>',
  ],
  ['an unsafe link stays text', '[x](javascript:alert(1))', '<p>[x](javascript:alert(1))</p>'],
  [
    'a code block keeps markup as text',
    '```\n<b>x</b> **y**\n```',
    '<pre><code>&lt;b&gt;x&lt;/b&gt; **y**</code></pre>',
  ],
  ['a quote', '> quoted\n> on', '<blockquote><p>quoted<br>on</p></blockquote>'],
  ['lists', '- a\n- b\n\n1. c\n2. d', '<ul><li>a</li><li>b</li></ul><ol><li>c</li><li>d</li></ol>'],
  ['raw HTML is text', '<b>x</b> & <script>', '<p>&lt;b&gt;x&lt;/b&gt; &amp; &lt;script&gt;</p>'],
  ['snake_case stays as is', 'snake_case_name', '<p>snake_case_name</p>'],
];

describe('markdown', () => {
  for (const [what, source, expected] of CASES) {
    it(what, () => {
      expect(markdown(source)).to.equal(expected);
    });
  }

  it('renders markdown and then sanitizes, never the other way round', () => {
    const html = renderBody('**[bold link](https://example.com)**')!;
    expect(html).to.equal(
      '<p><strong><a href="https://example.com/" rel="nofollow ugc noopener noreferrer" target="_blank">bold link</a></strong></p>'
    );
  });
});
