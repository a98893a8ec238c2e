import {expect, fixture, html} from '@open-wc/testing';
import {MemoryAdapter} from '../../src/adapters/memory.js';
import type {ConfabComments} from '../../src/components/confab-comments/confab-comments.js';
import type {ConfabComposer} from '../../src/components/confab-composer/confab-composer.js';
import type {CommentDraft, CommentPage, ListOptions} from '../../src/core/types.js';
import '../../src/define.js';
import {$, composerOf, submit, type, until} from '../support/helpers.js';

/** A memory adapter that says it mails replies (as a Confab server with --smtp does) and keeps what it was sent. */
class MailingAdapter extends MemoryAdapter {
  drafts: CommentDraft[] = [];
  override async list(postId: string, options?: ListOptions): Promise<CommentPage> {
    return {...(await super.list(postId, options)), mail: true};
  }
  override create(postId: string, draft: CommentDraft) {
    this.drafts.push(draft);
    return super.create(postId, draft);
  }
}

const notifyBox = (composer: ConfabComposer) =>
  composer.shadowRoot!.querySelector<HTMLInputElement>('[part~="notify"] input[type="checkbox"]');
const emailField = (composer: ConfabComposer) => composer.shadowRoot!.querySelector<HTMLInputElement>('#email');

async function tick(composer: ConfabComposer, box: HTMLInputElement | null) {
  box!.click();
  await composer.updateComplete;
}

describe('following replies: "Email me replies", and new replies since the last visit', () => {
  beforeEach(() => localStorage.clear());

  it('offers "Email me replies" only where the storage mails them, never requires it, and checks the address', async () => {
    const plain = await fixture<ConfabComments>(
      html`<confab-comments post-id="/plain" .adapter=${new MemoryAdapter()}></confab-comments>`
    );
    await plain.loadComplete;
    expect(notifyBox(composerOf(plain)), 'not offered without mail').to.equal(null);

    const adapter = new MailingAdapter();
    const el = await fixture<ConfabComments>(
      html`<confab-comments post-id="/mail" .adapter=${adapter}></confab-comments>`
    );
    await el.loadComplete;
    const composer = composerOf(el);
    await until(() => notifyBox(composer));
    expect(notifyBox(composer)!.checked, 'off until the reader asks').to.equal(false);
    expect(emailField(composer)).to.equal(null);
    await expect(el).to.be.accessible();

    // Posting without an address works as always.
    await type(composer, 'body', 'No mail for me.');
    await submit(composer);
    expect(adapter.drafts[0]!.notify).to.equal(undefined);

    await tick(composer, notifyBox(composer));
    expect(emailField(composer)!.type).to.equal('email');
    expect(emailField(composer)!.autocomplete).to.equal('email');
    await expect(el).to.be.accessible();
    await type(composer, 'body', 'Tell me of replies.');
    emailField(composer)!.value = 'not an address';
    emailField(composer)!.dispatchEvent(new Event('input'));
    await submit(composer);
    expect(adapter.drafts.length, 'nothing sent with a bad address').to.equal(1);
    expect(composer.shadowRoot!.querySelector('#email-error')!.textContent).to.contain('Enter an email address');
    expect(emailField(composer)!.getAttribute('aria-invalid')).to.equal('true');
    expect(composer.shadowRoot!.activeElement).to.equal(emailField(composer));
    expect(composer.shadowRoot!.querySelector<HTMLTextAreaElement>('textarea')!.value, 'the text is kept').to.equal(
      'Tell me of replies.'
    );

    emailField(composer)!.value = ' reader@example.test ';
    emailField(composer)!.dispatchEvent(new Event('input'));
    const follow = composer.shadowRoot!.querySelectorAll<HTMLInputElement>(
      '[part~="notify"] input[type="checkbox"]'
    )[1]!;
    await tick(composer, follow);
    await submit(composer);
    expect(adapter.drafts[1]!.notify).to.deep.equal({email: 'reader@example.test', thread: true});
    expect(composer.shadowRoot!.querySelector('[part~="notify-notice"]')!.textContent).to.contain('check your inbox');

    // The next form (a reply) remembers the address, ticked.
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="reply-button"]')!.click();
    await el.updateComplete;
    const reply = composerOf(el, 'x');
    await until(() => notifyBox(reply));
    expect(notifyBox(reply)!.checked).to.equal(true);
    expect(emailField(reply)!.value).to.equal('reader@example.test');
  });

  it('marks replies to the reader that arrived since their last visit as new, and counts them in the heading', async () => {
    const adapter = new MemoryAdapter();
    const postId = '/back';
    const first = await fixture<ConfabComments>(
      html`<confab-comments post-id=${postId} .adapter=${adapter}></confab-comments>`
    );
    await first.loadComplete;
    await type(composerOf(first), 'body', 'My question.');
    await submit(composerOf(first));
    const [own] = await adapter.owned();
    first.remove();

    // While the reader is away, two replies to them and one other comment arrive (written by others).
    const later = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
    for (const c of [
      {id: 'r1', parentId: own!, body: 'An answer.', createdAt: later(1)},
      {id: 'r2', parentId: own!, body: 'Another answer.', createdAt: later(2)},
      {id: 'c3', parentId: null, body: 'Not to you.', createdAt: later(3)},
    ]) {
      await adapter.import!(postId, [{...c, postId, author: 'Someone'}]);
    }

    const back = await fixture<ConfabComments>(
      html`<confab-comments post-id=${postId} .adapter=${adapter}></confab-comments>`
    );
    await back.loadComplete;
    expect($(back, '[part~="heading"]')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal(
      '4 comments · 2 new replies to you'
    );
    expect(back.shadowRoot!.querySelectorAll('[part~="new-badge"]').length).to.equal(2);
    expect(back.shadowRoot!.querySelector('#comment-r1 [part~="new-badge"]')!.textContent).to.equal('New');
    expect(back.shadowRoot!.querySelector('#comment-c3 [part~="new-badge"]')).to.equal(null);
    await expect(back).to.be.accessible();
    back.remove();

    // Seen now: the next visit has nothing new.
    const again = await fixture<ConfabComments>(
      html`<confab-comments post-id=${postId} .adapter=${adapter}></confab-comments>`
    );
    await again.loadComplete;
    expect($(again, '[part~="heading"]')!.textContent!.trim()).to.equal('4 comments');
    expect(again.shadowRoot!.querySelector('[part~="new-badge"]')).to.equal(null);
  });
});
