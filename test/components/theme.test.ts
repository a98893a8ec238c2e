import {expect, fixture, html} from '@open-wc/testing';
import {emulateMedia} from '@web/test-runner-commands';
import {MemoryAdapter} from '../../src/adapters/memory.js';
import type {ConfabComments} from '../../src/components/confab-comments/confab-comments.js';
import '../../src/define.js';
import {watching} from '../../src/internal/page-watch.js';
import {$, composerOf, submit, until} from '../support/helpers.js';

/** The danger colour the widget uses for error messages: it differs between the two themes. */
async function errorColor(el: ConfabComments): Promise<string> {
  await submit(composerOf(el));
  const message = composerOf(el).shadowRoot!.querySelector('.message')!;
  return getComputedStyle(message).color;
}

const LIGHT_DANGER = 'rgb(179, 38, 30)';
const DARK_DANGER = 'rgb(255, 180, 171)';

describe('theme', () => {
  const html_ = document.documentElement;
  beforeEach(() => localStorage.clear());
  afterEach(async () => {
    html_.classList.remove('dark', 'light');
    delete html_.dataset.theme;
    html_.style.colorScheme = '';
    document.body.classList.remove('dark');
    await emulateMedia({colorScheme: 'light'});
  });

  async function mount(attrs = ''): Promise<ConfabComments> {
    const wrapper = await fixture<HTMLDivElement>(
      `<div><confab-comments post-id="/theme" ${attrs}></confab-comments></div>`
    );
    const el = wrapper.querySelector('confab-comments')!;
    el.adapter = new MemoryAdapter();
    await el.loadComplete;
    return el;
  }

  it("follows the host page's dark class, switching both ways at runtime without a reload", async () => {
    const el = await mount();
    expect(el.getAttribute('resolved-theme')).to.equal('light');
    expect(await errorColor(el)).to.equal(LIGHT_DANGER);
    html_.classList.add('dark');
    await until(() => el.getAttribute('resolved-theme') === 'dark');
    await until(() => composerOf(el).getAttribute('resolved-theme') === 'dark');
    expect(getComputedStyle(composerOf(el).shadowRoot!.querySelector('.message')!).color).to.equal(DARK_DANGER);
    html_.classList.remove('dark');
    await until(() => el.getAttribute('resolved-theme') === 'light');
  });

  it('follows data-theme, a class on <body>, and a single color-scheme on <html>', async () => {
    const el = await mount();
    html_.dataset.theme = 'dark';
    await until(() => el.getAttribute('resolved-theme') === 'dark');
    delete html_.dataset.theme;
    await until(() => el.getAttribute('resolved-theme') === 'light');
    document.body.classList.add('dark');
    await until(() => el.getAttribute('resolved-theme') === 'dark');
    document.body.classList.remove('dark');
    html_.style.colorScheme = 'dark';
    await until(() => el.getAttribute('resolved-theme') === 'dark');
    html_.style.colorScheme = 'light dark';
    await until(() => el.getAttribute('resolved-theme') === 'light');
  });

  it("follows the reader's system setting when the page says nothing, and a page marker wins over it", async () => {
    const el = await mount();
    await emulateMedia({colorScheme: 'dark'});
    await until(() => el.getAttribute('resolved-theme') === 'dark');
    html_.classList.add('light');
    await until(() => el.getAttribute('resolved-theme') === 'light');
  });

  it('renders dark from its very first frame on a dark page (no flash of the light theme)', async () => {
    html_.classList.add('dark');
    const seen: string[] = [];
    const el = document.createElement('confab-comments');
    new MutationObserver(() => seen.push(el.getAttribute('resolved-theme')!)).observe(el, {
      attributeFilter: ['resolved-theme'],
    });
    el.adapter = new MemoryAdapter();
    const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
    wrapper.append(el);
    await el.updateComplete;
    expect(el.getAttribute('resolved-theme')).to.equal('dark');
    expect(!!$(el, '[part~="base"]'), 'rendered').to.equal(true);
    await el.loadComplete;
    expect(
      seen.every((theme) => theme === 'dark'),
      seen.join()
    ).to.equal(true);
  });

  it('theme="light" and theme="dark" fix the theme and bring their own colours, whatever the page says', async () => {
    html_.classList.add('dark');
    const light = await mount('theme="light"');
    expect(light.getAttribute('resolved-theme')).to.equal('light');
    expect(getComputedStyle(light).backgroundColor).to.equal('rgb(255, 255, 255)');
    const dark = await mount('theme="dark"');
    html_.classList.remove('dark');
    await dark.updateComplete;
    expect(dark.getAttribute('resolved-theme')).to.equal('dark');
    expect(getComputedStyle(dark).colorScheme).to.equal('dark');
    dark.theme = 'auto';
    await until(() => dark.getAttribute('resolved-theme') === 'light');
  });

  it('keeps no page watcher once its elements are gone', async () => {
    const before = watching();
    const el = await mount();
    expect(watching()).to.equal(before + 1);
    el.remove();
    expect(watching()).to.equal(before);
  });
});
