import {expect, fixture, html} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import type {ConfabModeration} from '../../src/components/confab-moderation/confab-moderation.js';
import '../../src/admin.js';
import {uniquePostId, until} from '../support/helpers.js';
import {serverEndpoint} from '../support/server.js';
import {stressBodies} from '../support/stress.js';

const SECRET = 'browser-test-admin-secret';
const endpoint = await serverEndpoint('moderated');

async function held(postId: string, body: string): Promise<string> {
  const res = await fetch(`${endpoint}/comments`, {
    method: 'POST',
    headers: {'content-type': 'application/json'},
    body: JSON.stringify({postId, body, author: 'Waiting Reader'}),
  });
  return (await res.json()).comment.id;
}

const publicBodies = async (postId: string) =>
  (
    (await (await fetch(`${endpoint}/comments?post=${encodeURIComponent(postId)}`)).json()).comments as {body: string}[]
  ).map((c) => c.body);

async function signIn(el: ConfabModeration, secret: string) {
  const input = el.shadowRoot!.querySelector<HTMLInputElement>('input[name="secret"]')!;
  input.value = secret;
  el.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
}

describe('<confab-moderation>, against a real Confab server', () => {
  beforeEach(() => sessionStorage.clear());

  it('refuses a wrong secret with a clear message', async () => {
    const el = await fixture<ConfabModeration>(html`<confab-moderation endpoint=${endpoint}></confab-moderation>`);
    await signIn(el, 'not-the-secret');
    await until(() => el.shadowRoot!.querySelector('[role="alert"]'));
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.equal('That secret is not right.');
    expect(!!el.shadowRoot!.querySelector('input[name="secret"]'), 'still signed out').to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('approves a held comment by keyboard, and it is published for everyone', async () => {
    const postId = uniquePostId('moderated');
    const id = await held(postId, 'Please let **me** in');
    expect(await publicBodies(postId)).to.deep.equal([]);
    const el = await fixture<ConfabModeration>(html`<confab-moderation endpoint=${endpoint}></confab-moderation>`);
    await signIn(el, SECRET);
    const item = () => el.shadowRoot!.querySelector<HTMLElement>(`article[aria-labelledby="who-${id}"]`);
    await until(() => item());
    expect(item()!.querySelector('[part~="body"] strong')!.textContent).to.equal('me');
    await expect(el).to.be.accessible();
    item()!.focus();
    await sendKeys({press: 'a'});
    await until(() => !item());
    expect(await publicBodies(postId)).to.deep.equal(['Please let **me** in']);
  });

  it('marks spam with the mouse, and the queue updates without a reload', async () => {
    const postId = uniquePostId('moderated-spam');
    const id = await held(postId, 'Buy things now');
    const el = await fixture<ConfabModeration>(html`<confab-moderation endpoint=${endpoint}></confab-moderation>`);
    await signIn(el, SECRET);
    const item = () => el.shadowRoot!.querySelector<HTMLElement>(`article[aria-labelledby="who-${id}"]`);
    await until(() => item());
    [...item()!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Spam')!.click();
    await until(() => !item());
    expect(await publicBodies(postId)).to.deep.equal([]);
  });

  it('shows every held comment, even bodies made to break the renderer, so that the moderator can act on them', async () => {
    const postId = uniquePostId('stress-admin');
    const bodies = stressBodies(4).slice(0, 14);
    const ids: string[] = [];
    for (const {body} of bodies) ids.push(await held(postId, body));
    const el = await fixture<ConfabModeration>(html`<confab-moderation endpoint=${endpoint}></confab-moderation>`);
    await signIn(el, SECRET);
    await until(() => ids.every((id) => el.shadowRoot!.querySelector(`article[aria-labelledby="who-${id}"]`)));
    for (const id of ids) {
      const body = el.shadowRoot!.querySelector(`article[aria-labelledby="who-${id}"] [part~="body"]`);
      expect(body?.textContent?.trim(), id).to.not.equal('');
    }
  });

  it('says why blocking the name "Anonymous" is refused, and keeps the comment in the queue', async () => {
    const postId = uniquePostId('block-anonymous');
    const res = await fetch(`${endpoint}/comments`, {
      method: 'POST',
      headers: {'content-type': 'application/json'},
      body: JSON.stringify({postId, body: 'A comment without a name'}),
    });
    const {comment} = await res.json();
    const el = await fixture<ConfabModeration>(html`<confab-moderation endpoint=${endpoint}></confab-moderation>`);
    await signIn(el, SECRET);
    const item = () => el.shadowRoot!.querySelector(`article[aria-labelledby="who-${comment.id}"]`);
    await until(item);
    const block = [...item()!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Block name')!;
    block.click();
    await until(() => el.shadowRoot!.querySelector('[role="alert"]'));
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.match(/block the address instead/);
    expect(item(), 'still in the queue').to.exist;
  });

  it('deletes everything one commenter wrote, from the queue, in one action', async () => {
    const postId = uniquePostId('purge');
    const ids: string[] = [];
    for (const body of ['flood one', 'flood two', 'flood three']) {
      const res = await fetch(`${endpoint}/comments`, {
        method: 'POST',
        headers: {'content-type': 'application/json'},
        body: JSON.stringify({postId, body, author: 'Flooder'}),
      });
      ids.push((await res.json()).comment.id);
    }
    const el = await fixture<ConfabModeration>(html`<confab-moderation endpoint=${endpoint}></confab-moderation>`);
    await signIn(el, SECRET);
    const item = (id: string) => el.shadowRoot!.querySelector(`article[aria-labelledby="who-${id}"]`);
    await until(() => ids.every(item));
    [...item(ids[0]!)!.querySelectorAll('button')]
      .find((b) => b.textContent!.trim() === 'Delete all by this name')!
      .click();
    await until(() => ids.every((id) => !item(id)));
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.equal('Deleted 3 comments by Flooder.');
  });

  it('shows the mail queue, turns the offer of reply mail off and on, and forgets an address', async () => {
    const mail = await serverEndpoint('mail');
    const address = `mod-view-${Date.now()}@example.test`;
    await fetch(`${mail}/comments`, {
      method: 'POST',
      headers: {'content-type': 'application/json', 'x-confab-reader': 'm'.repeat(43)},
      body: JSON.stringify({postId: uniquePostId('mail-view'), body: 'mail me', email: address}),
    });
    const el = await fixture<ConfabModeration>(html`<confab-moderation endpoint=${mail}></confab-moderation>`);
    await signIn(el, SECRET);
    await until(() => el.shadowRoot!.querySelector('.queues'));
    const tab = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.queues button')].find(
      (b) => b.textContent!.trim() === 'Mail'
    )!;
    tab.click();
    await until(() => el.shadowRoot!.querySelector('[part~="mail-item"]'));
    const items = () =>
      [...el.shadowRoot!.querySelectorAll('[part~="mail-item"]')].map((li) => li.textContent!.replace(/\s+/g, ' '));
    expect(
      items().some((t) => t.includes('confirm to …@example.test')),
      'the domain only'
    ).to.equal(true);
    expect(items().join(' ')).not.to.contain('mod-view-');
    await expect(el).to.be.accessible();
    const offer = el.shadowRoot!.querySelector<HTMLInputElement>('.mail input[type="checkbox"]')!;
    expect(offer.checked).to.equal(true);
    offer.click();
    const offered = async () => (await (await fetch(`${mail}/comments?post=/x`)).json()).mail === true;
    while (await offered()) await new Promise((r) => setTimeout(r, 20));
    el.shadowRoot!.querySelector<HTMLInputElement>('.mail input[type="checkbox"]')!.click();
    while (!(await offered())) await new Promise((r) => setTimeout(r, 20));
    const form = el.shadowRoot!.querySelector<HTMLFormElement>('.mail form')!;
    form.querySelector('input')!.value = address;
    form.requestSubmit();
    await until(
      () => el.shadowRoot!.querySelector('[aria-live="polite"]')!.textContent === 'The address is forgotten.'
    );
  });
});

describe('<confab-moderation> on a server of several sites', () => {
  beforeEach(() => sessionStorage.clear());

  it('filters the queue by site, names each comment’s site, and closes a thread on its own site', async () => {
    const sites = await serverEndpoint('sites');
    const postId = uniquePostId('sites');
    const write = (site: string, body: string) =>
      fetch(`${sites}/comments${site ? `?site=${site}` : ''}`, {
        method: 'POST',
        headers: {'content-type': 'application/json'},
        body: JSON.stringify({postId, body}),
      });
    await write('', 'A blog comment');
    await write('docs', 'A docs comment');
    const el = await fixture<ConfabModeration>(html`<confab-moderation endpoint=${sites}></confab-moderation>`);
    await signIn(el, SECRET);
    await until(() => el.shadowRoot!.querySelector('select'));
    [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.queues button')]
      .find((b) => b.textContent!.trim() === 'Recent')!
      .click();
    const texts = () => [...el.shadowRoot!.querySelectorAll('article')].map((a) => a.textContent!.replace(/\s+/g, ' '));
    await until(() => texts().some((t) => t.includes('A docs comment')) && texts().some((t) => t.includes('A blog')));
    expect(texts().find((t) => t.includes('A docs comment'))).to.include(`docs: ${postId}`);
    const select = el.shadowRoot!.querySelector<HTMLSelectElement>('select')!;
    select.value = 'docs';
    select.dispatchEvent(new Event('change'));
    await until(() => !texts().some((t) => t.includes('A blog comment')));
    expect(texts().some((t) => t.includes('A docs comment'))).to.equal(true);
    await expect(el).to.be.accessible();
    [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('article button')]
      .find((b) => b.textContent!.trim() === 'Close this thread')!
      .click();
    await until(() => /closed/.test(el.shadowRoot!.querySelector('[role="status"]')!.textContent!));
    const refused = await write('docs', 'Too late');
    expect((await refused.json()).error.code).to.equal('thread-closed');
    expect((await write('', 'The blog post is still open')).status).to.equal(201);
  });
});
