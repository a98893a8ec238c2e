import {expect} from '@open-wc/testing';
import '../../src/define.js';
import type {ConfabComments} from '../../src/components/confab-comments/confab-comments.js';
import {$, $$, composerOf, rows, submit, type, uniquePostId, until} from '../support/helpers.js';
import {serverEndpoint} from '../support/server.js';

const ADMIN = {authorization: 'Bearer browser-test-admin-secret', 'content-type': 'application/json'};

async function mount(endpoint: string, postId: string): Promise<ConfabComments> {
  const el = document.createElement('confab-comments');
  el.setAttribute('storage', 'rest');
  el.setAttribute('endpoint', endpoint);
  el.setAttribute('post-id', postId);
  document.body.append(el);
  await el.loadComplete;
  return el;
}

const post = async (endpoint: string, postId: string, body: string, author?: string) =>
  (
    await (
      await fetch(`${endpoint}/comments`, {
        method: 'POST',
        headers: {'content-type': 'application/json'},
        body: JSON.stringify({postId, body, author}),
      })
    ).json()
  ).comment as {id: string};

describe('the site’s rules in the widget: pinned, closed, reported, and the Author’s replies', () => {
  let endpoint: string;
  before(async () => {
    // The test server with an admin secret and no moderation queue.
    endpoint = await serverEndpoint('mail');
  });
  afterEach(() => {
    localStorage.removeItem('confab:moderator');
    for (const el of document.querySelectorAll('confab-comments')) el.remove();
  });

  it('shows a pinned comment first, marked "Pinned", and moves it there live', async () => {
    const postId = uniquePostId('pinned');
    await post(endpoint, postId, 'first');
    const second = await post(endpoint, postId, 'second, to be pinned');
    const el = await mount(endpoint, postId);
    expect(rows(el)).to.deep.equal(['0:Anonymous:first', '0:Anonymous:second, to be pinned']);
    await fetch(`${endpoint}/admin/comments/${second.id}`, {
      method: 'POST',
      headers: ADMIN,
      body: JSON.stringify({action: 'pin'}),
    });
    await until(() => rows(el)[0] === '0:Anonymous:second, to be pinned');
    expect($(el, `#comment-${second.id} [part~="pinned-badge"]`)!.textContent).to.equal('Pinned');
  });

  it('replaces the composer with "Comments are closed" on a closed thread, and offers no reply', async () => {
    const postId = uniquePostId('closed');
    await post(endpoint, postId, 'said before closing');
    await fetch(`${endpoint}/admin/posts`, {
      method: 'PUT',
      headers: ADMIN,
      body: JSON.stringify({postId, closed: true}),
    });
    const el = await mount(endpoint, postId);
    expect($(el, '[part~="closed"]')!.textContent).to.equal('Comments are closed.');
    expect(el.shadowRoot!.querySelector('confab-composer')).to.equal(null);
    expect($$(el, '[part~="reply-button"]')).to.have.length(0);
    expect(rows(el)).to.deep.equal(['0:Anonymous:said before closing']);
  });

  it('says why a reserved name is refused, in the composer, keeping the draft', async () => {
    const postId = uniquePostId('reserved');
    const el = await mount(endpoint, postId);
    await type(composerOf(el), 'author', 'Site Author');
    await type(composerOf(el), 'body', 'posing as the author');
    await submit(composerOf(el));
    const error = composerOf(el).shadowRoot!.querySelector('[part~="error"]')!;
    expect(error.textContent).to.equal("This name is reserved for the site's author.");
    expect(composerOf(el).shadowRoot!.querySelector('textarea')!.value).to.equal('posing as the author');
  });

  it('lets a reader report a comment once', async () => {
    const postId = uniquePostId('report');
    await post(endpoint, postId, 'reportable');
    const el = await mount(endpoint, postId);
    const button = $<HTMLButtonElement>(el, '[part~="report-button"]')!;
    button.click();
    await until(() => $<HTMLButtonElement>(el, '[part~="report-button"]')!.disabled);
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.equal(
      'Reported. Thank you: a moderator will look at it.'
    );
  });

  it('shows "Reply as Author" to a signed-in moderator, and their reply carries the Author badge', async () => {
    const postId = uniquePostId('author');
    const question = await post(endpoint, postId, 'a question');
    localStorage.setItem('confab:moderator', 'browser-test-admin-secret');
    const el = await mount(endpoint, postId);
    const reply = $<HTMLButtonElement>(el, `#comment-${question.id} [part~="reply-button"]`)!;
    expect(reply.textContent!.trim()).to.equal('Reply as Author');
    reply.click();
    await el.updateComplete;
    await type(composerOf(el, question.id), 'body', 'the answer');
    await submit(composerOf(el, question.id));
    await until(() => rows(el).length === 2);
    const answer = $$(el, '[part~="comment"]').find((a) => a.textContent!.includes('the answer'))!;
    expect(answer.querySelector('[part~="badge"]')!.textContent).to.equal('Author');
    // A reader's browser cannot: without the secret, the same text is an ordinary comment.
    localStorage.removeItem('confab:moderator');
    const listed = await (await fetch(`${endpoint}/comments?post=${encodeURIComponent(postId)}`)).json();
    expect(listed.comments.find((c: {body: string}) => c.body === 'the answer').isPostAuthor).to.equal(true);
  });

  it('signs a moderator in on a blog of another origin through the link /admin opens, and out again', async () => {
    const postId = uniquePostId('handed');
    const question = await post(endpoint, postId, 'a question for the blog');
    const address = location.href.split('#')[0];
    history.replaceState(history.state, '', `${address}#confab-moderator=browser-test-admin-secret`);
    const el = await mount(endpoint, postId);
    const reply = () => $<HTMLButtonElement>(el, `#comment-${question.id} [part~="reply-button"]`)!;
    expect(reply().textContent!.trim()).to.equal('Reply as Author');
    expect(location.hash, 'the secret is taken out of the address').to.equal('');
    expect(localStorage.getItem('confab:moderator')).to.equal('browser-test-admin-secret');
    el.remove();
    history.replaceState(history.state, '', `${address}#confab-moderator=off`);
    const again = await mount(endpoint, postId);
    expect($<HTMLButtonElement>(again, `#comment-${question.id} [part~="reply-button"]`)!.textContent!.trim()).to.equal(
      'Reply'
    );
    expect(localStorage.getItem('confab:moderator')).to.equal(null);
    expect(location.hash).to.equal('');
  });
});

describe('several sites on one Confab server: the site attribute', () => {
  afterEach(() => {
    for (const el of document.querySelectorAll('confab-comments, confab-count')) el.remove();
  });

  it('shows, posts and counts on the site the element names; two sites’ same post are two threads', async () => {
    const endpoint = await serverEndpoint('sites');
    const postId = uniquePostId('about');
    const onSite = (site: string, body: string) =>
      fetch(`${endpoint}/comments${site ? `?site=${site}` : ''}`, {
        method: 'POST',
        headers: {'content-type': 'application/json'},
        body: JSON.stringify({postId, body}),
      });
    await onSite('', 'on the first site');
    await onSite('docs', 'on the docs site');
    const docs = document.createElement('confab-comments');
    docs.setAttribute('site', 'docs');
    const blog = await mount(endpoint, postId);
    docs.setAttribute('storage', 'rest');
    docs.setAttribute('endpoint', endpoint);
    docs.setAttribute('post-id', postId);
    document.body.append(docs);
    await docs.loadComplete;
    expect(rows(blog)).to.deep.equal(['0:Anonymous:on the first site']);
    expect(rows(docs)).to.deep.equal(['0:Anonymous:on the docs site']);

    const composer = composerOf(docs);
    await type(composer, 'body', 'written on the docs page');
    await submit(composer);
    await until(() => rows(docs).length === 2);
    const stored = await (await fetch(`${endpoint}/comments?post=${encodeURIComponent(postId)}&site=docs`)).json();
    expect(stored.comments.map((c: {body: string}) => c.body)).to.deep.equal([
      'on the docs site',
      'written on the docs page',
    ]);
    expect(rows(blog)).to.deep.equal(['0:Anonymous:on the first site'], 'the other site’s thread is untouched');

    const count = document.createElement('confab-count');
    count.setAttribute('storage', 'rest');
    count.setAttribute('endpoint', endpoint);
    count.setAttribute('site', 'docs');
    count.setAttribute('post-id', postId);
    document.body.append(count);
    await until(() => /2/.test(count.shadowRoot?.textContent ?? ''));
  });

  it('says so when the element names a site the server does not have', async () => {
    const endpoint = await serverEndpoint('sites');
    const el = document.createElement('confab-comments');
    el.setAttribute('site', 'nowhere');
    el.setAttribute('storage', 'rest');
    el.setAttribute('endpoint', endpoint);
    el.setAttribute('post-id', uniquePostId('nowhere'));
    const errors: string[] = [];
    el.addEventListener('confab-error', (e) =>
      errors.push((e as CustomEvent<{error: {code: string}}>).detail.error.code)
    );
    document.body.append(el);
    await el.loadComplete;
    expect(errors).to.include('unknown-site');
    expect($(el, '[part~="error"]')).to.exist;
  });
});
