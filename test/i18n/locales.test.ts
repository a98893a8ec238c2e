import {expect, fixture, html} from '@open-wc/testing';
import {MemoryAdapter} from '../../src/adapters/memory.js';
import type {ConfabComments} from '../../src/components/confab-comments/confab-comments.js';
import '../../src/define.js';
import {en, type Plural, type Strings} from '../../src/i18n/en.js';
import {enInline} from '../../src/i18n/en-inline.js';
import {enActions} from '../../src/i18n/en-actions.js';
import {enComposer} from '../../src/i18n/en-composer.js';
import {languageOf} from '../../src/i18n/localizer.js';
import {LOCALES, formatNumber, localeFor, translator} from '../../src/i18n/translate.js';
import {comment} from '../support/adapters.js';
import {$, $$, composerOf, field, submit, until} from '../support/helpers.js';

const tables = async (): Promise<[string, Strings][]> =>
  Promise.all(
    LOCALES.map(
      async (code) =>
        [
          code,
          code === 'en'
            ? {...en, ...enActions, ...enComposer, ...enInline}
            : (await import(`../../src/i18n/locales/${code}.ts`)).default,
        ] as [string, Strings]
    )
  );

describe('numbers', () => {
  it('writes counts as Intl.NumberFormat does, in every language', () => {
    for (const locale of [...LOCALES, 'en-IN', 'fa', 'hi', 'ar-EG', 'en-u-nu-arab'])
      for (const n of [0, 1, 7, 999, 1000, 1234, 123456, 1234567])
        expect(formatNumber(n, locale), `${locale} ${n}`).to.equal(new Intl.NumberFormat(locale).format(n));
  });

  it('makes no Intl.NumberFormat for a count below 1,000 in a language of Latin digits (the first costs 40-120 ms)', () => {
    const {NumberFormat} = Intl;
    let made = 0;
    Intl.NumberFormat = function (...args: ConstructorParameters<typeof NumberFormat>) {
      made++;
      return new NumberFormat(...args);
    } as unknown as typeof NumberFormat;
    try {
      expect(translator(en, 'en-US')('count', {n: 23})).to.equal('23 comments');
      expect(formatNumber(999, 'fr')).to.equal('999');
      expect(made).to.equal(0);
      // Arabic is written in its own digits: Intl decides (made once for the language).
      expect(formatNumber(23, 'ar-SA')).to.equal(new NumberFormat('ar-SA').format(23));
      expect(made).to.be.above(0);
    } finally {
      Intl.NumberFormat = NumberFormat;
    }
  });
});

describe('locale tables', () => {
  it('every locale has every string, no empty ones, and every plural form its language needs', async () => {
    for (const [code, table] of await tables()) {
      const categories = new Intl.PluralRules(code).resolvedOptions().pluralCategories;
      for (const [key, value] of Object.entries({...en, ...enActions, ...enComposer, ...enInline})) {
        const translated = (table as Record<string, unknown>)[key];
        expect(translated, `${code}.${key}`).to.not.equal(undefined);
        if (typeof value === 'object' && 'other' in value) {
          for (const category of categories)
            expect(
              (translated as Plural)[category] ?? (translated as Plural).other,
              `${code}.${key}.${category}`
            ).to.be.a('string');
        } else if (typeof value === 'object') {
          for (const inner of Object.keys(value))
            expect((translated as Record<string, string>)[inner], `${code}.${key}.${inner}`).to.have.length.above(0);
        } else expect(translated, `${code}.${key}`).to.have.length.above(0);
      }
    }
  });

  it('keeps placeholders in translations, and the visible "Reply" inside the accessible "Reply to {name}"', async () => {
    for (const [code, table] of await tables()) {
      expect(table.replyTo, code).to.include('{name}');
      expect(table.newComment, code).to.include('{name}');
      expect(table.replyTo.toLowerCase(), code).to.include(table.reply.toLowerCase());
    }
  });

  it('chooses plural forms with Intl.PluralRules and formats numbers for the locale', async () => {
    const ar = (await import('../../src/i18n/locales/ar.js')).default;
    const t = translator(ar, 'ar');
    const n = new Intl.NumberFormat('ar').format;
    expect([0, 1, 2, 3, 11, 100].map((n) => t('count', {n}))).to.deep.equal([
      'لا تعليقات',
      'تعليق واحد',
      'تعليقان',
      `${n(3)} تعليقات`,
      `${n(11)} تعليقًا`,
      `${n(100)} تعليق`,
    ]);
    const fr = translator((await import('../../src/i18n/locales/fr.js')).default, 'fr');
    expect(fr('count', {n: 1234})).to.equal('1\u202f234 commentaires');
    expect(translator(en, 'en')('moreReplies', {n: 1})).to.equal('Show 1 more reply');
  });

  it('maps language tags to the closest table', () => {
    expect(['pt-BR', 'zh-Hans-CN', 'fr_CA', 'DE', 'ar-EG', 'ko', ''].map(localeFor)).to.deep.equal([
      'pt',
      'zh',
      'fr',
      'de',
      'ar',
      'en',
      'en',
    ]);
  });
});

describe('<confab-comments> in other languages', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => document.documentElement.setAttribute('lang', 'en'));

  const adapter = () => new MemoryAdapter({comments: [comment('a', 1), comment('b', 2, 'a')]});

  it('takes the language from its lang attribute, else the closest [lang] ancestor, else the document', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div lang="de"><section><confab-comments post-id="/t" .adapter=${adapter()}></confab-comments></section></div>`
    );
    const el = wrapper.querySelector('confab-comments')!;
    expect(languageOf(el)).to.equal('de');
    await el.loadComplete;
    await until(() => $(el, '[part~="heading"]')?.textContent === '2 Kommentare');
    el.setAttribute('lang', 'es');
    await until(() => $(el, '[part~="heading"]')?.textContent === '2 comentarios');
    el.removeAttribute('lang');
    wrapper.removeAttribute('lang');
    document.documentElement.setAttribute('lang', 'pt-BR');
    await until(() => $(el, '[part~="heading"]')?.textContent === '2 comentários');
  });

  it('shows every string of the thread and composer in French, including errors and relative times', async () => {
    const el = await fixture<ConfabComments>(
      html`<confab-comments lang="fr" post-id="/t" .adapter=${adapter()}></confab-comments>`
    );
    await el.loadComplete;
    await until(() => $(el, '[part~="heading"]')?.textContent === '2 commentaires');
    expect($(el, '[part~="reply-button"]')!.textContent!.trim()).to.equal('Répondre');
    expect($(el, '[part~="time"]')!.textContent).to.match(/^il y a /);
    const composer = composerOf(el);
    await until(
      () =>
        composer.shadowRoot!.querySelector('[part~="submit-button"]')?.textContent?.trim() === 'Publier le commentaire'
    );
    expect(field(composer, 'author').placeholder).to.equal('Anonyme');
    await submit(composer);
    expect(composer.shadowRoot!.querySelector('#body-error')!.textContent).to.equal(
      'Écrivez quelque chose avant de publier.'
    );
  });

  it('lays out Arabic right to left, with Arabic plurals', async () => {
    const el = await fixture<ConfabComments>(
      html`<confab-comments lang="ar" post-id="/t" .adapter=${adapter()}></confab-comments>`
    );
    await el.loadComplete;
    await until(() => $(el, '[part~="heading"]')?.textContent === 'تعليقان');
    const base = $(el, '[part~="base"]')!;
    expect(base.getAttribute('dir')).to.equal('rtl');
    expect(getComputedStyle(base).direction).to.equal('rtl');
    // Replies are indented from the right.
    const replies = $(el, '.indent')!;
    expect(getComputedStyle(replies).borderRightWidth).to.equal('2px');
    expect(getComputedStyle(replies).borderLeftWidth).to.equal('0px');
    expect(composerOf(el).getAttribute('lang')).to.equal('ar');
    // An English comment keeps its own direction inside the Arabic layout.
    expect(getComputedStyle($(el, '[part~="body"]')!).direction).to.equal('ltr');
  });

  it("applies a site's per-string overrides, from the attribute (JSON) or the property", async () => {
    const el = await fixture<ConfabComments>(
      html`<confab-comments post-id="/t" strings='{"leaveComment": "Join the discussion", "count": {"one": "{n} reply", "other": "{n} replies"}}' .adapter=${adapter()}></confab-comments>`
    );
    await el.loadComplete;
    expect($(el, '[part~="heading"]')!.textContent).to.equal('2 replies');
    expect($(el, 'h3')!.textContent).to.equal('Join the discussion');
    // Strings of the on-demand parts (sorting, load more, reactions...) take overrides too, nested ones merged.
    el.strings = {sortLabel: 'Order', reactions: {up: 'Agree'}};
    await until(() => $(el, '[part~="sort"]')?.textContent?.includes('Order'));
    expect($(el, '[part~="reaction-button"]')!.getAttribute('aria-label')).to.equal('Agree');
    expect($$(el, '[part~="reaction-button"]')[1]!.getAttribute('aria-label')).to.equal('Love');
    el.strings = {errors: {'body-empty': 'Say something first.'}};
    await el.updateComplete;
    await submit(composerOf(el));
    expect(composerOf(el).shadowRoot!.querySelector('#body-error')!.textContent).to.equal('Say something first.');
    expect($(el, 'h3')!.textContent).to.equal('Leave a comment');
  });

  it('never shows English while another language loads (nothing, then the right words)', async () => {
    const el = document.createElement('confab-comments');
    el.setAttribute('lang', 'ja');
    el.postId = '/t';
    el.adapter = adapter();
    const seen: string[] = [];
    const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
    wrapper.append(el);
    await until(() => {
      seen.push($(el, '[part~="heading"]')?.textContent ?? '');
      return seen.at(-1) === 'コメント 2 件';
    });
    expect(seen.filter((text) => /[A-Za-z]/.test(text))).to.deep.equal([]);
    expect($$(el, '[part~="comment"]').length).to.equal(2);
  });
});
