import {expect, fixture, html} from '@open-wc/testing';
import {MemoryAdapter} from '../../src/adapters/memory.js';
import {RestAdapter} from '../../src/adapters/rest.js';
import type {ConfabCount} from '../../src/components/confab-count/confab-count.js';
import '../../src/define.js';
import type {ConfabComments} from '../../src/components/confab-comments/confab-comments.js';
import {composerOf, submit, type, uniquePostId, until} from '../support/helpers.js';
import {serverEndpoint} from '../support/server.js';

const text = (el: ConfabCount) => el.shadowRoot!.querySelector('[part~="count"]')!.textContent;

describe('<confab-count>', () => {
  it('shows "N comments" for a post, with the right plural', async () => {
    const adapter = new MemoryAdapter();
    await adapter.create('/one', {parentId: null, author: 'A', body: 'x'});
    const one = await fixture<ConfabCount>(html`<confab-count post-id="/one" .adapter=${adapter}></confab-count>`);
    const none = await fixture<ConfabCount>(html`<confab-count post-id="/none" .adapter=${adapter}></confab-count>`);
    await until(() => text(one) !== 'Comments' && text(none) !== 'Comments');
    expect(text(one)).to.equal('1 comment');
    expect(text(none)).to.equal('0 comments');
    await expect(one).to.be.accessible();
  });

  it('counts a comment posted on the page at once, on its post only', async () => {
    const adapter = new MemoryAdapter();
    await adapter.create('/counted', {parentId: null, author: 'A', body: 'x'});
    const page = await fixture<HTMLElement>(html`<div>
      <confab-count post-id="/counted" .adapter=${adapter}></confab-count>
      <confab-count post-id="/other" .adapter=${adapter}></confab-count>
      <confab-comments post-id="/counted" .adapter=${adapter}></confab-comments>
    </div>`);
    const [counted, other] = [...page.querySelectorAll<ConfabCount>('confab-count')] as [ConfabCount, ConfabCount];
    const el = page.querySelector<ConfabComments>('confab-comments')!;
    await el.loadComplete;
    await until(() => text(counted) === '1 comment' && text(other) === '0 comments');
    await type(composerOf(el), 'body', 'A second comment');
    await submit(composerOf(el));
    await until(() => text(counted) === '2 comments');
    expect(text(other)).to.equal('0 comments');
  });

  it('fetches the counts of many posts on one page in one request', async () => {
    const endpoint = await serverEndpoint();
    const posts = [uniquePostId('count-a'), uniquePostId('count-b'), uniquePostId('count-c')];
    const writer = new RestAdapter({endpoint});
    await writer.create(posts[0]!, {parentId: null, author: 'A', body: 'x'});
    await writer.create(posts[0]!, {parentId: null, author: 'A', body: 'y'});
    await writer.create(posts[2]!, {parentId: null, author: 'A', body: 'z'});
    const before = performance.getEntriesByType('resource').filter((r) => r.name.includes('/api/counts')).length;
    const list = await fixture<HTMLElement>(html`<ul>
      ${posts.map((p) => html`<li><confab-count post-id=${p} storage="rest" endpoint=${endpoint}></confab-count></li>`)}
    </ul>`);
    const counts = [...list.querySelectorAll<ConfabCount>('confab-count')];
    await until(() => counts.every((c) => text(c) !== 'Comments'));
    expect(counts.map(text)).to.deep.equal(['2 comments', '0 comments', '1 comment']);
    const requests =
      performance.getEntriesByType('resource').filter((r) => r.name.includes('/api/counts')).length - before;
    expect(requests).to.equal(1);
  });
});
