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
});
