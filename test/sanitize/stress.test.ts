import {expect, fixture, html} from '@open-wc/testing';
import {MemoryAdapter} from '../../src/adapters/memory.js';
import type {ConfabComments} from '../../src/components/confab-comments/confab-comments.js';
import type {ConfabComposer} from '../../src/components/confab-composer/confab-composer.js';
import {anchorAt} from '../../src/core/anchor.js';
import type {Comment} from '../../src/core/types.js';
import '../../src/define.js';
import {$, $$, loadAll, until} from '../support/helpers.js';
import {stressBodies} from '../support/stress.js';

const BODIES = stressBodies(10);
const PARAGRAPH = 'A paragraph of the post that every stress comment is about.';

const comment = (i: number, body: string, extra: Partial<Comment> = {}): Comment => ({
  id: `s${i}`,
  postId: '/stress',
  parentId: null,
  author: `Stress ${i}`,
  body,
  createdAt: new Date(Date.UTC(2024, 0, 1, 0, i)).toISOString(),
  ...extra,
});

/** Each article shows its body: sanitized markup or, failing that, the text. */
const bodyTexts = (root: ParentNode) =>
  [...root.querySelectorAll('[part~="comment"] [part~="body"]')].map((b) => b.textContent ?? '');

describe('bodies made to break the renderer (5,000 of each markdown metacharacter, and mixtures)', () => {
  it('never blank a thread: every comment shows, and an ordinary one still renders its markdown', async () => {
    const adapter = new MemoryAdapter({
      comments: [...BODIES.map((b, i) => comment(i, b.body)), comment(999, 'An **ordinary** comment.')],
    });
    const el = await fixture<ConfabComments>(
      html`<confab-comments post-id="/stress" .adapter=${adapter}></confab-comments>`
    );
    await el.loadComplete;
    await loadAll(el);
    expect($$(el, '[part~="comment"]').length).to.equal(BODIES.length + 1);
    expect(bodyTexts(el.shadowRoot!).filter((t) => t.trim() === '').length, 'no empty body').to.equal(0);
    const ordinary = $$(el, '[part~="comment"]').find((a) => a.id === 'comment-s999')!;
    expect(ordinary.querySelector('[part~="body"] strong')?.textContent).to.equal('ordinary');
    // Nesting is bounded: 5,000 ">" is not 5,000 nested quotes.
    let deepest = 0;
    for (const quote of el.shadowRoot!.querySelectorAll('blockquote')) {
      let depth = 0;
      for (let q: Element | null = quote; q; q = q.parentElement?.closest('blockquote') ?? null) depth++;
      deepest = Math.max(deepest, depth);
    }
    expect(deepest).to.be.at.most(8);
  });

  it('never blank an inline panel', async () => {
    const adapter = new MemoryAdapter({
      comments: BODIES.slice(0, 12).map((b, i) =>
        comment(i, b.body, {anchor: anchorAt(PARAGRAPH, 0, PARAGRAPH.length, true)})
      ),
    });
    const root = await fixture<HTMLDivElement>(html`<div>
      <article id="stress-post"><p>${PARAGRAPH}</p></article>
      <confab-comments post-id="/stress" inline="#stress-post" .adapter=${adapter}></confab-comments>
    </div>`);
    const el = root.querySelector('confab-comments')!;
    await el.loadComplete;
    const article = root.querySelector('article')!;
    await until(() => article.querySelector('[data-confab="marker"]'));
    article.querySelector('[data-confab="marker"]')!.shadowRoot!.querySelector('button')!.click();
    await until(
      () =>
        article.querySelector('[data-confab="panel"]')?.shadowRoot?.querySelectorAll('[part~="comment"]').length === 12
    );
    const panel = article.querySelector('[data-confab="panel"]')!.shadowRoot!;
    expect(bodyTexts(panel).filter((t) => t.trim() === '').length).to.equal(0);
  });

  it('never blank the preview', async () => {
    const el = await fixture<ConfabComments>(
      html`<confab-comments post-id="/stress-preview" storage="memory"></confab-comments>`
    );
    await el.loadComplete;
    const composer = $<ConfabComposer>(el, 'confab-composer')!;
    const textarea = composer.shadowRoot!.querySelector('textarea')!;
    composer.shadowRoot!.querySelector<HTMLButtonElement>('[part~="preview-button"]')!.click();
    for (const {name, body} of BODIES) {
      textarea.value = body;
      textarea.dispatchEvent(new Event('input'));
      await composer.updateComplete;
      const preview = composer.shadowRoot!.querySelector('[part~="preview"] [part~="body"]');
      expect(preview?.textContent?.trim(), name).to.not.equal('');
    }
  });
});
