import {expect, fixture, html, oneEvent} from '@open-wc/testing';
import type {ConfabComments} from '../../../src/components/confab-comments/confab-comments.js';
import '../../../src/define.js';
import type {ConfabErrorEvent} from '../../../src/events/events.js';
import {$, composerOf, rows, submit, type} from '../../support/helpers.js';

describe('<confab-comments> when IndexedDB is missing (private mode, blocked)', () => {
  beforeEach(() => localStorage.clear());

  before(() => {
    Object.defineProperty(window, 'indexedDB', {value: undefined, configurable: true});
  });

  it('says comments are kept only for this visit, and carries on in memory', async () => {
    const fellBack = new Promise<void>((resolve) =>
      document.addEventListener(
        'confab-error',
        (e) => (e as ConfabErrorEvent).detail.action === 'fallback' && resolve()
      )
    );
    const el = await fixture<ConfabComments>(html`<confab-comments post-id="/private"></confab-comments>`);
    await el.loadComplete;
    await fellBack;
    const notice = $(el, '[part~="notice"]')!;
    expect(notice.textContent).to.contain('kept only for this visit');
    expect(notice.getAttribute('role')).to.equal('status');
    expect(!!$(el, '[part~="empty"]'), 'present').to.equal(true);
    const composer = composerOf(el);
    await type(composer, 'body', 'said in private');
    const added = oneEvent(el, 'confab-comment-added');
    await submit(composer);
    await added;
    expect(rows(el)).to.deep.equal(['0:Anonymous:said in private']);
    await expect(el).to.be.accessible();
  });
});
