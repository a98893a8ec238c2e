import {expect, fixture, html} from '@open-wc/testing';
import {RestAdapter} from '../../src/adapters/rest.js';
import type {ConfabComments} from '../../src/components/confab-comments/confab-comments.js';
import '../../src/define.js';
import type {ConfabErrorEvent} from '../../src/events/events.js';
import {$, composerOf, field, rows, submit, type, uniquePostId, until} from '../support/helpers.js';
import {lockDatabase, mailReceived, serverEndpoint} from '../support/server.js';

const endpoint = await serverEndpoint();

describe('<confab-comments storage="rest">, against a real Confab server', () => {
  beforeEach(() => localStorage.clear());

  it('loads the REST adapter on demand, posts, and shows comments written elsewhere live', async () => {
    const postId = uniquePostId('rest-element');
    const other = new RestAdapter({endpoint});
    await other.create(postId, {parentId: null, author: 'Earlier', body: 'already here'});
    const el = await fixture<ConfabComments>(
      html`<confab-comments post-id=${postId} storage="rest" endpoint=${endpoint}></confab-comments>`
    );
    await el.loadComplete;
    expect(rows(el)).to.deep.equal(['0:Earlier:already here']);
    await type(composerOf(el), 'author', 'Reader');
    await type(composerOf(el), 'body', 'posted through the server');
    await submit(composerOf(el));
    expect(rows(el)).to.deep.equal(['0:Earlier:already here', '0:Reader:posted through the server']);
    // Another reader (another browser) posts: it arrives without a reload, once.
    await other.create(postId, {parentId: null, author: 'Elsewhere', body: 'live!'});
    await until(() => rows(el).length === 3);
    expect(rows(el)[2]).to.equal('0:Elsewhere:live!');
    expect(el.shadowRoot!.querySelector('[aria-live="polite"]')!.textContent).to.equal('New comment from Elsewhere.');
  });

  it("shows the server's refusal in the composer and keeps the text", async () => {
    const limited = await serverEndpoint('limited');
    const el = await fixture<ConfabComments>(
      html`<confab-comments post-id=${uniquePostId('rest-limit')} storage="rest" endpoint=${limited}></confab-comments>`
    );
    await el.loadComplete;
    const composer = composerOf(el);
    let error: Element | null = null;
    for (let i = 0; i < 5 && !error; i++) {
      await type(composer, 'body', `attempt ${i}`);
      await submit(composer);
      error = composer.shadowRoot!.querySelector('[part~="error"]');
    }
    expect(error!.textContent).to.equal('You are posting too quickly. Wait a moment and try again.');
    expect(field(composer, 'body').value).to.match(/^attempt \d$/);
  });

  it('shows an error with Retry when the server cannot be reached', async () => {
    const el = await fixture<ConfabComments>(
      html`<confab-comments post-id="/down" storage="rest" endpoint="http://127.0.0.1:9/api"></confab-comments>`
    );
    await el.loadComplete;
    expect($(el, '[part~="error"]')!.textContent).to.contain('could not be loaded');
    expect(!!$(el, '[part~="retry-button"]'), 'present').to.equal(true);
  });

  it('says what is missing when storage="rest" has no endpoint', async () => {
    const errors: unknown[] = [];
    document.addEventListener('confab-error', (e) => errors.push((e as ConfabErrorEvent).detail.error), {once: true});
    const el = await fixture<ConfabComments>(html`<confab-comments post-id="/x" storage="rest"></confab-comments>`);
    await el.loadComplete;
    expect(!!$(el, '[part~="error"]'), 'present').to.equal(true);
    expect(String((errors[0] as Error).message)).to.contain('needs an endpoint');
  });
});

describe('<confab-comments> and moderation, against a real Confab server', () => {
  beforeEach(() => localStorage.clear());

  it('shows a held comment to its author as awaiting approval, and to nobody else', async () => {
    const moderated = await serverEndpoint('moderated');
    const postId = uniquePostId('held');
    const el = await fixture<ConfabComments>(
      html`<confab-comments post-id=${postId} storage="rest" endpoint=${moderated}></confab-comments>`
    );
    await el.loadComplete;
    await type(composerOf(el), 'body', 'Waiting for a moderator');
    await submit(composerOf(el));
    expect(el.shadowRoot!.querySelector('[part~="pending-badge"]')!.textContent).to.equal('Awaiting approval');
    await expect(el).to.be.accessible();
    const publicView = await (await fetch(`${moderated}/comments?post=${encodeURIComponent(postId)}`)).json();
    expect(publicView.comments).to.deep.equal([]);
    el.reload();
    await el.loadComplete;
    expect(rows(el)).to.deep.equal(['0:Anonymous:Waiting for a moderator']);
  });

  it('sends the honeypot and the time since the form was shown, so that a bot lands in spam', async () => {
    const moderated = await serverEndpoint('moderated');
    const postId = uniquePostId('bot');
    const el = await fixture<ConfabComments>(
      html`<confab-comments post-id=${postId} storage="rest" endpoint=${moderated}></confab-comments>`
    );
    await el.loadComplete;
    const composer = composerOf(el);
    composer.shadowRoot!.querySelector<HTMLInputElement>('input[name="website"]')!.value = 'http://bot.example';
    await type(composer, 'body', 'I am definitely a person');
    await submit(composer);
    const spam = await (
      await fetch(`${moderated}/admin/comments?queue=spam`, {
        headers: {authorization: 'Bearer browser-test-admin-secret'},
      })
    ).json();
    expect(spam.comments.some((c: {postId: string}) => c.postId === postId)).to.equal(true);
  });

  it('posts once when the answer to a post is lost and the reader tries again', async () => {
    const lossy = await serverEndpoint('lossy');
    const postId = uniquePostId('rest-lost-answer');
    const el = await fixture<ConfabComments>(
      html`<confab-comments post-id=${postId} storage="rest" endpoint=${lossy}></confab-comments>`
    );
    await el.loadComplete;
    const composer = composerOf(el);
    await type(composer, 'body', 'sent once, answered never');
    await submit(composer);
    // The server stored it, but the answer never came: the reader sees why, and still has the text.
    expect(composer.shadowRoot!.querySelector('[part~="error"]')!.textContent).to.equal(
      'The comment server could not be reached. Try again.'
    );
    expect(field(composer, 'body').value).to.equal('sent once, answered never');
    await submit(composer);
    expect(composer.shadowRoot!.querySelector('[part~="error"]')).to.equal(null);
    expect(rows(el)).to.deep.equal(['0:Anonymous:sent once, answered never']);
    const stored = await (await fetch(`${endpoint}/comments?post=${encodeURIComponent(postId)}`)).json();
    expect(stored.comments.length, 'one comment on the server, not two').to.equal(1);
    // The retry got the first comment's edit token too: the reader may still edit it.
    expect(el.shadowRoot!.querySelector('[part~="edit-button"]')).to.exist;
  });

  it("says that comments cannot be saved right now when the server's database is down, keeps the text, and posts once it is back", async () => {
    const outage = await serverEndpoint('outage');
    const postId = uniquePostId('rest-outage');
    const el = await fixture<ConfabComments>(
      html`<confab-comments post-id=${postId} storage="rest" endpoint=${outage}></confab-comments>`
    );
    await el.loadComplete;
    const composer = composerOf(el);
    await type(composer, 'body', 'written while the database was down');
    await lockDatabase('outage', true);
    try {
      await submit(composer);
    } finally {
      await lockDatabase('outage', false);
    }
    expect(composer.shadowRoot!.querySelector('[part~="error"]')!.textContent).to.equal(
      "Comments can't be saved right now; your text is kept. Try again in a moment."
    );
    expect(field(composer, 'body').value).to.equal('written while the database was down');
    await submit(composer);
    expect(rows(el)).to.deep.equal(['0:Anonymous:written while the database was down']);
  });

  it('lists "Your comments" from every post this browser wrote on, and deletes one or all of them', async () => {
    const [first, second] = [uniquePostId('rest-mine'), uniquePostId('rest-mine')];
    const el = await fixture<ConfabComments>(
      html`<confab-comments post-id=${first} storage="rest" endpoint=${endpoint}></confab-comments>`
    );
    await el.loadComplete;
    for (const body of ['mine, here', 'mine too']) {
      await type(composerOf(el), 'body', body);
      await submit(composerOf(el));
    }
    el.postId = second;
    await el.loadComplete;
    await type(composerOf(el), 'body', 'mine, elsewhere');
    await submit(composerOf(el));
    const root = el.shadowRoot!;
    await until(() => root.querySelector('[part~="mine-button"]'));
    const button = root.querySelector<HTMLButtonElement>('[part~="mine-button"]')!;
    expect(button.textContent).to.match(/Your comments \(\d+\)/);
    button.click();
    await until(() => root.querySelectorAll('[part~="mine-item"]').length >= 3);
    const texts = () => [...root.querySelectorAll('[part~="mine-item"] .excerpt')].map((e) => e.textContent);
    expect(texts()).to.include.members(['mine, here', 'mine too', 'mine, elsewhere']);
    await expect(el).to.be.accessible();
    // One, with its confirmation: it leaves the list, the thread and the server.
    const item = [...root.querySelectorAll('[part~="mine-item"]')].find((li) =>
      li.textContent!.includes('mine, elsewhere')
    )!;
    item.querySelector<HTMLButtonElement>('[part~="mine-delete-button"]')!.click();
    await el.updateComplete;
    [...root.querySelectorAll('[part~="mine-item"]')]
      .find((li) => li.textContent!.includes('mine, elsewhere'))!
      .querySelector<HTMLButtonElement>('[part~="mine-delete-button"].danger')!
      .click();
    await until(() => !texts().includes('mine, elsewhere'));
    await until(() => rows(el).length === 0);
    const left = await (await fetch(`${endpoint}/comments?post=${encodeURIComponent(second)}`)).json();
    expect(left.comments).to.deep.equal([]);
    // All of them.
    root.querySelector<HTMLButtonElement>('[part~="mine-delete-all-button"]')!.click();
    await el.updateComplete;
    expect(root.querySelector('[part~="mine"] [role="group"]')!.textContent).to.match(
      /Delete all \d+ of your comments\?/
    );
    root.querySelector<HTMLButtonElement>('[part~="mine-delete-all-button"].danger')!.click();
    await until(() => !root.querySelector('[part~="mine-item"]'));
    const gone = await (await fetch(`${endpoint}/comments?post=${encodeURIComponent(first)}`)).json();
    expect(gone.comments).to.deep.equal([]);
  });

  it('links the post\'s feed and, in "Your comments", the reader\'s private feed of replies', async () => {
    const postId = uniquePostId('rest-feeds');
    const el = await fixture<ConfabComments>(
      html`<confab-comments post-id=${postId} storage="rest" endpoint=${endpoint}></confab-comments>`
    );
    await el.loadComplete;
    const root = el.shadowRoot!;
    const feed = root.querySelector<HTMLAnchorElement>('[part~="feed-link"]')!;
    expect(feed.textContent).to.equal('Comments feed');
    expect(feed.href).to.equal(`${endpoint}/feeds/comments.atom?post=${encodeURIComponent(postId)}`);
    await type(composerOf(el), 'body', 'a question for the feed');
    await submit(composerOf(el));
    const mine = root.querySelector('[part~="comment"][part~="own"]')!.id.replace('comment-', '');
    // Someone else (another browser) replies.
    const other = new RestAdapter({endpoint, reader: 'o'.repeat(43)});
    await other.create(postId, {parentId: mine, author: 'Other', body: 'an answer in your feed'});
    expect(await (await fetch(feed.href)).text()).to.contain('a question for the feed');

    await until(() => root.querySelector('[part~="mine-button"]'));
    root.querySelector<HTMLButtonElement>('[part~="mine-button"]')!.click();
    await until(() => root.querySelector('[part~="reply-feed-button"]'));
    root.querySelector<HTMLButtonElement>('[part~="reply-feed-button"]')!.click();
    await until(() => root.querySelector('[part~="reply-feed-link"]'));
    const link = root.querySelector<HTMLAnchorElement>('[part~="reply-feed-link"]')!;
    const xml = await (await fetch(link.href)).text();
    expect(xml).to.contain('an answer in your feed');
    expect(xml).not.to.contain('a question for the feed');
    await expect(el).to.be.accessible();
    root.querySelector<HTMLButtonElement>('[part~="stop-mail-button"]')!.click();
    await until(() => root.querySelector('[part~="mine"] [role="status"]'));
  });

  it('offers "Email me replies" when the server mails replies, and the server sends the confirmation', async () => {
    const mail = await serverEndpoint('mail');
    const el = await fixture<ConfabComments>(
      html`<confab-comments post-id=${uniquePostId('rest-mail')} storage="rest" endpoint=${mail}></confab-comments>`
    );
    await el.loadComplete;
    const composer = composerOf(el);
    await until(() => composer.shadowRoot!.querySelector('[part~="notify"]'));
    const plain = await fixture<ConfabComments>(
      html`<confab-comments post-id=${uniquePostId('rest-nomail')} storage="rest" endpoint=${endpoint}></confab-comments>`
    );
    await plain.loadComplete;
    expect(
      composerOf(plain).shadowRoot!.querySelector('[part~="notify"]'),
      'a server without --smtp offers nothing'
    ).to.equal(null);
    composer.shadowRoot!.querySelector<HTMLInputElement>('[part~="notify"] input[type="checkbox"]')!.click();
    await composer.updateComplete;
    const address = `reader-${Date.now()}@example.test`;
    const email = composer.shadowRoot!.querySelector<HTMLInputElement>('#email')!;
    email.value = address;
    email.dispatchEvent(new Event('input'));
    await type(composer, 'body', 'tell me when someone answers');
    await submit(composer);
    expect(rows(el)).to.deep.equal(['0:Anonymous:tell me when someone answers']);
    expect(composer.shadowRoot!.querySelector('[part~="notify-notice"]')!.textContent).to.contain('check your inbox');
    let mails: {subject: string}[] = [];
    while (!mails.length) mails = await mailReceived(address);
    expect(mails[0]!.subject).to.match(/^Confirm your address for replies on /);
  });
});
