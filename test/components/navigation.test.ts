import {expect, fixture, html} from '@open-wc/testing';
import type {StorageAdapter} from '../../src/adapters/adapter.js';
import type {ConfabComments} from '../../src/components/confab-comments/confab-comments.js';
import type {Comment} from '../../src/core/types.js';
import '../../src/define.js';
import {watching} from '../../src/internal/page-watch.js';
import {CountingAdapter, comment} from '../support/adapters.js';
import {$, $$, rows, until} from '../support/helpers.js';
import {serverEndpoint} from '../support/server.js';

const on = (postId: string, id: string, minute: number): Comment => ({
  ...comment(id, minute),
  postId,
  body: `on ${postId}`,
});

describe('navigation: one element, many posts', () => {
  beforeEach(() => localStorage.clear());

  it("changing post-id shows the new post's thread, with exactly one live subscription", async () => {
    const adapter = new CountingAdapter({comments: [on('/one', 'a', 1), on('/two', 'b', 2), on('/two', 'c', 3)]});
    const el = await fixture<ConfabComments>(
      html`<confab-comments post-id="/one" .adapter=${adapter}></confab-comments>`
    );
    await el.loadComplete;
    expect(rows(el)).to.deep.equal(['0:Author a:on /one']);
    for (const postId of ['/two', '/one', '/two']) {
      el.postId = postId;
      await el.loadComplete;
    }
    expect(rows(el)).to.deep.equal(['0:Author b:on /two', '0:Author c:on /two']);
    expect(adapter.open).to.equal(1);
    // A comment arriving on the old post is not shown here; one on this post is shown once.
    await adapter.create('/one', {author: 'Late', body: 'to the old post', parentId: null});
    await adapter.create('/two', {author: 'New', body: 'to this post', parentId: null});
    await until(() => $$(el, '[part~="comment"]').length === 3);
    expect(rows(el).filter((row) => row.includes('New'))).to.have.length(1);
    expect(rows(el).some((row) => row.includes('Late'))).to.equal(false);
  });

  it('cancels the load in flight: a slow answer for the previous post is never shown', async () => {
    let release!: () => void;
    const signals: AbortSignal[] = [];
    const slow = new CountingAdapter({comments: [on('/slow', 'a', 1), on('/fast', 'b', 2)]});
    const list = slow.list.bind(slow);
    slow.list = async (postId, options) => {
      signals.push(options!.signal!);
      if (postId === '/slow') await new Promise<void>((resolve) => (release = resolve));
      return list(postId, options);
    };
    const el = await fixture<ConfabComments>(
      html`<confab-comments post-id="/slow" .adapter=${slow}></confab-comments>`
    );
    await until(() => signals.length === 1);
    el.postId = '/fast';
    await el.loadComplete;
    expect(signals[0]!.aborted, 'first load aborted').to.equal(true);
    release();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await el.updateComplete;
    expect(rows(el)).to.deep.equal(['0:Author b:on /fast']);
  });

  it('changing storage at runtime switches to the other storage without a reload', async () => {
    const endpoint = await serverEndpoint();
    const postId = `/nav-storage/${Date.now()}`;
    await fetch(`${endpoint}/comments`, {
      method: 'POST',
      headers: {'content-type': 'application/json'},
      body: JSON.stringify({postId, author: 'Server', body: 'kept on the server'}),
    });
    const el = await fixture<ConfabComments>(
      html`<confab-comments post-id=${postId} storage="memory"></confab-comments>`
    );
    await el.loadComplete;
    expect(!!$(el, '[part~="empty"]'), 'empty in memory').to.equal(true);
    el.endpoint = endpoint;
    el.storage = 'rest';
    await el.loadComplete;
    await until(() => rows(el).length === 1);
    expect(rows(el)).to.deep.equal(['0:Server:kept on the server']);
    el.storage = 'memory';
    await el.loadComplete;
    expect(rows(el)).to.deep.equal([]);
  });

  it('removing and re-adding the element, or reload(), leaves one subscription and no duplicate comments', async () => {
    const adapter = new CountingAdapter({comments: [on('/t', 'a', 1)]});
    const wrapper = await fixture<HTMLDivElement>(
      html`<div><confab-comments post-id="/t" .adapter=${adapter}></confab-comments></div>`
    );
    const el = wrapper.querySelector('confab-comments')!;
    await el.loadComplete;
    const watchers = watching();
    for (let i = 0; i < 3; i++) {
      el.remove();
      expect(adapter.open).to.equal(0);
      wrapper.append(el);
      await el.loadComplete;
      el.reload();
      await el.loadComplete;
    }
    expect(adapter.open).to.equal(1);
    expect(watching()).to.equal(watchers);
    expect(rows(el)).to.deep.equal(['0:Author a:on /t']);
    await adapter.create('/t', {author: 'Live', body: 'once', parentId: null});
    await until(() => $$(el, '[part~="comment"]').length === 2);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect($$(el, '[part~="comment"]').length).to.equal(2);
  });

  it("without post-id, follows a single-page app's navigation to another post (pushState, back)", async () => {
    const start = location.pathname + location.search;
    const adapter = new CountingAdapter({comments: [on('/spa/first', 'a', 1), on('/spa/second', 'b', 2)]});
    history.pushState(null, '', '/spa/first/');
    const el = await fixture<ConfabComments>(
      html`<confab-comments .adapter=${adapter as StorageAdapter}></confab-comments>`
    );
    try {
      await el.loadComplete;
      expect(el.resolvedPostId).to.equal('/spa/first');
      expect(rows(el)).to.deep.equal(['0:Author a:on /spa/first']);
      history.pushState(null, '', '/spa/second/index.html');
      await until(() => rows(el)[0] === '0:Author b:on /spa/second');
      history.back();
      await until(() => rows(el)[0] === '0:Author a:on /spa/first');
      expect(adapter.open).to.equal(1);
    } finally {
      history.replaceState(null, '', start);
    }
  });
});
