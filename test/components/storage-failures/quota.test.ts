import {expect, fixture, html} from '@open-wc/testing';
import type {ConfabComments} from '../../../src/components/confab-comments/confab-comments.js';
import '../../../src/define.js';
import {$, composerOf, field, rows, submit, type, uniquePostId} from '../../support/helpers.js';

describe('<confab-comments> when the browser is out of storage space', () => {
  beforeEach(() => localStorage.clear());

  it("keeps the reader's text on a failed write, then stores it for this visit on the next try", async () => {
    const el = await fixture<ConfabComments>(
      html`<confab-comments post-id=${uniquePostId('quota')}></confab-comments>`
    );
    await el.loadComplete;
    expect(!!$(el, '[part~="notice"]'), 'absent').to.equal(false);
    const add = IDBObjectStore.prototype.add;
    IDBObjectStore.prototype.add = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    try {
      const composer = composerOf(el);
      await type(composer, 'body', 'a long and careful comment');
      await submit(composer);
      expect(field(composer, 'body').value).to.equal('a long and careful comment');
      expect(composer.shadowRoot!.querySelector('[part~="error"]')!.textContent).to.contain('no room left');
      expect($(el, '[part~="notice"]')!.textContent).to.contain('kept only for this visit');
      expect(rows(el)).to.deep.equal([]);
      await submit(composer);
      expect(rows(el)).to.deep.equal(['0:Anonymous:a long and careful comment']);
      expect(field(composer, 'body').value).to.equal('');
    } finally {
      IDBObjectStore.prototype.add = add;
    }
  });
});
