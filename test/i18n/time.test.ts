import {expect, fixture, html} from '@open-wc/testing';
import {MemoryAdapter} from '../../src/adapters/memory.js';
import type {ConfabComments} from '../../src/components/confab-comments/confab-comments.js';
import '../../src/define.js';
import {DATE_TAGS} from '../../src/i18n/dates/tags.js';
import {absoluteTime, inUnits, relativeTime, type DateTable} from '../../src/i18n/time.js';
import {comment} from '../support/adapters.js';
import {$$} from '../support/helpers.js';

const CODES = ['en', 'es', 'fr', 'de', 'pt', 'ja', 'zh'];
const tableOf = async (code: string): Promise<DateTable> =>
  ((await import(`../../src/i18n/dates/${code}.ts`)) as {dates: DateTable}).dates;

/** Counts the Intl date formatters made while `run` runs (the first of a page costs 30-110 ms of main thread). */
async function formattersMade(run: () => unknown): Promise<number> {
  const {DateTimeFormat, RelativeTimeFormat} = Intl;
  let made = 0;
  Intl.DateTimeFormat = function (...args: ConstructorParameters<typeof DateTimeFormat>) {
    made++;
    return new DateTimeFormat(...args);
  } as unknown as typeof DateTimeFormat;
  (Intl as {RelativeTimeFormat: unknown}).RelativeTimeFormat = function (
    ...args: ConstructorParameters<typeof RelativeTimeFormat>
  ) {
    made++;
    return new RelativeTimeFormat(...args);
  };
  try {
    await run();
  } finally {
    Intl.DateTimeFormat = DateTimeFormat;
    (Intl as {RelativeTimeFormat: unknown}).RelativeTimeFormat = RelativeTimeFormat;
  }
  return made;
}

describe('i18n/time', () => {
  const now = Date.UTC(2026, 10, 28, 12, 0, 0);
  const ago = (seconds: number) => new Date(now - seconds * 1000).toISOString();

  for (const [name, table] of [
    ['with Intl.RelativeTimeFormat', async () => undefined],
    ['with the English table', () => tableOf('en')],
  ] as const) {
    it(`says how long ago, in words, ${name}`, async () => {
      const dates = await table();
      expect(relativeTime(ago(5), now, 'en', dates)).to.equal('now');
      expect(relativeTime(ago(3 * 60), now, 'en', dates)).to.equal('3 minutes ago');
      expect(relativeTime(ago(2 * 3600), now, 'en', dates)).to.equal('2 hours ago');
      expect(relativeTime(ago(26 * 3600), now, 'en', dates)).to.equal('yesterday');
      expect(relativeTime(ago(400 * 86400), now, 'en', dates)).to.equal('last year');
      // A date ahead of the reader's clock (the server's a little ahead) is now: no comment is from the future.
      expect(relativeTime(ago(-3 * 60), now, 'en', dates)).to.equal('now');
    });
  }

  it('moves on as the clock does (the element re-renders it every minute)', () => {
    const posted = ago(30);
    expect(relativeTime(posted, now, 'en')).to.equal('now');
    expect(relativeTime(posted, now + 5 * 60_000, 'en')).to.equal('5 minutes ago');
  });

  it('gives the exact date and time for the tooltip', async () => {
    expect(absoluteTime('2013-09-25T14:05:00.000Z', 'en')).to.match(/September 25, 2013/);
    const local = new Date('2013-09-25T14:05:00.000Z');
    expect(absoluteTime(local.toISOString(), 'en', await tableOf('en'))).to.equal(
      new Intl.DateTimeFormat('en', {dateStyle: 'long', timeStyle: 'short'}).format(local)
    );
  });

  it('writes dates as this browser’s Intl does, with every table, for every tag it names', async () => {
    const units = ['year', 'month', 'week', 'day', 'hour', 'minute'] as const;
    let tags = 0;
    for (const code of CODES) {
      const table = await tableOf(code);
      expect(table.tags, code).to.include(code);
      for (const tag of table.tags) {
        tags++;
        const full = new Intl.DateTimeFormat(tag, {dateStyle: 'long', timeStyle: 'short'});
        // Every month and hour, days 1-31, minutes 0-59, over four decades, in this browser's time zone.
        for (let i = 0; i < 600; i++) {
          const date = new Date(1990 + (i % 40), i % 12, 1 + (i % 31), i % 24, (i * 7) % 60);
          expect(absoluteTime(date.toISOString(), tag, table), `${tag} ${date.toISOString()}`).to.equal(
            full.format(date)
          );
        }
        const words = new Intl.RelativeTimeFormat(tag, {numeric: 'auto'});
        expect(inUnits(0, 'second', tag, table), tag).to.equal(words.format(0, 'second'));
        for (const unit of units)
          for (let n = -150; n < 0; n++)
            expect(inUnits(n, unit, tag, table), `${tag} ${n} ${unit}`).to.equal(words.format(n, unit));
      }
    }
    expect(DATE_TAGS).to.have.length(tags);
  });

  it('a page in a language with a table makes no Intl date formatter; one without uses Intl', async () => {
    const adapter = new MemoryAdapter({comments: [comment('a', 1)]});
    let el!: ConfabComments;
    const made = await formattersMade(async () => {
      el = await fixture<ConfabComments>(
        html`<confab-comments lang="en-US" post-id="/t" .adapter=${adapter}></confab-comments>`
      );
      await el.updateComplete;
      await new Promise((resolve) => setTimeout(resolve));
    });
    const time = $$<HTMLTimeElement>(el, 'time')[0]!;
    expect(time.title).to.equal(
      new Intl.DateTimeFormat('en-US', {dateStyle: 'long', timeStyle: 'short'}).format(new Date(time.dateTime))
    );
    expect(made).to.equal(0);
    // British English writes dates its own way: Intl does it (and the table is not used for it).
    expect(
      await formattersMade(async () => {
        el.lang = 'en-GB';
        await el.updateComplete;
        await new Promise((resolve) => setTimeout(resolve));
      })
    ).to.be.above(0);
    expect($$<HTMLTimeElement>(el, 'time')[0]!.title).to.equal(
      new Intl.DateTimeFormat('en-GB', {dateStyle: 'long', timeStyle: 'short'}).format(new Date(time.dateTime))
    );
  });
});
