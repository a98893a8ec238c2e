import {expect, fixture, html, oneEvent} from '@open-wc/testing';
import type {StorageAdapter} from '../../src/adapters/adapter.js';
import {IndexedDbAdapter} from '../../src/adapters/indexeddb.js';
import {MemoryAdapter} from '../../src/adapters/memory.js';
import type {ConfabComments} from '../../src/components/confab-comments/confab-comments.js';
import {ConfabError} from '../../src/core/errors.js';
import type {Comment} from '../../src/core/types.js';
import '../../src/define.js';
import {$, $$, composerOf, field, rows, submit, submitButton, type, uniquePostId, until} from '../support/helpers.js';

const at = (minute: number) => new Date(Date.UTC(2024, 0, 1, 0, minute)).toISOString();
const comment = (
  id: string,
  minute: number,
  parentId: string | null = null,
  extra: Partial<Comment> = {}
): Comment => ({
  id,
  postId: '/t',
  parentId,
  author: `Author ${id}`,
  body: `Body ${id}`,
  createdAt: at(minute),
  ...extra,
});

async function mount(adapter: StorageAdapter, postId = '/t'): Promise<ConfabComments> {
  const el = await fixture<ConfabComments>(
    html`<confab-comments post-id=${postId} .adapter=${adapter}></confab-comments>`
  );
  await el.loadComplete;
  return el;
}

describe('<confab-comments>', () => {
  beforeEach(() => localStorage.clear());

  describe('accessibility', () => {
    it('has no axe violations with a thread', async () => {
      const el = await mount(new MemoryAdapter({comments: [comment('a', 1), comment('b', 2, 'a')]}));
      await expect(el).to.be.accessible();
    });

    it('has no axe violations when empty, with a reply open, and with composer errors', async () => {
      const el = await mount(new MemoryAdapter({comments: [comment('a', 1)]}));
      $<HTMLButtonElement>(el, '[part~="reply-button"]')!.click();
      await el.updateComplete;
      await submit(composerOf(el));
      await expect(el).to.be.accessible();
      const empty = await mount(new MemoryAdapter(), '/empty');
      await expect(empty).to.be.accessible();
    });
  });

  describe('thread', () => {
    it('renders comments with replies nested under their parent', async () => {
      const el = await mount(
        new MemoryAdapter({
          comments: [
            comment('a', 1),
            comment('b', 2),
            comment('a1', 3, 'a'),
            comment('a1a', 4, 'a1'),
            comment('b1', 5, 'b'),
          ],
        })
      );
      expect(rows(el)).to.deep.equal([
        '0:Author a:Body a',
        '1:Author a1:Body a1',
        '2:Author a1a:Body a1a',
        '0:Author b:Body b',
        '1:Author b1:Body b1',
      ]);
      expect($(el, '[part~="heading"]')!.textContent).to.equal('5 comments');
    });

    it('indents replies up to depth 4, deeper ones stay under their parent without more indent', async () => {
      const chain = Array.from({length: 7}, (_, i) => comment(`n${i}`, i, i ? `n${i - 1}` : null));
      const el = await mount(new MemoryAdapter({comments: chain}));
      const lists = $$(el, '[part~="replies"]');
      expect(lists.map((ol) => ol.classList.contains('indent'))).to.deep.equal([true, true, true, true, false, false]);
      expect(rows(el).at(-1)).to.equal('6:Author n6:Body n6');
    });

    it('shows author, a <time datetime> with readable text, and the body with its line breaks', async () => {
      const el = await mount(
        new MemoryAdapter({comments: [comment('a', 1, null, {body: 'line one\nline two\n\nnew para'})]})
      );
      const time = $<HTMLTimeElement>(el, 'time[part~="time"]')!;
      expect(time.dateTime).to.equal(at(1));
      expect(time.textContent!.trim()).to.match(/ago|year|month/);
      expect(time.title).to.contain('2024');
      const body = $(el, '[part~="body"]')!;
      expect(body.querySelectorAll('p')).to.have.length(2);
      expect(body.querySelectorAll('br')).to.have.length(1);
      expect($(el, '[part~="author"]')!.tagName).to.equal('BDI');
    });

    it('marks the post author', async () => {
      const el = await mount(
        new MemoryAdapter({comments: [comment('a', 1, null, {isPostAuthor: true}), comment('b', 2)]})
      );
      expect($$(el, '[part~="badge"]')).to.have.length(1);
    });

    it('shows loading, then "Be the first to comment" when empty', async () => {
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const slow = new MemoryAdapter();
      const adapter: StorageAdapter = {
        name: 'slow',
        list: async (p, o) => (await gate, slow.list(p, o)),
        create: (p, d) => slow.create(p, d),
      };
      const el = await fixture<ConfabComments>(
        html`<confab-comments post-id="/slow" .adapter=${adapter}></confab-comments>`
      );
      expect($(el, '[part~="status"]')!.textContent).to.equal('Loading comments…');
      release();
      await el.loadComplete;
      expect(!!$(el, '[part~="status"]'), 'absent').to.equal(false);
      expect($(el, '[part~="empty"]')!.textContent).to.equal('Be the first to comment.');
    });

    it('shows an error with a Retry that loads again', async () => {
      let fail = true;
      const inner = new MemoryAdapter({comments: [comment('a', 1)]});
      const adapter: StorageAdapter = {
        name: 'flaky',
        list: async (p, o) => {
          if (fail) throw new ConfabError('network', 'down');
          return inner.list(p, o);
        },
        create: (p, d) => inner.create(p, d),
      };
      const errorEvent = new Promise((resolve) => document.addEventListener('confab-error', resolve, {once: true}));
      const el = await mount(adapter);
      await errorEvent;
      expect($(el, '[part~="error"]')!.getAttribute('role')).to.equal('alert');
      await expect(el).to.be.accessible();
      fail = false;
      $<HTMLButtonElement>(el, '[part~="retry-button"]')!.click();
      await el.loadComplete;
      expect(!!$(el, '[part~="error"]'), 'absent').to.equal(false);
      expect(rows(el)).to.deep.equal(['0:Author a:Body a']);
    });

    it('gives a confab-error listener an Error whatever the adapter threw', async () => {
      const adapter: StorageAdapter = {
        name: 'throws-strings',
        list: () => Promise.reject('the backend said no'),
        create: () => Promise.reject('no'),
      };
      const errorEvent = new Promise<DocumentEventMap['confab-error']>((resolve) =>
        document.addEventListener('confab-error', resolve, {once: true})
      );
      await mount(adapter);
      const {detail} = await errorEvent;
      expect(detail.error).to.be.instanceOf(Error);
      expect(detail.error.message).to.equal('the backend said no');
      expect(detail.action).to.equal('load');
    });

    it('skips malformed records an adapter returns', async () => {
      const adapter: StorageAdapter = {
        name: 'dirty',
        list: async () => ({
          comments: [comment('ok', 1), {id: 'bad'} as Comment, comment('other', 2, null, {postId: '/else'})],
          next: null,
        }),
        create: () => Promise.reject(new Error('no')),
      };
      const el = await mount(adapter);
      expect(rows(el)).to.deep.equal(['0:Author ok:Body ok']);
    });

    it('shows the first page of threads, then loads more on request, announcing it', async () => {
      const many = Array.from({length: 45}, (_, i) => comment(`c${i}`, i));
      const el = await mount(new MemoryAdapter({comments: many}));
      expect($$(el, '[part~="comment"]')).to.have.length(20);
      const more = () => $<HTMLButtonElement>(el, '[part~="load-more-button"]');
      more()!.focus();
      more()!.click();
      await until(() => $$(el, '[part~="comment"]').length === 40);
      expect(el.shadowRoot!.querySelector('[aria-live="polite"]')!.textContent).to.equal('20 more comments loaded.');
      expect(el.shadowRoot!.activeElement, 'focus stays on the button while there are more').to.equal(more());
      more()!.click();
      await until(() => $$(el, '[part~="comment"]').length === 45);
      expect(!!more(), 'no more pages').to.equal(false);
      // The button went with the last page: focus is on the first comment it brought.
      await until(() => el.shadowRoot!.activeElement?.id === 'comment-c40');
      expect(rows(el).at(-1)).to.equal('0:Author c44:Body c44');
    });

    it('draws a page of threads over several tasks, and updateComplete waits for all of them', async () => {
      const adapter = new MemoryAdapter({comments: Array.from({length: 20}, (_, i) => comment(`t${i}`, i))});
      const el = document.createElement('confab-comments');
      el.postId = '/t';
      el.adapter = adapter;
      // What each task left drawn, read between tasks (never inside one).
      const drawn: number[] = [];
      let watching = true;
      const watch = () => {
        drawn.push(el.shadowRoot?.querySelectorAll('[part~="comment"]').length ?? 0);
        if (watching) setTimeout(watch);
      };
      watch();
      document.body.append(el);
      try {
        await el.loadComplete;
        watching = false;
        expect($$(el, '[part~="comment"]'), 'all of the first page once updateComplete resolves').to.have.length(20);
        expect(
          drawn.some((n) => n > 0 && n < 20),
          `a task ended with only some threads drawn (${drawn.join(' ')})`
        ).to.equal(true);
      } finally {
        watching = false;
        el.remove();
      }
    });

    it('draws a live comment at once, taking no thread already drawn off the page', async () => {
      localStorage.setItem('confab:sort', 'newest');
      const adapter = new MemoryAdapter({comments: Array.from({length: 12}, (_, i) => comment(`t${i}`, i))});
      const el = await mount(adapter);
      expect($$(el, '[part~="comment"]')).to.have.length(12);
      // After every change to the list, whether each comment drawn before is still there.
      const missing = new Set<string>();
      const watch = new MutationObserver(() => {
        for (let i = 0; i < 12; i++) if (!el.shadowRoot!.getElementById(`comment-t${i}`)) missing.add(`t${i}`);
      });
      watch.observe($(el, '[part~="thread"]')!, {childList: true, subtree: true, attributes: true});
      // Another reader's comment arrives: the newest, it goes first.
      await adapter.create('/t', {author: 'Live', body: 'Just now', parentId: null});
      await el.updateComplete;
      watch.disconnect();
      expect($$(el, '[part~="comment"]')).to.have.length(13);
      expect(rows(el)[0]).to.equal('0:Live:Just now');
      expect([...missing], 'no thread left the page, even for a task').to.deep.equal([]);
    });

    it('collapses replies beyond the first three behind "Show N more replies"', async () => {
      const thread = [comment('p', 0), ...Array.from({length: 6}, (_, i) => comment(`r${i}`, i + 1, 'p'))];
      const el = await mount(new MemoryAdapter({comments: thread}));
      expect($$(el, '[part~="comment"]')).to.have.length(4);
      const button = $<HTMLButtonElement>(el, '[part~="more-replies-button"]')!;
      expect(button.textContent!.trim()).to.equal('Show 3 more replies');
      button.click();
      await el.updateComplete;
      expect($$(el, '[part~="comment"]')).to.have.length(7);
      expect(!!$(el, '[part~="more-replies-button"]'), 'button gone').to.equal(false);
    });

    it('opens a link to a comment on a later page, inside a collapsed branch', async () => {
      const many = [
        ...Array.from({length: 30}, (_, i) => comment(`t${i}`, i)),
        ...Array.from({length: 5}, (_, i) => comment(`deep${i}`, 100 + i, 't25')),
      ];
      history.replaceState(null, '', '#comment-deep4');
      try {
        const el = await mount(new MemoryAdapter({comments: many}));
        await until(() => el.shadowRoot!.activeElement?.id === 'comment-deep4');
        expect(el.shadowRoot!.getElementById('comment-deep4')!.classList.contains('highlight')).to.equal(true);
      } finally {
        history.replaceState(null, '', location.pathname + location.search);
      }
    });
  });

  describe('composer', () => {
    it('has labelled name and comment fields and a submit button', async () => {
      const el = await mount(new MemoryAdapter());
      const composer = composerOf(el);
      const root = composer.shadowRoot!;
      expect(root.querySelector('label[for="author"]')!.textContent).to.equal('Name');
      expect(root.querySelector('label[for="body"]')!.textContent).to.equal('Comment');
      expect(submitButton(composer).textContent!.trim()).to.equal('Post comment');
    });

    it('refuses an empty body with a message next to the field, focusing it', async () => {
      const el = await mount(new MemoryAdapter());
      const composer = composerOf(el);
      await submit(composer);
      const body = field(composer, 'body');
      expect(body.getAttribute('aria-invalid')).to.equal('true');
      expect(composer.shadowRoot!.getElementById('body-error')!.textContent).to.equal(
        'Write something before posting.'
      );
      expect(body.getAttribute('aria-describedby')).to.contain('body-error');
      expect(composer.shadowRoot!.activeElement).to.equal(body);
      expect($$(el, '[part~="comment"]')).to.have.length(0);
    });

    it('refuses a body over 5,000 characters and a name over 80, keeping the text', async () => {
      const el = await mount(new MemoryAdapter());
      const composer = composerOf(el);
      const long = 'é'.repeat(5001);
      await type(composer, 'body', long);
      await type(composer, 'author', 'n'.repeat(81));
      await submit(composer);
      expect(composer.shadowRoot!.getElementById('body-error')!.textContent).to.contain('5,000');
      expect(composer.shadowRoot!.getElementById('author-error')!.textContent).to.contain('80');
      expect(field(composer, 'body').value).to.equal(long);
      await type(composer, 'body', 'é'.repeat(5000));
      expect(!!composer.shadowRoot!.getElementById('body-error'), 'absent').to.equal(false);
    });

    it('posts: the comment appears in place, the composer clears, confab-comment-added fires', async () => {
      const adapter = new MemoryAdapter({comments: [comment('a', 1)]});
      const el = await mount(adapter);
      const firstArticle = $(el, '[part~="comment"]');
      const composer = composerOf(el);
      await type(composer, 'author', 'Grace');
      await type(composer, 'body', 'Nicely put.');
      const added = oneEvent(el, 'confab-comment-added');
      await submit(composer);
      const event = await added;
      expect(event.bubbles && event.composed).to.equal(true);
      expect(event.detail.comment).to.include({author: 'Grace', body: 'Nicely put.', postId: '/t'});
      expect(rows(el)).to.deep.equal(['0:Author a:Body a', '0:Grace:Nicely put.']);
      expect($(el, '[part~="comment"]')).to.equal(firstArticle); // not a reload of the thread
      expect(field(composer, 'body').value).to.equal('');
      expect((await adapter.list('/t')).comments).to.have.length(2);
      expect(el.shadowRoot!.querySelector('[aria-live="polite"]')!.textContent).to.equal('Your comment was posted.');
    });

    it('posts an empty name as Anonymous and remembers a given name for next time', async () => {
      const el = await mount(new MemoryAdapter());
      let composer = composerOf(el);
      await type(composer, 'body', 'first');
      await submit(composer);
      expect(rows(el)).to.deep.equal(['0:Anonymous:first']);
      await type(composer, 'author', 'Linus');
      await type(composer, 'body', 'second');
      await submit(composer);
      const again = await mount(new MemoryAdapter(), '/other');
      composer = composerOf(again);
      expect((field(composer, 'author') as HTMLInputElement).value).to.equal('Linus');
    });

    it('disables submit while saving', async () => {
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const inner = new MemoryAdapter();
      const adapter: StorageAdapter = {
        name: 'slow',
        list: (p, o) => inner.list(p, o),
        create: async (p, d) => (await gate, inner.create(p, d)),
      };
      const el = await mount(adapter);
      const composer = composerOf(el);
      await type(composer, 'body', 'patience');
      submitButton(composer).click();
      await composer.updateComplete;
      expect(submitButton(composer).disabled).to.equal(true);
      expect(submitButton(composer).textContent!.trim()).to.equal('Posting…');
      release();
      await until(() => !submitButton(composer).disabled);
      expect(rows(el)).to.deep.equal(['0:Anonymous:patience']);
    });

    it("keeps the reader's text and shows the error when saving fails", async () => {
      const inner = new MemoryAdapter();
      const adapter: StorageAdapter = {
        name: 'refusing',
        list: (p, o) => inner.list(p, o),
        create: () => Promise.reject(new ConfabError('rate-limited', 'slow down')),
      };
      const el = await mount(adapter);
      const composer = composerOf(el);
      await type(composer, 'body', 'words worth keeping');
      const failed = oneEvent(el, 'confab-error');
      await submit(composer);
      expect((await failed).detail.action).to.equal('create');
      expect(field(composer, 'body').value).to.equal('words worth keeping');
      const error = composer.shadowRoot!.querySelector('[part~="error"]')!;
      expect(error.textContent).to.equal('You are posting too quickly. Wait a moment and try again.');
      expect(error.getAttribute('role')).to.equal('alert');
      expect($$(el, '[part~="comment"]')).to.have.length(0);
    });

    it('lets a confab-comment-submit listener cancel the post, keeping the draft', async () => {
      const adapter = new MemoryAdapter();
      const el = await mount(adapter);
      el.addEventListener('confab-comment-submit', (e) => e.preventDefault());
      const composer = composerOf(el);
      await type(composer, 'body', 'not yet');
      await submit(composer);
      expect((await adapter.list('/t')).comments).to.have.length(0);
      expect(field(composer, 'body').value).to.equal('not yet');
    });

    it('keeps an unsent draft across a reload of the page', async () => {
      const postId = uniquePostId('draft');
      const el = await mount(new MemoryAdapter(), postId);
      await type(composerOf(el), 'body', 'half a thought');
      el.remove();
      const again = await mount(new MemoryAdapter(), postId);
      expect(field(composerOf(again), 'body').value).to.equal('half a thought');
    });
  });

  describe('replies', () => {
    it('opens one composer under the comment, focuses it, and Escape closes it returning focus', async () => {
      const el = await mount(new MemoryAdapter({comments: [comment('a', 1), comment('b', 2)]}));
      const [replyA, replyB] = $$<HTMLButtonElement>(el, '[part~="reply-button"]');
      replyA!.click();
      await el.updateComplete;
      expect(replyA!.getAttribute('aria-expanded')).to.equal('true');
      const composer = composerOf(el, 'a');
      expect(composer.closest('li')!.querySelector('article')!.id).to.equal('comment-a');
      await composer.updateComplete;
      expect(composer.shadowRoot!.activeElement).to.equal(field(composer, 'body'));
      replyB!.click();
      await el.updateComplete;
      expect($$(el, '.reply-composer')).to.have.length(1);
      expect(composerOf(el, 'b').closest('li')!.querySelector('article')!.id).to.equal('comment-b');
      const open = composerOf(el, 'b');
      await open.updateComplete;
      field(open, 'body').dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape', bubbles: true, composed: true}));
      await el.updateComplete;
      await el.updateComplete;
      expect($$(el, '.reply-composer')).to.have.length(0);
      expect(el.shadowRoot!.activeElement).to.equal(replyB);
    });

    it('Cancel closes the reply composer', async () => {
      const el = await mount(new MemoryAdapter({comments: [comment('a', 1)]}));
      $<HTMLButtonElement>(el, '[part~="reply-button"]')!.click();
      await el.updateComplete;
      composerOf(el, 'a').shadowRoot!.querySelector<HTMLButtonElement>('[part~="cancel-button"]')!.click();
      await el.updateComplete;
      expect($$(el, '.reply-composer')).to.have.length(0);
    });

    it('posts a reply under its parent and closes the composer', async () => {
      const adapter = new MemoryAdapter({comments: [comment('a', 1), comment('b', 2)]});
      const el = await mount(adapter);
      $$<HTMLButtonElement>(el, '[part~="reply-button"]')[0]!.click();
      await el.updateComplete;
      const composer = composerOf(el, 'a');
      expect(submitButton(composer).textContent!.trim()).to.equal('Post reply');
      await type(composer, 'body', 'I agree');
      await submit(composer);
      await el.updateComplete;
      expect(rows(el)).to.deep.equal(['0:Author a:Body a', '1:Anonymous:I agree', '0:Author b:Body b']);
      expect($$(el, '.reply-composer')).to.have.length(0);
      const stored = (await adapter.list('/t')).comments.find((c) => c.body === 'I agree');
      expect(stored!.parentId).to.equal('a');
    });
  });

  describe('storage', () => {
    it('keeps a posted comment in IndexedDB: it is still there when the element is created again', async () => {
      const postId = uniquePostId('persist');
      const el = await fixture<ConfabComments>(html`<confab-comments post-id=${postId}></confab-comments>`);
      await el.loadComplete;
      const composer = composerOf(el);
      await type(composer, 'author', 'Persistent');
      await type(composer, 'body', 'Still here after a reload?');
      await submit(composer);
      el.remove();
      const again = await fixture<ConfabComments>(html`<confab-comments post-id=${postId}></confab-comments>`);
      await again.loadComplete;
      expect(rows(again)).to.deep.equal(['0:Persistent:Still here after a reload?']);
      const direct = await new IndexedDbAdapter().list(postId);
      expect(direct.comments.map((c) => c.body)).to.deep.equal(['Still here after a reload?']);
    });

    it('storage="memory" keeps comments for this page only', async () => {
      const el = await fixture<ConfabComments>(
        html`<confab-comments post-id="/mem" storage="memory"></confab-comments>`
      );
      await el.loadComplete;
      await type(composerOf(el), 'body', 'ephemeral');
      await submit(composerOf(el));
      expect(await new IndexedDbAdapter().list('/mem').then((p) => p.comments.length)).to.equal(0);
    });

    it('uses the canonical link path as post id when post-id is absent', async () => {
      const link = Object.assign(document.createElement('link'), {rel: 'canonical', href: '/2013/09/leadership/'});
      document.head.append(link);
      try {
        const el = await fixture<ConfabComments>(html`<confab-comments storage="memory"></confab-comments>`);
        expect(el.resolvedPostId).to.equal('/2013/09/leadership');
      } finally {
        link.remove();
      }
      const el = await fixture<ConfabComments>(html`<confab-comments storage="memory"></confab-comments>`);
      expect(el.resolvedPostId).to.equal(location.pathname.replace(/\/index\.html?$/, '/').replace(/(.)\/$/, '$1'));
    });

    it('shows the right thread when post-id changes, with no stray comments', async () => {
      const adapter = new MemoryAdapter({comments: [comment('a', 1), comment('z', 2, null, {postId: '/z'})]});
      const el = await mount(adapter);
      el.postId = '/z';
      await el.loadComplete;
      expect(rows(el)).to.deep.equal(['0:Author z:Body z']);
    });

    it('imports a large export in slices, every comment once', async () => {
      const postId = uniquePostId('import-large');
      const script = Object.assign(document.createElement('script'), {type: 'application/json', id: 'large-export'});
      // Across the 500-comment slices: a reply in a later slice than its parent, the last slice of one comment.
      const many = Array.from({length: 1001}, (_, i) => comment(`old${i}`, i, i === 600 ? 'old2' : null));
      script.textContent = JSON.stringify(many);
      document.body.append(script);
      try {
        const el = await fixture<ConfabComments>(
          html`<confab-comments post-id=${postId} import="#large-export"></confab-comments>`
        );
        await el.loadComplete;
        const stored: string[] = [];
        const idb = new IndexedDbAdapter();
        for (let cursor: string | undefined; ;) {
          const page = await idb.list(postId, {limit: 100, cursor});
          stored.push(...page.comments.map((c) => c.id));
          if (!page.next) break;
          cursor = page.next;
        }
        expect(new Set(stored).size, 'each stored once').to.equal(stored.length);
        expect(stored.length).to.equal(1001);
        expect(rows(el).slice(0, 4)).to.deep.equal([
          '0:Author old0:Body old0',
          '0:Author old1:Body old1',
          '0:Author old2:Body old2',
          '1:Author old600:Body old600',
        ]);
        el.remove();
      } finally {
        script.remove();
      }
    });

    it('imports existing comments from a JSON block once, never duplicating them', async () => {
      const postId = uniquePostId('import');
      const script = Object.assign(document.createElement('script'), {type: 'application/json', id: 'old-comments'});
      // Records that are no comments at all are skipped, whoever checks them (the built-in storage, here).
      script.textContent = JSON.stringify([
        comment('old1', 1),
        comment('old2', 2, 'old1'),
        {id: 'broken'},
        null,
        7,
        'a string',
        ['an', 'array'],
        {...comment('old3', 3), body: '\u0000'},
      ]);
      document.body.append(script);
      try {
        for (let i = 0; i < 2; i++) {
          const el = await fixture<ConfabComments>(
            html`<confab-comments post-id=${postId} import="#old-comments"></confab-comments>`
          );
          await el.loadComplete;
          expect(rows(el)).to.deep.equal(['0:Author old1:Body old1', '1:Author old2:Body old2']);
          el.remove();
        }
      } finally {
        script.remove();
      }
    });
  });
});
