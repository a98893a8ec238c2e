import {expect, fixture, html} from '@open-wc/testing';
import type {ConfabComments} from '../../../src/components/confab-comments/confab-comments.js';
import '../../../src/define.js';
import {$, composerOf, rows, submit, type} from '../../support/helpers.js';

describe('<confab-comments> when opening IndexedDB never settles', () => {
  beforeEach(() => localStorage.clear());

  before(() => {
    // A request whose success or error never fires, as Safari has been seen to do.
    IDBFactory.prototype.open = function open() {
      return {} as IDBOpenDBRequest;
    };
  });

  it('gives up after its time box, tells the reader, and works in memory', async () => {
    const el = await fixture<ConfabComments>(html`<confab-comments post-id="/hanging"></confab-comments>`);
    expect(!!$(el, '[part~="status"]'), 'present').to.equal(true);
    await el.loadComplete;
    expect($(el, '[part~="notice"]')!.textContent).to.contain('kept only for this visit');
    await type(composerOf(el), 'body', 'still works');
    await submit(composerOf(el));
    expect(rows(el)).to.deep.equal(['0:Anonymous:still works']);
  });
});
