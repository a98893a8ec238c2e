import {expect, fixture, html, oneEvent} from '@open-wc/testing';
import {MemoryAdapter} from '../../src/adapters/memory.js';
import type {ConfabComments} from '../../src/components/confab-comments/confab-comments.js';
import type {ConfabComposer} from '../../src/components/confab-composer/confab-composer.js';
import {sendKeys} from '@web/test-runner-commands';
import '../../src/define.js';
import {$, $$, composerOf, field, rows, submit, submitButton, type, until} from '../support/helpers.js';

async function mountWith(adapter: MemoryAdapter, postId = '/own') {
  const el = await fixture<ConfabComments>(
    html`<confab-comments post-id=${postId} .adapter=${adapter}></confab-comments>`
  );
  await el.loadComplete;
  return el;
}

async function post(el: ConfabComments, body: string) {
  await type(composerOf(el), 'body', body);
  const added = oneEvent(el, 'confab-comment-added');
  await submit(composerOf(el));
  return (await added).detail.comment;
}

const button = (el: ConfabComments, id: string, part: string) =>
  el.shadowRoot!.querySelector<HTMLButtonElement>(`#comment-${id} [part~="${part}"]`);

describe('own comments: markdown, preview, edit, delete, avatars, permalinks', () => {
  beforeEach(() => {
    localStorage.clear();
    history.replaceState(null, '', location.pathname + location.search);
  });

  it('renders markdown and previews it before posting', async () => {
    const el = await mountWith(new MemoryAdapter());
    const composer = composerOf(el);
    await type(composer, 'body', 'Some **bold** words');
    composer.shadowRoot!.querySelector<HTMLButtonElement>('[part~="preview-button"]')!.click();
    await composer.updateComplete;
    expect(composer.shadowRoot!.querySelector('[part~="preview"] strong')!.textContent).to.equal('bold');
    expect(composer.shadowRoot!.getElementById('write')!.hidden).to.equal(true);
    expect(composer.shadowRoot!.getElementById('body-hint')!.textContent).to.contain('**bold**');
    await expect(el).to.be.accessible();
    await submit(composer);
    expect($(el, '[part~="body"] strong')!.textContent).to.equal('bold');
  });

  it('switches Write and Preview as tabs: one tab stop, arrow keys, Home and End, the text kept', async () => {
    const el = await mountWith(new MemoryAdapter());
    const composer = composerOf(el);
    const root = composer.shadowRoot!;
    await type(composer, 'body', 'A [link](https://example.org) and `code`');
    const tab = (part: string) => root.querySelector<HTMLButtonElement>(`[role="tab"][part~="${part}"]`)!;
    const state = () => ({
      selected: tab('preview-button').getAttribute('aria-selected') === 'true' ? 'preview' : 'write',
      focused: root.activeElement?.getAttribute('part'),
      stops: [...root.querySelectorAll('[role="tab"]')].filter((t) => t.getAttribute('tabindex') === '0').length,
      fieldShown: !root.getElementById('write')!.hidden,
      previewShown: !root.getElementById('preview')!.hidden,
    });
    expect(root.querySelector('[role="tablist"]')!.getAttribute('aria-label')).to.equal('Comment');
    expect(tab('write-button').getAttribute('aria-controls')).to.equal('write');
    tab('write-button').focus();
    expect(state()).to.deep.equal({
      selected: 'write',
      focused: 'write-button',
      stops: 1,
      fieldShown: true,
      previewShown: false,
    });
    await sendKeys({press: 'ArrowRight'});
    await composer.updateComplete;
    expect(state()).to.deep.equal({
      selected: 'preview',
      focused: 'preview-button',
      stops: 1,
      fieldShown: false,
      previewShown: true,
    });
    expect(root.querySelector('[part~="preview"] a')!.getAttribute('href')).to.equal('https://example.org/');
    expect(root.querySelector('[part~="preview"] code')!.textContent).to.equal('code');
    await expect(el).to.be.accessible();
    await sendKeys({press: 'ArrowLeft'});
    await composer.updateComplete;
    expect(state().selected).to.equal('write');
    expect(field(composer, 'body').value, 'the text is kept').to.equal('A [link](https://example.org) and `code`');
    await sendKeys({press: 'End'});
    await composer.updateComplete;
    expect(state().selected).to.equal('preview');
    await sendKeys({press: 'Home'});
    await composer.updateComplete;
    expect(state()).to.include({selected: 'write', focused: 'write-button'});
  });

  it("marks the reader's own comments, and only those offer Edit and Delete", async () => {
    const adapter = new MemoryAdapter({
      comments: [
        {
          id: 'other',
          postId: '/own',
          parentId: null,
          author: 'Someone',
          body: 'not mine',
          createdAt: new Date().toISOString(),
        },
      ],
    });
    const el = await mountWith(adapter);
    const mine = await post(el, 'mine');
    expect(!!button(el, mine.id, 'edit-button'), 'present').to.equal(true);
    expect(!!button(el, mine.id, 'delete-button'), 'present').to.equal(true);
    expect(el.shadowRoot!.querySelector(`#comment-${mine.id} [part~="own-badge"]`)!.textContent).to.equal('You');
    expect(!!button(el, 'other', 'edit-button'), 'absent').to.equal(false);
    expect(!!button(el, 'other', 'delete-button'), 'absent').to.equal(false);
  });

  it('edits in place, says "edited", and Escape cancels an edit', async () => {
    const el = await mountWith(new MemoryAdapter(), '/edit');
    const mine = await post(el, 'first thoughts');
    button(el, mine.id, 'edit-button')!.click();
    await el.updateComplete;
    const editor = $<ConfabComposer>(el, '[part~="editor"]')!;
    await editor.updateComplete;
    expect(field(editor, 'body').value).to.equal('first thoughts');
    expect(submitButton(editor).textContent!.trim()).to.equal('Save');
    await type(editor, 'body', 'second thoughts');
    await submit(editor);
    await el.updateComplete;
    expect(rows(el)).to.deep.equal(['0:Anonymous:second thoughts']);
    expect($(el, '[part~="edited"]')!.textContent).to.equal('edited');
    button(el, mine.id, 'edit-button')!.click();
    await el.updateComplete;
    const again = $<ConfabComposer>(el, '[part~="editor"]')!;
    await again.updateComplete;
    field(again, 'body').dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape', bubbles: true, composed: true}));
    await el.updateComplete;
    expect(!!$(el, '[part~="editor"]'), 'absent').to.equal(false);
  });

  it('deletes after confirmation: a comment with replies leaves a placeholder, one without disappears', async () => {
    const adapter = new MemoryAdapter();
    const el = await mountWith(adapter, '/delete');
    const parent = await post(el, 'parent');
    const lone = await post(el, 'alone');
    await adapter.create('/delete', {parentId: parent.id, author: 'B', body: 'a reply'});
    el.reload();
    await el.loadComplete;
    button(el, lone.id, 'delete-button')!.click();
    await el.updateComplete;
    expect(!!button(el, lone.id, 'keep-button'), 'present').to.equal(true);
    button(el, lone.id, 'delete-button')!.click();
    await until(() => !el.shadowRoot!.querySelector(`#comment-${lone.id}`));
    expect(el.shadowRoot!.querySelector('[aria-live="polite"]')!.textContent).to.equal('Comment deleted.');
    button(el, parent.id, 'delete-button')!.click();
    await el.updateComplete;
    button(el, parent.id, 'delete-button')!.click();
    await until(() => el.shadowRoot!.querySelector(`#comment-${parent.id} [part~="deleted"]`));
    expect(el.shadowRoot!.querySelector(`#comment-${parent.id} [part~="deleted"]`)!.textContent).to.equal(
      'Comment deleted'
    );
    expect($$(el, '[part~="body"]').map((b) => b.textContent!.trim())).to.deep.equal(['a reply']);
    await expect(el).to.be.accessible();
  });

  it('offers no Edit or Delete once the edit window has passed', async () => {
    const el = await mountWith(new MemoryAdapter({editWindowMs: 0}), '/late');
    const mine = await post(el, 'too late to change');
    el.requestUpdate();
    await el.updateComplete;
    expect(!!button(el, mine.id, 'edit-button'), 'absent').to.equal(false);
  });

  it('draws the same decorative avatar for the same name, and different ones for anonymous readers', async () => {
    const adapter = new MemoryAdapter({
      comments: ['Ada', 'Ada', 'Grace', 'Anonymous', 'Anonymous'].map((author, i) => ({
        id: `a${i}`,
        postId: '/avatars',
        parentId: null,
        author,
        body: 'x',
        createdAt: new Date(Date.UTC(2024, 0, 1, 0, i)).toISOString(),
      })),
    });
    const el = await mountWith(adapter, '/avatars');
    const avatars = $$(el, '[part~="avatar"]');
    expect(avatars).to.have.length(5);
    expect(avatars[0]!.getAttribute('aria-hidden')).to.equal('true');
    // One element each, its squares drawn as background layers.
    expect(avatars[0]!.childElementCount).to.equal(0);
    const look = (i: number) =>
      getComputedStyle(avatars[i]!).backgroundImage + getComputedStyle(avatars[i]!).backgroundPosition;
    expect(getComputedStyle(avatars[0]!).backgroundImage).to.contain('linear-gradient');
    expect(look(0)).to.equal(look(1));
    expect(look(0)).to.not.equal(look(2));
    expect(look(3), 'two anonymous comments do not share a face').to.not.equal(look(4));
  });

  it("copies a comment's link to the clipboard and says so", async () => {
    const el = await mountWith(new MemoryAdapter(), '/copy');
    const mine = await post(el, 'link to me');
    const copied: string[] = [];
    const original = Object.getOwnPropertyDescriptor(Navigator.prototype, 'clipboard');
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: {writeText: async (text: string) => void copied.push(text)},
    });
    try {
      button(el, mine.id, 'copy-link-button')!.click();
      await until(() => copied.length);
      expect(new URL(copied[0]!).hash).to.equal(`#comment-${mine.id}`);
      await until(() => el.shadowRoot!.querySelector('[aria-live="polite"]')!.textContent === 'Link copied.');
      // On screen too, where it was pressed, until it goes back.
      await until(() => button(el, mine.id, 'copy-link-button')!.textContent!.trim() === 'Link copied.');
      await until(() => button(el, mine.id, 'copy-link-button')!.textContent!.trim() === 'Copy link');
    } finally {
      delete (navigator as {clipboard?: unknown}).clipboard;
      if (original) Object.defineProperty(Navigator.prototype, 'clipboard', original);
    }
  });

  it('scrolls to and highlights the comment named by #comment-<id>, with a stable permalink', async () => {
    const comments = Array.from({length: 30}, (_, i) => ({
      id: `c${i}`,
      postId: '/permalink',
      parentId: null,
      author: `R${i}`,
      body: `comment ${i}`,
      createdAt: new Date(Date.UTC(2024, 0, 1, 0, i)).toISOString(),
    }));
    history.replaceState(null, '', '#comment-c25');
    const el = await mountWith(new MemoryAdapter({comments}), '/permalink');
    // Its thread is fetched (it is on the second page), drawn, then tinted and focused.
    await until(() => el.shadowRoot!.activeElement?.id === 'comment-c25');
    const target = el.shadowRoot!.getElementById('comment-c25')!;
    expect(target.classList.contains('highlight')).to.equal(true);
    expect(target.querySelector<HTMLAnchorElement>('[part~="permalink"]')!.getAttribute('href')).to.equal(
      '#comment-c25'
    );
  });
});

describe('sorting', () => {
  beforeEach(() => localStorage.clear());

  it('orders top-level comments oldest or newest first, replies stay in order, and remembers the choice', async () => {
    const at = (m: number) => new Date(Date.UTC(2024, 0, 1, 0, m)).toISOString();
    const comments = [
      {id: 'a', postId: '/sort', parentId: null, author: 'A', body: 'first', createdAt: at(1)},
      {id: 'b', postId: '/sort', parentId: null, author: 'B', body: 'second', createdAt: at(2)},
      {id: 'a1', postId: '/sort', parentId: 'a', author: 'C', body: 'reply 1', createdAt: at(3)},
      {id: 'a2', postId: '/sort', parentId: 'a', author: 'D', body: 'reply 2', createdAt: at(4)},
    ];
    const el = await mountWith(new MemoryAdapter({comments}), '/sort');
    const select = $<HTMLSelectElement>(el, '[part~="sort-select"]')!;
    select.value = 'newest';
    select.dispatchEvent(new Event('change'));
    await el.loadComplete;
    expect(rows(el)).to.deep.equal(['0:B:second', '0:A:first', '1:C:reply 1', '1:D:reply 2']);
    const again = await mountWith(new MemoryAdapter({comments}), '/sort');
    expect(rows(again)[0]).to.equal('0:B:second');
    expect($<HTMLSelectElement>(again, '[part~="sort-select"]')!.value).to.equal('newest');
  });
});

describe('reactions', () => {
  beforeEach(() => localStorage.clear());

  it('toggles a reaction with aria-pressed and a count, and offers "Most upvoted"', async () => {
    const at = (m: number) => new Date(Date.UTC(2024, 0, 1, 0, m)).toISOString();
    const adapter = new MemoryAdapter({
      comments: [
        {id: 'a', postId: '/react', parentId: null, author: 'A', body: 'first', createdAt: at(1)},
        {id: 'b', postId: '/react', parentId: null, author: 'B', body: 'second', createdAt: at(2)},
      ],
    });
    const el = await mountWith(adapter, '/react');
    const up = () => el.shadowRoot!.querySelector<HTMLButtonElement>('#comment-b [part~="reaction-button"]')!;
    expect(up().getAttribute('aria-pressed')).to.equal('false');
    expect(up().getAttribute('aria-label')).to.equal('Upvote');
    up().click();
    await until(() => up().getAttribute('aria-pressed') === 'true');
    expect(up().getAttribute('aria-label')).to.equal('Upvote, 1');
    expect(up().textContent!.trim()).to.equal('▲ 1');
    await expect(el).to.be.accessible();
    const select = $<HTMLSelectElement>(el, '[part~="sort-select"]')!;
    select.value = 'top';
    select.dispatchEvent(new Event('change'));
    await el.loadComplete;
    expect(rows(el)[0]).to.equal('0:B:second');
    up().click();
    await until(() => up().getAttribute('aria-pressed') === 'false');
    expect((await adapter.list('/react')).comments.find((c) => c.id === 'b')!.reactions?.up ?? 0).to.equal(0);
  });

  it('keeps the reactions and the buttons on one row, or gives each a row of its own where the thread is narrow', async () => {
    const adapter = new MemoryAdapter({
      comments: [
        {id: 'a', postId: '/rows', parentId: null, author: 'A', body: 'first', createdAt: '2024-01-01T00:00:00Z'},
      ],
    });
    const el = await mountWith(adapter, '/rows');
    await until(() => button(el, 'a', 'reaction-button') && button(el, 'a', 'copy-link-button'));
    const rect = (part: string) => button(el, 'a', part)!.getBoundingClientRect();
    // On one row: their boxes overlap vertically.
    const together = (a: string, b: string) => rect(a).top < rect(b).bottom && rect(b).top < rect(a).bottom;
    el.style.width = '50rem';
    expect(together('reaction-button', 'reply-button'), 'wide: one row').to.equal(true);
    expect(together('reply-button', 'copy-link-button'), 'wide: one row').to.equal(true);
    el.style.width = '320px';
    expect(rect('reply-button').top, 'narrow: the buttons under the reactions').to.be.at.least(
      rect('reaction-button').bottom
    );
    expect(together('reply-button', 'copy-link-button'), 'narrow: the buttons together').to.equal(true);
  });
});
