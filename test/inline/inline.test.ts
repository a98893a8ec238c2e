import {expect, fixture, html} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import {MemoryAdapter} from '../../src/adapters/memory.js';
import type {ConfabComments} from '../../src/components/confab-comments/confab-comments.js';
import type {ConfabComposer} from '../../src/components/confab-composer/confab-composer.js';
import type {Comment, CommentPage, ListOptions} from '../../src/core/types.js';
import '../../src/define.js';
import {anchorAt} from '../../src/core/anchor.js';
import {focusName, focused} from '../support/adapters.js';
import {$, $$, loadAll, rows, until} from '../support/helpers.js';
import {PAYLOADS, armOracle, findDanger, oracleFired, provoke} from '../support/xss.js';

const P1 = 'Management consists of controlling a group to accomplish a goal.';
const P2 =
  "So, management is crucial — but it’s not leadership. You can't lead and micromanage at the same time, if you do, you must be exhausted.";
const P3 = 'Leadership is entirely different. It is about vision and producing useful change.';
const QUOTE = "You can't lead and micromanage at the same time, if you do, you must be exhausted.";
/** The article's text as inline comments see it: paragraphs joined by one space. */
const TEXT = [P1, P2, P3].join(' ');

const inlineComment = (id: string, quote = QUOTE, extra: Partial<Comment> = {}): Comment => {
  const start = TEXT.indexOf(quote);
  return {
    id,
    postId: '/inline',
    parentId: null,
    author: `Reader ${id}`,
    body: `About ${id}`,
    createdAt: new Date(Date.UTC(2024, 0, 1, 0, id.length)).toISOString(),
    anchor: anchorAt(TEXT, start, start + quote.length),
    ...extra,
  };
};

interface Page {
  article: HTMLElement;
  el: ConfabComments;
  adapter: MemoryAdapter;
  paragraphs: HTMLParagraphElement[];
}

/** `plain` comments without an anchor, then an inline one with a reply: on a later page than the first. */
function lateThread(plain: number): Comment[] {
  const comments = Array.from({length: plain}, (_, i): Comment => ({
    ...inlineComment(`p${i}`),
    anchor: undefined,
    createdAt: new Date(Date.UTC(2024, 0, 1, 0, i)).toISOString(),
  }));
  const late = {...inlineComment('late'), createdAt: new Date(Date.UTC(2024, 0, 2)).toISOString()};
  const reply: Comment = {
    ...comments[0]!,
    id: 'late-reply',
    parentId: 'late',
    createdAt: new Date(Date.UTC(2024, 0, 3)).toISOString(),
  };
  return [...comments, late, reply];
}

async function page(
  comments: Comment[] = [],
  attrs: {inline?: string; adapter?: MemoryAdapter} = {inline: '#post'}
): Promise<Page> {
  const adapter = attrs.adapter ?? new MemoryAdapter({comments});
  const root = await fixture<HTMLDivElement>(html`<div>
    <article id="post" style="width: 600px">
      <header><h1>Leadership vs. Management</h1></header>
      <p>${P1}</p>
      <p>${P2}</p>
      <p>${P3}</p>
    </article>
    <confab-comments post-id="/inline" inline=${attrs.inline ?? ''} .adapter=${adapter}></confab-comments>
  </div>`);
  const el = root.querySelector('confab-comments')!;
  await el.loadComplete;
  const article = root.querySelector<HTMLElement>('#post')!;
  if (attrs.inline) await until(() => article.querySelectorAll('[data-confab="marker"]').length === 3);
  return {article, el, adapter, paragraphs: [...article.querySelectorAll('p')]};
}

/** A paragraph's own text node (not the template's comment markers). */
const textOf = (p: HTMLElement) => [...p.childNodes].find((n): n is Text => n instanceof Text && n.data.trim() !== '')!;
/** Selects the quoted sentence in the second paragraph, as a reader would with the mouse or Shift and the arrows. */
function selectQuote(pg: Page): void {
  const text = textOf(pg.paragraphs[1]!);
  const range = document.createRange();
  range.setStart(text, P2.indexOf(QUOTE));
  range.setEnd(text, P2.indexOf(QUOTE) + QUOTE.length);
  getSelection()!.removeAllRanges();
  getSelection()!.addRange(range);
}
const marker = (p: HTMLElement) =>
  p.querySelector<HTMLElement>('[data-confab="marker"]')!.shadowRoot!.querySelector('button')!;
const panel = (pg: Page) => pg.article.querySelector<HTMLElement>('[data-confab="panel"]')?.shadowRoot ?? null;
const highlighted = () =>
  [...((CSS.highlights.get('confab-quote') as Set<AbstractRange> | undefined) ?? [])].map((r) =>
    (r as Range).toString()
  );

describe('inline comments', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => getSelection()?.removeAllRanges());

  it('does nothing without the inline attribute: no markers, nothing loaded', async () => {
    const pg = await page([], {});
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(pg.article.querySelectorAll('[data-confab]').length).to.equal(0);
  });

  it("without the inline attribute, still shows an inline comment's quote in the thread, and touches no article", async () => {
    const pg = await page([inlineComment('a')], {});
    await until(() => $(pg.el, '[part~="quote"] q'));
    expect($(pg.el, '[part~="quote"] q')!.textContent).to.equal(QUOTE);
    expect(!!$(pg.el, '[part~="show-in-post-button"]'), 'nothing to show it in').to.equal(false);
    expect(pg.article.querySelectorAll('[data-confab]').length).to.equal(0);
  });

  it('says so, and still shows the thread, when the inline selector is not valid or matches nothing', async () => {
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    try {
      for (const selector of ['#no-such-article', 'p[[']) {
        const el = await fixture<ConfabComments>(
          html`<confab-comments post-id="/inline" loading="lazy" inline=${selector} .adapter=${new MemoryAdapter({comments: [inlineComment('a')]})}></confab-comments>`
        );
        await el.loadComplete;
        await until(() => warnings.some((w) => w.includes(JSON.stringify(selector))));
        expect(rows(el)).to.deep.equal(['0:Reader a:About a']);
      }
    } finally {
      console.warn = warn;
    }
    expect(warnings.some((w) => /not a CSS selector/.test(w))).to.equal(true);
    expect(warnings.some((w) => /nothing on the page matches/.test(w))).to.equal(true);
  });

  it('puts a marker with an accessible name at the end of every paragraph, counting its comments and replies', async () => {
    const reply: Comment = {...inlineComment('r1'), parentId: 'a', anchor: undefined, body: 'A reply'};
    const pg = await page([inlineComment('a'), reply]);
    await until(() => marker(pg.paragraphs[1]!).getAttribute('aria-label') === '2 comments on this paragraph');
    expect(marker(pg.paragraphs[0]!).getAttribute('aria-label')).to.equal('Comment on this paragraph');
    expect(marker(pg.paragraphs[1]!).textContent!.trim()).to.equal('2');
    // The article's text, and what a reader copies, are unchanged: markers live in shadow roots and cannot be selected.
    expect(pg.paragraphs[1]!.textContent).to.equal(P2);
    getSelection()!.selectAllChildren(pg.article);
    expect(getSelection()!.toString()).to.not.match(/\+|comments on/);
    expect(getComputedStyle(pg.paragraphs[1]!.querySelector('[data-confab]')!).userSelect).to.equal('none');
    // Headings in the article's header take no marker.
    expect(!!pg.article.querySelector('h1 [data-confab]'), 'no marker on the title').to.equal(false);
  });

  it('marks inline comments that are on later pages of the thread, without the reader loading them', async () => {
    const pg = await page(lateThread(30));
    await until(() => marker(pg.paragraphs[1]!).getAttribute('aria-label') === '2 comments on this paragraph');
    expect(highlighted()).to.deep.equal([QUOTE]);
    // The thread under the post still pages: its "Load more" adds the rest once each.
    expect(!!$(pg.el, '[part~="load-more-button"]'), 'load more still there').to.equal(true);
    await loadAll(pg.el);
    expect($$(pg.el, '[part~="comment"]').length).to.equal(32);
  });

  it('fetches the inline comments of a long thread in one request, where the storage lists them alone', async () => {
    const calls: ListOptions[] = [];
    class Counting extends MemoryAdapter {
      override list(postId: string, options: ListOptions = {}): Promise<CommentPage> {
        calls.push(options);
        return super.list(postId, options);
      }
    }
    const pg = await page([], {inline: '#post', adapter: new Counting({comments: lateThread(250)})});
    await until(() => marker(pg.paragraphs[1]!).getAttribute('aria-label') === '2 comments on this paragraph');
    expect(calls.filter((o) => o.anchored).length, 'one request for them').to.equal(1);
    expect(calls.filter((o) => o.cursor).length, 'no page walked').to.equal(0);
  });

  it('walks the pages for them where the storage does not know `anchored`', async () => {
    class Unaware extends MemoryAdapter {
      override list(postId: string, {anchored: _, ...options}: ListOptions = {}): Promise<CommentPage> {
        return super.list(postId, options);
      }
    }
    const pg = await page([], {inline: '#post', adapter: new Unaware({comments: lateThread(250)})});
    await until(() => marker(pg.paragraphs[1]!).getAttribute('aria-label') === '2 comments on this paragraph');
    expect(highlighted()).to.deep.equal([QUOTE]);
  });

  it('highlights quoted passages with the CSS Custom Highlight API, leaving the markup alone', async () => {
    await page([inlineComment('a')]);
    await until(() => highlighted().length === 1);
    expect(highlighted()).to.deep.equal([QUOTE]);
  });

  it('falls back to <mark> where the Custom Highlight API is missing, and leaves the text as it was', async () => {
    const saved = Object.getOwnPropertyDescriptor(CSS, 'highlights')!;
    Object.defineProperty(CSS, 'highlights', {value: undefined, configurable: true});
    try {
      const pg = await page([inlineComment('a')]);
      await until(() => pg.paragraphs[1]!.querySelector('mark[data-confab-quote]'));
      expect(pg.paragraphs[1]!.querySelector('mark')!.textContent).to.equal(QUOTE);
      expect(pg.paragraphs[1]!.textContent).to.equal(P2);
      pg.el.remove();
      expect(!!pg.paragraphs[1]!.querySelector('mark'), 'gone with the element').to.equal(false);
      expect(pg.paragraphs[1]!.textContent).to.equal(P2);
    } finally {
      Object.defineProperty(CSS, 'highlights', saved);
    }
  });

  it("keyboard: every paragraph's marker is in reading order; Enter opens a panel under it, Escape returns focus", async () => {
    const pg = await page();
    const before = document.createElement('button');
    before.textContent = 'start';
    pg.article.before(before);
    before.focus();
    const seen: string[] = [];
    for (let i = 0; i < 3; i++) {
      await sendKeys({press: 'Tab'});
      seen.push(focused()!.getAttribute('aria-label')!);
    }
    expect(seen).to.deep.equal(Array(3).fill('Comment on this paragraph'));
    expect(focused()).to.equal(marker(pg.paragraphs[2]!));
    marker(pg.paragraphs[1]!).focus();
    await sendKeys({press: 'Enter'});
    await until(() => focusName() === 'body-input');
    const host = pg.article.querySelector('[data-confab="panel"]')!;
    expect(host.previousElementSibling).to.equal(pg.paragraphs[1]);
    expect(marker(pg.paragraphs[1]!).getAttribute('aria-expanded')).to.equal('true');
    await sendKeys({type: 'Typed on paragraph two'});
    await sendKeys({down: 'Control'});
    await sendKeys({press: 'Enter'});
    await sendKeys({up: 'Control'});
    await until(() => marker(pg.paragraphs[1]!).getAttribute('aria-label') === '1 comment on this paragraph');
    // One conversation: the panel and the thread under the post show it, with the paragraph's opening as its quote.
    expect(panel(pg)!.querySelectorAll('[part~="comment"]').length).to.equal(1);
    expect(rows(pg.el)).to.deep.equal(['0:Anonymous:Typed on paragraph two']);
    expect($(pg.el, '[part~="quote"] q')!.textContent).to.match(/^So, management is crucial/);
    const [stored] = (await pg.adapter.list('/inline')).comments;
    expect(stored!.anchor!.paragraph).to.equal(true);
    expect($(pg.el, '[role="status"][aria-live="polite"]')!.textContent).to.equal('Your comment was posted.');
    panel(pg)!.querySelector<HTMLElement>('.panel')!.focus();
    await sendKeys({press: 'Escape'});
    await until(() => !panel(pg));
    expect(focused()).to.equal(marker(pg.paragraphs[1]!));
  });

  it('selection: selecting a passage offers "Comment", and the comment is anchored to that passage', async () => {
    const pg = await page();
    selectQuote(pg);
    const button = () => document.querySelector('[data-confab="selection"]')?.shadowRoot?.querySelector('button');
    await until(() => button());
    expect(button()!.textContent!.trim()).to.equal('Comment');
    button()!.click();
    await until(() => focusName() === 'body-input');
    expect(panel(pg)!.querySelector('[part~="quote"]')!.textContent).to.equal(QUOTE);
    const composer = panel(pg)!.querySelector('confab-composer')!;
    const field = composer.shadowRoot!.querySelector('textarea')!;
    field.value = 'Exactly this.';
    field.dispatchEvent(new Event('input'));
    composer.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit-button"]')!.click();
    await until(() => highlighted().length === 1);
    expect(highlighted()).to.deep.equal([QUOTE]);
    const [stored] = (await pg.adapter.list('/inline')).comments;
    expect(stored!.anchor!.quote).to.equal(QUOTE);
    expect(stored!.anchor!.paragraph).to.equal(undefined);
    expect(stored!.anchor!.prefix).to.equal(TEXT.slice(TEXT.indexOf(QUOTE) - 32, TEXT.indexOf(QUOTE)));
    expect(stored!.anchor!.position).to.equal(TEXT.indexOf(QUOTE));
    expect(!!document.querySelector('[data-confab="selection"]'), 'the Comment button goes').to.equal(false);
    // The panel stays open, its composer now for the paragraph.
    await until(() => !panel(pg)!.querySelector('section.panel > blockquote'));
    expect(panel(pg)!.querySelectorAll('[part~="comment"]').length).to.equal(1);
  });

  it('keyboard and selection together: a passage selected in a paragraph, then its marker, comments on the passage', async () => {
    const pg = await page();
    selectQuote(pg);
    await until(() => document.querySelector('[data-confab="selection"]'));
    marker(pg.paragraphs[1]!).focus();
    await sendKeys({press: 'Enter'});
    await until(() => focusName() === 'body-input');
    expect(panel(pg)!.querySelector('[part~="quote"]')!.textContent).to.equal(QUOTE);
  });

  it("re-anchors after the article's width and font change: markers and highlights stay on the same words", async () => {
    const pg = await page([inlineComment('a')]);
    await until(() => highlighted().length === 1);
    const markerHost = pg.paragraphs[1]!.querySelector('[data-confab="marker"]')!;
    pg.article.style.width = '280px';
    pg.article.style.font = '30px/1.6 serif';
    pg.el.reload();
    await pg.el.loadComplete;
    await until(() => highlighted().length === 1);
    expect(highlighted()).to.deep.equal([QUOTE]);
    expect(markerHost.parentElement).to.equal(pg.paragraphs[1]);
    // The marker is laid out at the end of its paragraph, inside it, whatever the width.
    const p = pg.paragraphs[1]!.getBoundingClientRect();
    const m = markerHost.getBoundingClientRect();
    expect(m.top >= p.top && m.bottom <= p.bottom + 1, `${m.top} in ${p.top}..${p.bottom}`).to.equal(true);
  });

  it('follows a small edit of the post, and marks a comment whose passage is gone as about a changed passage', async () => {
    const pg = await page([inlineComment('a')]);
    await until(() => highlighted().length === 1);
    const text = textOf(pg.paragraphs[1]!);
    text.data = text.data.replace("can't", 'cannot').replace('must be exhausted', 'must be very exhausted');
    await until(() => highlighted()[0]?.includes('very exhausted'));
    expect(highlighted()[0]).to.match(/^You cannot lead and micromanage/);
    expect(marker(pg.paragraphs[1]!).getAttribute('aria-label')).to.equal('1 comment on this paragraph');
    text.data = 'This paragraph was rewritten from start to end, and says something else entirely now.';
    await until(() => highlighted().length === 0);
    await until(() => $(pg.el, '[part~="quote-note"]'));
    // Never lost: still in the thread, with its quote and a note that the passage changed.
    expect($(pg.el, '[part~="quote-note"]')!.textContent).to.equal('About a passage that has since changed:');
    expect($(pg.el, '[part~="quote"] q')!.textContent).to.equal(QUOTE);
    expect(rows(pg.el)).to.deep.equal(['0:Reader a:About a']);
    expect(marker(pg.paragraphs[1]!).getAttribute('aria-label')).to.equal('Comment on this paragraph');
  });

  it('keeps the inline and thread views in step: live comments, replies in the panel, "Show in the post"', async () => {
    const pg = await page([inlineComment('a')]);
    await until(() => marker(pg.paragraphs[1]!).getAttribute('aria-label') === '1 comment on this paragraph');
    // A comment from another reader arrives live.
    const start = TEXT.indexOf(P3);
    await pg.adapter.create('/inline', {
      parentId: null,
      author: 'Live',
      body: 'From elsewhere',
      anchor: anchorAt(TEXT, start, start + 40, true),
    });
    await until(() => marker(pg.paragraphs[2]!).getAttribute('aria-label') === '1 comment on this paragraph');
    expect($$(pg.el, '[part~="comment"]').length).to.equal(2);
    // "Show in the post" opens the paragraph's panel at the comment.
    $<HTMLButtonElement>(pg.el, '#comment-a [part~="show-in-post-button"]')!.click();
    await until(() => panel(pg)?.querySelector('#comment-a'));
    await until(() => focused()?.id === 'comment-a');
    // A reply written in the panel is a reply in the thread, too.
    panel(pg)!.querySelector<HTMLButtonElement>('#comment-a [part~="reply-button"]')!.click();
    const reply = await (async () => {
      await until(() => panel(pg)!.querySelector('.reply-composer confab-composer'));
      return panel(pg)!.querySelector<ConfabComposer>('.reply-composer confab-composer')!;
    })();
    await reply.updateComplete;
    // Focus goes to the reply form in the panel (not the twin one in the thread), and comes back there after posting.
    await until(() => panel(pg)!.activeElement === reply);
    const field = reply.shadowRoot!.querySelector('textarea')!;
    field.value = 'Replying inline';
    field.dispatchEvent(new Event('input'));
    reply.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit-button"]')!.click();
    await until(() => rows(pg.el).includes('1:Anonymous:Replying inline'));
    await until(() => panel(pg)!.activeElement === panel(pg)!.querySelector('#comment-a [part~="reply-button"]'));
    await until(() => marker(pg.paragraphs[1]!).getAttribute('aria-label') === '2 comments on this paragraph');
    expect(panel(pg)!.querySelectorAll('[part~="comment"]').length).to.equal(2);
    expect(pg.el.shadowRoot!.querySelector('[part~="heading"]')!.textContent).to.equal('3 comments');
  });

  it('has no axe violations with markers shown and a panel open', async () => {
    const pg = await page([inlineComment('a')]);
    marker(pg.paragraphs[1]!).click();
    await until(() => panel(pg)?.querySelector('[part~="comment"]'));
    await expect(pg.article.parentElement!).to.be.accessible();
  });

  describe('hostile input in quotes and anchors', () => {
    beforeEach(armOracle);

    it('shows every payload in a quote as text, in the thread and in the panel, and runs none', async () => {
      const comments = PAYLOADS.map((payload, i) => ({
        ...inlineComment(`x${i}`),
        anchor: {quote: payload, prefix: payload.slice(0, 32), suffix: '', position: 0},
      }));
      // One whose quote is in the article, so that its panel renders it too.
      const pg = await page([...comments, inlineComment('real')]);
      await until(() => $$(pg.el, '[part~="quote"]').length >= 20);
      await loadAll(pg.el);
      const {el} = pg;
      const quotes = $$(el, '[part~="quote"] q').map((q) => q.textContent);
      // Shown as the text it is (white space collapsed, as quotes are matched).
      for (const payload of PAYLOADS) expect(quotes).to.include(payload.replace(/\s+/g, ' '));
      marker(pg.paragraphs[1]!).click();
      await until(() => panel(pg)?.querySelector('[part~="comment"]'));
      await provoke(el.shadowRoot!);
      await provoke(panel(pg)!);
      expect(findDanger(el.shadowRoot!)).to.deep.equal([]);
      expect(findDanger(panel(pg)!)).to.deep.equal([]);
      expect(findDanger(pg.article)).to.deep.equal([]);
      expect(oracleFired()).to.equal(false);
    });
  });
});
