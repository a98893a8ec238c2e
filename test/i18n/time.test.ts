import {expect} from '@open-wc/testing';
import {absoluteTime, relativeTime} from '../../src/i18n/time.js';

describe('i18n/time', () => {
  const now = Date.UTC(2026, 10, 28, 12, 0, 0);
  const ago = (seconds: number) => new Date(now - seconds * 1000).toISOString();

  it('says how long ago, in words, with Intl.RelativeTimeFormat', () => {
    expect(relativeTime(ago(5), now, 'en')).to.equal('now');
    expect(relativeTime(ago(3 * 60), now, 'en')).to.equal('3 minutes ago');
    expect(relativeTime(ago(2 * 3600), now, 'en')).to.equal('2 hours ago');
    expect(relativeTime(ago(26 * 3600), now, 'en')).to.equal('yesterday');
    expect(relativeTime(ago(400 * 86400), now, 'en')).to.equal('last year');
  });

  it('moves on as the clock does (the element re-renders it every minute)', () => {
    const posted = ago(30);
    expect(relativeTime(posted, now, 'en')).to.equal('now');
    expect(relativeTime(posted, now + 5 * 60_000, 'en')).to.equal('5 minutes ago');
  });

  it('gives the exact date and time for the tooltip', () => {
    expect(absoluteTime('2013-09-25T14:05:00.000Z', 'en')).to.match(/September 25, 2013/);
  });
});
