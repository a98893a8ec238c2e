import {pluralOf} from './translate.js';
import type {Plural} from './en.js';

type Unit = 'year' | 'month' | 'week' | 'day' | 'hour' | 'minute' | 'second';

/**
 * How a language writes dates, read from CLDR by `scripts/dates.mjs` (`src/i18n/dates/`): with one, dates are written
 * without an Intl formatter, whose first use on a page costs 30-110 ms of main thread (the browser loads its locale
 * data). Languages without one (and tags it is not exact for) use Intl.
 */
export interface DateTable {
  /** The language tags it is exact for. */
  tags: string[];
  /** The full date and time: literal text with `{y}`, `{M}`, `{MM}`, `{MMMM}`, `{d}`, `{dd}`, `{h}`, `{hh}`, `{mm}`, `{a}`. */
  pattern: string;
  /** Month names, when the pattern has `{MMMM}`. */
  months: string[] | null;
  /** Hours 1-12 (with `dayPeriods`), else 0-23. */
  hour12: boolean;
  dayPeriods: [string, string] | null;
  /** "{n} days ago" by plural form, and the offsets said in words ("yesterday"; of seconds, 0: "now"). */
  relative: Record<Unit, {past?: Plural; words: Record<string, string>}>;
}

const UNITS: [Unit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

// Making an Intl formatter costs far more than using one: one of each per language.
const relative = new Map<string | undefined, Intl.RelativeTimeFormat>();
const absolute = new Map<string | undefined, Intl.DateTimeFormat>();

/** `n` (0 or less) of a unit, from now: "3 days ago", "yesterday"; `n` 0 of seconds is "now". */
export function inUnits(n: number, unit: Unit, locale?: string, table?: DateTable): string {
  if (!table) {
    let rtf = relative.get(locale);
    if (!rtf) relative.set(locale, (rtf = new Intl.RelativeTimeFormat(locale, {numeric: 'auto'})));
    return rtf.format(n, unit);
  }
  const entry = table.relative[unit];
  const words = entry.words[n];
  if (words !== undefined) return words;
  const forms = entry.past!;
  return (forms[pluralOf(-n, locale!)] ?? forms.other).replace('{n}', String(-n));
}

/**
 * "3 minutes ago", "yesterday", "now"-style text for a date. A date ahead of the reader's clock (a server's clock a
 * little ahead) is "now": a comment is never written in the future.
 */
export function relativeTime(iso: string, now: number, locale?: string, table?: DateTable): string {
  const seconds = Math.min(0, Math.round((Date.parse(iso) - now) / 1000));
  for (const [unit, size] of UNITS) {
    if (-seconds >= size) return inUnits(Math.trunc(seconds / size), unit, locale, table);
  }
  return inUnits(0, 'second', locale, table);
}

/** The full date and time, for the tooltip. */
export function absoluteTime(iso: string, locale?: string, table?: DateTable): string {
  const date = new Date(iso);
  if (table) {
    const hours = date.getHours();
    const month = date.getMonth();
    const values: Record<string, number> = {
      y: date.getFullYear(),
      M: month + 1,
      d: date.getDate(),
      h: table.hour12 ? hours % 12 || 12 : hours,
      m: date.getMinutes(),
    };
    // `{MMMM}` the month's name, `{a}` AM or PM, a doubled letter two digits.
    return table.pattern.replace(/\{(\w)(\w*)\}/g, (_, key: string, more: string) =>
      key === 'a'
        ? table.dayPeriods![hours < 12 ? 0 : 1]
        : more.length > 1
          ? table.months![month]!
          : String(values[key]).padStart(more ? 2 : 1, '0')
    );
  }
  let format = absolute.get(locale);
  if (!format)
    absolute.set(locale, (format = new Intl.DateTimeFormat(locale, {dateStyle: 'long', timeStyle: 'short'})));
  return format.format(date);
}

/**
 * Makes a language's formatters ahead of the first render, where it has no table. A page's first Intl formatter loads
 * the browser's locale data (30-110 ms here); called in a task of its own while comments load, that is not part of
 * the task that shows them.
 */
export function prepareTimes(locale?: string): void {
  relativeTime(new Date(0).toISOString(), 0, locale);
  absoluteTime(new Date(0).toISOString(), locale);
}
