import {expect, fixture, html} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import type {StorageAdapter} from '../../src/adapters/adapter.js';
import {MemoryAdapter} from '../../src/adapters/memory.js';
import type {ConfabComments} from '../../src/components/confab-comments/confab-comments.js';
import '../../src/define.js';
import {comment, focusName, focused} from '../support/adapters.js';
import {$, $$, composerOf, field, submit, until} from '../support/helpers.js';

const thread = () =>
  new MemoryAdapter({
    comments: [
      comment('a', 1),
      comment('b', 2, 'a'),
      comment('c', 3, null, {isPostAuthor: true, reactions: {up: 2, heart: 1}}),
    ],
  });

async function mount(adapter: StorageAdapter, attrs = ''): Promise<ConfabComments> {
  const wrapper = await fixture<HTMLDivElement>(`<div><confab-comments post-id="/t" ${attrs}></confab-comments></div>`);
  const el = wrapper.querySelector('confab-comments')!;
  el.adapter = adapter;
  await el.loadComplete;
  return el;
}

describe('accessibility: axe on every state (WCAG 2.2 AA rules)', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    document.documentElement.classList.remove('dark');
    document.body.removeAttribute('style');
  });

  it('loading', async () => {
    const el = await fixture<ConfabComments>(
      html`<confab-comments post-id="/t" .adapter=${{list: () => new Promise(() => {}), create: () => new Promise(() => {})} as unknown as StorageAdapter}></confab-comments>`
    );
    await until(() => $(el, '[part~="status"]'));
    expect($(el, '[part~="base"]')!.getAttribute('aria-busy')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  it('error', async () => {
    const el = await mount({
      list: () => Promise.reject(new Error('down')),
      create: () => Promise.reject(new Error('down')),
    } as unknown as StorageAdapter);
    expect(!!$(el, '[part~="retry-button"]'), 'retry').to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('empty', async () => {
    const el = await mount(new MemoryAdapter());
    expect(!!$(el, '[part~="empty"]'), 'empty').to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('thread, with reactions, badges and the sort menu', async () => {
    const el = await mount(thread());
    expect($$(el, '[part~="comment"]').length).to.equal(3);
    expect(!!$(el, '[part~="sort-select"]'), 'sort').to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('composer with errors', async () => {
    const el = await mount(thread());
    await submit(composerOf(el));
    expect(field(composerOf(el), 'body').getAttribute('aria-invalid')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  it('reply open', async () => {
    const el = await mount(thread());
    $<HTMLButtonElement>(el, '[part~="reply-button"]')!.click();
    await until(() => composerOf(el, 'a'));
    await expect(el).to.be.accessible();
  });

  it('dark theme, fixed and following the page', async () => {
    const fixed = await mount(thread(), 'theme="dark"');
    expect(getComputedStyle(fixed).backgroundColor).to.equal('rgb(29, 27, 32)');
    await expect(fixed).to.be.accessible();
    document.documentElement.classList.add('dark');
    document.body.style.cssText = 'background: #121212; color: #eee';
    const following = await mount(thread());
    expect(following.getAttribute('resolved-theme')).to.equal('dark');
    await submit(composerOf(following));
    await expect(following).to.be.accessible();
  });

  it('right to left (Arabic)', async () => {
    const el = await mount(thread(), 'lang="ar"');
    await until(() => $(el, '[part~="heading"]')?.textContent?.includes('تعليق'));
    await expect(el).to.be.accessible();
  });

  it('manual loading, before the reader asks', async () => {
    const el = await fixture<ConfabComments>(
      html`<confab-comments post-id="/t" loading="manual" .adapter=${thread()}></confab-comments>`
    );
    await until(() => $(el, '[part~="show-button"]'));
    await expect(el).to.be.accessible();
  });

  it('the demo page, with its comments, in its light and dark themes', async () => {
    const frame = document.createElement('iframe');
    frame.style.cssText = 'width: 900px; height: 700px';
    const loaded = new Promise((resolve) => (frame.onload = resolve));
    frame.src = '/demo/offline.html';
    document.body.append(frame);
    await loaded;
    const doc = frame.contentDocument!;
    const widget = () => doc.querySelector<ConfabComments>('confab-comments');
    await until(() => widget());
    widget()!.scrollIntoView();
    await until(() => widget()!.shadowRoot?.querySelectorAll('[part~="comment"]').length);
    const script = doc.createElement('script');
    script.src = '/node_modules/axe-core/axe.min.js';
    const axeLoaded = new Promise((resolve) => (script.onload = resolve));
    doc.head.append(script);
    await axeLoaded;
    const axe = (
      frame.contentWindow as unknown as {
        axe: {run(context: Document, options: object): Promise<{violations: {id: string; nodes: unknown[]}[]}>};
      }
    ).axe;
    const check = async () => {
      const result = await axe.run(doc, {
        runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']},
      });
      return result.violations.map((v) => `${v.id} (${v.nodes.length})`);
    };
    try {
      expect(await check(), 'light').to.deep.equal([]);
      // The blog's own dark switch: Confab follows it, and stays accessible there too.
      doc.querySelector<HTMLButtonElement>('#theme-toggle')!.click();
      await until(() => widget()!.getAttribute('resolved-theme') === 'dark');
      expect(await check(), 'dark').to.deep.equal([]);
      doc.querySelector<HTMLButtonElement>('#theme-toggle')!.click();
      await until(() => widget()!.getAttribute('resolved-theme') === 'light');
    } finally {
      frame.contentWindow!.localStorage.removeItem('demo:theme');
      frame.remove();
    }
  });
});

describe('accessibility: by keyboard alone', () => {
  beforeEach(() => localStorage.clear());

  async function tabUntil(part: string, limit = 40): Promise<void> {
    for (let i = 0; i < limit && focusName() !== part; i++) await sendKeys({press: 'Tab'});
    expect(focusName()).to.equal(part);
  }

  it('tabs through a comment and the composer in reading order', async () => {
    const before = await fixture<HTMLDivElement>(
      html`<div><button id="start">before</button><confab-comments post-id="/t" .adapter=${new MemoryAdapter({comments: [comment('a', 1)]})}></confab-comments></div>`
    );
    const el = before.querySelector('confab-comments')!;
    await el.loadComplete;
    await until(() => $(el, '[part~="copy-link-button"]'));
    before.querySelector<HTMLButtonElement>('#start')!.focus();
    const stops: string[] = [];
    for (let i = 0; i < 14; i++) {
      await sendKeys({press: 'Tab'});
      stops.push(focusName());
      if (focusName() === 'submit-button') break;
    }
    expect(stops.filter((s, i) => s !== stops[i - 1])).to.deep.equal([
      'permalink',
      'reaction-button',
      'reply-button',
      'copy-link-button',
      'author-input',
      'write-button',
      'body-input',
      'submit-button',
    ]);
  });

  it('replies: Reply moves focus into its composer, posting returns it; Escape cancels and returns it too', async () => {
    const el = await fixture<ConfabComments>(
      html`<confab-comments post-id="/t" .adapter=${new MemoryAdapter({comments: [comment('a', 1)]})}></confab-comments>`
    );
    await el.loadComplete;
    $<HTMLElement>(el, '[part~="permalink"]')!.focus();
    await tabUntil('reply-button');
    // Focus is visible: a keyboard-focused control draws its outline.
    const outline = getComputedStyle(focused()!);
    expect(outline.outlineStyle).to.equal('solid');
    expect(parseFloat(outline.outlineWidth)).to.be.at.least(2);
    await sendKeys({press: 'Enter'});
    await until(() => focusName() === 'body-input');
    await sendKeys({type: 'Typed, never touched a mouse'});
    await sendKeys({press: 'Escape'});
    await until(() => focusName() === 'reply-button');
    expect(!!composerOf(el, 'a'), 'reply composer closed').to.equal(false);

    await sendKeys({press: 'Enter'});
    await until(() => focusName() === 'body-input');
    expect((focused() as HTMLTextAreaElement).value, 'the draft was kept').to.equal('Typed, never touched a mouse');
    await tabUntil('submit-button');
    await sendKeys({press: 'Enter'});
    await until(() => $$(el, '[part~="comment"]').length === 2);
    await until(() => focusName() === 'reply-button');
    expect($(el, '[role="status"][aria-live="polite"]')!.textContent).to.equal('Your comment was posted.');
  });

  it('edits and deletes with focus kept on the comment', async () => {
    const adapter = new MemoryAdapter();
    const el = await fixture<ConfabComments>(
      html`<confab-comments post-id="/t" .adapter=${adapter}></confab-comments>`
    );
    await el.loadComplete;
    field(composerOf(el), 'body').focus();
    await sendKeys({type: 'Mine'});
    await sendKeys({down: 'Control'});
    await sendKeys({press: 'Enter'});
    await sendKeys({up: 'Control'});
    await until(() => $(el, '[part~="edit-button"]'));
    $<HTMLElement>(el, '[part~="edit-button"]')!.focus();
    await sendKeys({press: 'Enter'});
    await until(() => focusName() === 'body-input');
    await sendKeys({press: 'Escape'});
    await until(() => focusName() === 'edit-button');
    await tabUntil('delete-button');
    await sendKeys({press: 'Enter'});
    await until(() => focusName() === 'keep-button');
    await sendKeys({press: 'Enter'});
    await until(() => focusName() === 'delete-button');
    await sendKeys({press: 'Enter'});
    await until(() => focusName() === 'keep-button');
    await sendKeys({down: 'Shift'});
    await sendKeys({press: 'Tab'});
    await sendKeys({up: 'Shift'});
    expect(focusName()).to.equal('delete-button');
    await sendKeys({press: 'Enter'});
    await until(() => !$(el, '[part~="comment"]'));
    expect($(el, '[role="status"][aria-live="polite"]')!.textContent).to.equal('Comment deleted.');
  });
});
