import {expect, fixture, html} from '@open-wc/testing';
import type {ConfabComments} from '../../src/components/confab-comments/confab-comments.js';
import '../../src/define.js';
import {CountingAdapter, comment, focusName} from '../support/adapters.js';
import {$, $$, until} from '../support/helpers.js';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('loading="lazy" | "eager" | "manual"', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => window.scrollTo(0, 0));

  it('lazy: touches no storage until the element nears the viewport, and reserves its space meanwhile', async () => {
    const adapter = new CountingAdapter();
    const page = await fixture<HTMLDivElement>(
      html`<div><div style="height: 6000px">the post</div><confab-comments loading="lazy" post-id="/t" .adapter=${adapter}></confab-comments><p>after</p></div>`
    );
    const el = page.querySelector('confab-comments')!;
    await el.updateComplete;
    await pause(100);
    expect(adapter.lists).to.deep.equal([]);
    expect(el.getBoundingClientRect().height, 'reserved height').to.be.above(150);
    const reserved = el.getBoundingClientRect().height;
    el.scrollIntoView();
    await until(() => adapter.lists.length === 1);
    await el.loadComplete;
    expect(!!$(el, '[part~="empty"]'), 'empty thread shown').to.equal(true);
    // The reserved room is what an empty thread and its form take: what follows moves by less than a tenth of it.
    expect(Math.abs(el.getBoundingClientRect().height - reserved)).to.be.below(reserved / 10);
  });

  it('lazy: loads at once when the element starts in view', async () => {
    const adapter = new CountingAdapter({comments: [comment('a', 1)]});
    const el = await fixture<ConfabComments>(
      html`<confab-comments loading="lazy" post-id="/t" .adapter=${adapter}></confab-comments>`
    );
    await until(() => $$(el, '[part~="comment"]').length === 1);
    expect(adapter.lists).to.deep.equal(['/t']);
  });

  it('lazy with inline comments: loads when the article is in view, though the thread is far below', async () => {
    const adapter = new CountingAdapter();
    const page = await fixture<HTMLDivElement>(
      html`<div><article id="lazy-article"><p>The post's first paragraph.</p></article><div style="height: 6000px"></div><confab-comments loading="lazy" inline="#lazy-article" post-id="/t" .adapter=${adapter}></confab-comments></div>`
    );
    await until(() => adapter.lists.length === 1);
    await until(() => page.querySelector('#lazy-article [data-confab="marker"]'));
  });

  it('manual: a "Show comments" button, no storage access before it is pressed, then focus at the heading', async () => {
    const adapter = new CountingAdapter({comments: [comment('a', 1)]});
    const el = await fixture<ConfabComments>(
      html`<confab-comments loading="manual" post-id="/t" .adapter=${adapter}></confab-comments>`
    );
    await until(() => $(el, '[part~="show-button"]'));
    await pause(50);
    expect(adapter.lists).to.deep.equal([]);
    expect(!!$(el, 'confab-composer'), 'no composer yet').to.equal(false);
    $<HTMLButtonElement>(el, '[part~="show-button"]')!.focus();
    $<HTMLButtonElement>(el, '[part~="show-button"]')!.click();
    await until(() => $$(el, '[part~="comment"]').length === 1);
    expect(adapter.lists).to.deep.equal(['/t']);
    expect(focusName()).to.equal('heading');
    expect(!!$(el, '[part~="show-button"]'), 'button gone').to.equal(false);
  });

  it("eager (the element's default) loads at once, even far below the fold", async () => {
    const adapter = new CountingAdapter({comments: [comment('a', 1)]});
    const page = await fixture<HTMLDivElement>(
      html`<div><div style="height: 6000px"></div><confab-comments post-id="/t" .adapter=${adapter}></confab-comments></div>`
    );
    await page.querySelector('confab-comments')!.loadComplete;
    expect(adapter.lists).to.deep.equal(['/t']);
  });

  it('switching a waiting element to eager, or calling show(), loads it', async () => {
    const adapter = new CountingAdapter({comments: [comment('a', 1)]});
    const el = await fixture<ConfabComments>(
      html`<confab-comments loading="manual" post-id="/t" .adapter=${adapter}></confab-comments>`
    );
    el.loading = 'eager';
    await until(() => adapter.lists.length === 1);
    const other = await fixture<ConfabComments>(
      html`<confab-comments loading="manual" post-id="/t" .adapter=${adapter}></confab-comments>`
    );
    other.show();
    await until(() => adapter.lists.length === 2);
  });

  it('draws the first comments before the form, which then comes from its own file into the room kept for it', async () => {
    const adapter = new CountingAdapter({comments: [comment('a', 1)]});
    const el = document.createElement('confab-comments');
    el.postId = '/t';
    el.adapter = adapter;
    document.body.append(el);
    // Looked at as the first comments go in, before the browser may paint or run anything else.
    const atFirstComment = new Promise<{form: boolean; room: number}>((resolve) => {
      const observer = new MutationObserver(() => {
        if (!$(el, '[part~="comment"]')) return;
        observer.disconnect();
        resolve({form: !!$(el, 'confab-composer'), room: $(el, '.form-room')?.getBoundingClientRect().height ?? 0});
      });
      observer.observe(el.shadowRoot!, {subtree: true, childList: true});
    });
    const first = await atFirstComment;
    expect(first.form, 'no form yet').to.equal(false);
    await el.loadComplete;
    const form = $(el, 'confab-composer')!;
    expect(form.shadowRoot!.querySelector('[part~="body-input"]'), 'the form, drawn').to.exist;
    expect($(el, '.form-room')).to.equal(null);
    // What follows the form moves by less than a tenth of its height when it comes.
    expect(Math.abs(form.getBoundingClientRect().height - first.room)).to.be.below(first.room / 10);
    el.remove();
  });
});
