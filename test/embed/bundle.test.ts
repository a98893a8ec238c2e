import {expect} from '@open-wc/testing';
import {composerOf, rows, submit, type, until} from '../support/helpers.js';
import type {ConfabComments} from '../../src/components/confab-comments/confab-comments.js';
import type {ConfabComposer} from '../../src/components/confab-composer/confab-composer.js';
import {serverEndpoint} from '../support/server.js';

/** Adds a classic `<script src>` to the page, as a blogger would paste it, and waits for it to run. */
async function pasteScript(attributes: Record<string, string>): Promise<HTMLScriptElement> {
  const script = document.createElement('script');
  for (const [name, value] of Object.entries(attributes)) script.setAttribute(name, value);
  const loaded = new Promise((resolve, reject) => {
    script.onload = resolve;
    script.onerror = reject;
  });
  document.body.append(script);
  await loaded;
  return script;
}

describe('dist/confab.js, the script-tag bundle', () => {
  beforeEach(() => localStorage.clear());

  const globalsBefore = new Set(Object.keys(window));

  it('mounts <confab-comments> right after its script tag, mapping data- attributes', async () => {
    const script = await pasteScript({src: '/dist/confab.js', 'data-post-id': '/embedded', 'data-storage': 'memory'});
    const el = script.nextElementSibling as ConfabComments;
    expect(el.localName).to.equal('confab-comments');
    expect(el.getAttribute('post-id')).to.equal('/embedded');
    expect(el.getAttribute('storage')).to.equal('memory');
    await until(() => el.shadowRoot?.querySelector('[part~="empty"]'));
    await el.loadComplete;
    await type(composerOf(el), 'body', 'from the bundle');
    await submit(composerOf(el));
    expect(rows(el)).to.deep.equal(['0:Anonymous:from the bundle']);
  });

  it('loads confab-rest.js from beside itself for data-storage="rest", and talks to the server', async () => {
    const endpoint = await serverEndpoint();
    const postId = `/bundle-rest/${Date.now()}`;
    const script = await pasteScript({
      src: '/dist/confab.js?rest',
      'data-post-id': postId,
      'data-storage': 'rest',
      'data-endpoint': endpoint,
    });
    const el = script.nextElementSibling as ConfabComments;
    await until(() => el.shadowRoot?.querySelector('[part~="empty"], [part~="error"]'));
    await el.loadComplete;
    expect(!!el.shadowRoot!.querySelector('[part~="empty"]'), 'present').to.equal(true);
    expect(performance.getEntriesByType('resource').some((r) => r.name.includes('/dist/confab-rest-'))).to.equal(true);
    await type(composerOf(el), 'body', 'via the bundle and the server');
    await submit(composerOf(el));
    const listed = await (await fetch(`${endpoint}/comments?post=${encodeURIComponent(postId)}`)).json();
    expect(listed.comments.map((c: {body: string}) => c.body)).to.deep.equal(['via the bundle and the server']);
  });

  it('loads the reader actions through confab.js, and they work: sorting, reactions, Copy link, edit and delete', async () => {
    const endpoint = await serverEndpoint();
    const postId = `/bundle-actions/${Date.now()}`;
    const script = await pasteScript({
      src: '/dist/confab.js?actions',
      'data-post-id': postId,
      'data-storage': 'rest',
      'data-endpoint': endpoint,
      'data-loading': 'eager',
    });
    const el = script.nextElementSibling as ConfabComments;
    await until(() => el.shadowRoot?.querySelector('[part~="empty"]'));
    for (const body of ['first through the bundle', 'second through the bundle']) {
      await type(composerOf(el), 'body', body);
      await submit(composerOf(el));
    }
    expect(performance.getEntriesByType('resource').some((r) => r.name.includes('/dist/confab-actions-'))).to.equal(
      true
    );
    const shadow = el.shadowRoot!;
    // Sorting.
    const select = shadow.querySelector<HTMLSelectElement>('[part~="sort-select"]')!;
    expect(select, 'the sort menu').to.exist;
    select.value = 'newest';
    select.dispatchEvent(new Event('change'));
    await until(() => rows(el)[0] === '0:Anonymous:second through the bundle');
    // A reaction, counted by the server.
    await until(() => shadow.querySelector('[part~="reaction-button"]'));
    shadow.querySelector<HTMLButtonElement>('[part~="reaction-button"]')!.click();
    await until(() => shadow.querySelector('[part~="reaction-button"][aria-pressed="true"]'));
    // Copy link: the address of the comment, on the clipboard or in the address bar.
    expect(shadow.querySelectorAll('[part~="copy-link-button"]').length).to.equal(2);
    // Edit and delete the reader's own comment.
    shadow.querySelector<HTMLButtonElement>('[part~="edit-button"]')!.click();
    await until(() => shadow.querySelector('[part~="editor"]'));
    const editor = shadow.querySelector<ConfabComposer>('[part~="editor"]')!;
    await type(editor, 'body', 'edited through the bundle');
    await submit(editor);
    await until(() => rows(el).includes('0:Anonymous:edited through the bundle'));
    shadow.querySelector<HTMLButtonElement>('[part~="delete-button"]')!.click();
    await until(() => shadow.querySelector('[part~="delete-confirm"]'));
    shadow.querySelector<HTMLButtonElement>('[part~="delete-confirm"] [part~="delete-button"]')!.click();
    await until(() => rows(el).length === 1);
    el.remove();
  });

  it('loads confab-indexeddb.js from beside itself for the default storage, and keeps comments there', async () => {
    const postId = `/bundle-idb/${Date.now()}`;
    const script = await pasteScript({src: '/dist/confab.js?idb', 'data-post-id': postId});
    const el = script.nextElementSibling as ConfabComments;
    await until(() => el.shadowRoot?.querySelector('[part~="empty"], [part~="error"]'));
    await el.loadComplete;
    expect(performance.getEntriesByType('resource').some((r) => r.name.includes('/dist/confab-indexeddb-'))).to.equal(
      true
    );
    await type(composerOf(el), 'body', 'kept in this browser');
    await submit(composerOf(el));
    expect(rows(el)).to.deep.equal(['0:Anonymous:kept in this browser']);
    expect(!!el.shadowRoot!.querySelector('[part~="notice"]'), 'absent').to.equal(false);
  });

  it('loads lazily by default: nothing is fetched for a widget far below the fold until the reader nears it', async () => {
    const endpoint = await serverEndpoint();
    const postId = `/bundle-lazy/${Date.now()}`;
    const spacer = document.createElement('div');
    spacer.style.height = '8000px';
    document.body.append(spacer);
    const script = await pasteScript({
      src: '/dist/confab.js?lazy',
      'data-post-id': postId,
      'data-storage': 'rest',
      'data-endpoint': endpoint,
    });
    const el = script.nextElementSibling as ConfabComments;
    const asked = () =>
      performance.getEntriesByType('resource').some((r) => r.name.includes(encodeURIComponent(postId)));
    await el.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(el.getAttribute('loading')).to.equal('lazy');
    expect(asked(), 'no request before the widget is near').to.equal(false);
    el.scrollIntoView();
    await until(() => el.shadowRoot?.querySelector('[part~="empty"]'));
    expect(asked(), 'requested once near').to.equal(true);
    spacer.remove();
    // An English page fetched no strings: English is in the main module.
    expect(
      performance.getEntriesByType('resource').some((r) => r.name.includes('confab-locale-')),
      'no locale file'
    ).to.equal(false);
    // A page without inline comments never fetches them.
    expect(
      performance.getEntriesByType('resource').some((r) => r.name.includes('confab-inline')),
      'no inline file'
    ).to.equal(false);
  });

  it('data-loading="eager" overrides the lazy default; data-lang fetches only that language\'s strings', async () => {
    const script = await pasteScript({
      src: '/dist/confab.js?fr',
      'data-post-id': '/bundle-fr',
      'data-storage': 'memory',
      'data-loading': 'eager',
      'data-lang': 'fr',
    });
    const el = script.nextElementSibling as ConfabComments;
    expect(el.getAttribute('loading')).to.equal('eager');
    await until(() => el.shadowRoot?.querySelector('[part~="empty"]')?.textContent === 'Soyez le premier à commenter.');
    const locales = performance
      .getEntriesByType('resource')
      .filter((r) => r.name.includes('confab-locale-'))
      .map((r) => new URL(r.name).pathname);
    expect(locales.length).to.equal(1);
    expect(locales[0]).to.match(/^\/dist\/confab-locale-fr-[\w-]+\.js$/);
  });

  it('data-inline loads the inline part and puts markers on the article', async () => {
    const article = document.createElement('article');
    article.id = 'bundle-article';
    article.innerHTML = '<p>First paragraph of the post.</p><p>Second paragraph of the post.</p>';
    document.body.append(article);
    const script = await pasteScript({
      src: '/dist/confab.js?inline',
      'data-post-id': '/bundle-inline',
      'data-storage': 'memory',
      'data-inline': '#bundle-article',
    });
    const el = script.nextElementSibling as ConfabComments;
    await until(() => article.querySelectorAll('[data-confab="marker"]').length === 2);
    expect(performance.getEntriesByType('resource').some((r) => r.name.includes('/dist/confab-inline-'))).to.equal(
      true
    );
    article.querySelector('[data-confab="marker"]')!.shadowRoot!.querySelector('button')!.click();
    await until(() => article.querySelector('[data-confab="panel"]')?.shadowRoot?.querySelector('confab-composer'));
    el.remove();
    expect(article.querySelectorAll('[data-confab]').length, 'removing the element takes the markers away').to.equal(0);
    article.remove();
  });

  it('defines no globals', () => {
    const added = Object.keys(window).filter((k) => !globalsBefore.has(k) && !k.startsWith('__'));
    expect(added).to.deep.equal([]);
  });

  it('mounts nothing from a script tag without data- attributes, and loading it twice is harmless', async () => {
    const script = await pasteScript({src: '/dist/confab.js?again'});
    expect(script.nextElementSibling?.localName).to.not.equal('confab-comments');
    expect(customElements.get('confab-comments')).to.be.a('function');
  });

  it('lets confab/define run after it without error', async () => {
    const bundled = customElements.get('confab-comments');
    await import('../../src/define.js');
    expect(customElements.get('confab-comments')).to.equal(bundled);
  });
});
