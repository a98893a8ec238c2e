import {en, type Plural, type StringOverrides, type Strings} from './en.js';
import type {DateTable} from './time.js';

/** A date table, if it is exact for a language tag. */
const tableFor = (table: DateTable | undefined, locale: string): DateTable | undefined =>
  table?.tags.some((tag) => tag.toLowerCase() === locale.toLowerCase()) ? table : undefined;

/** Keys of messages (not of the nested `errors` and `reactions` tables). */
export type MessageKey = {[K in keyof Strings]: Strings[K] extends string | Plural ? K : never}[keyof Strings];
/** Values for a message's `{name}` and `{n}`. */
export type MessageValues = {n?: number; name?: string};
/** Looks up a message and fills it in. */
export type Translate = ((key: MessageKey, values?: MessageValues) => string) & {
  /** The table in use, with the site's overrides laid over it. */
  strings: Strings;
  /** The table as the locale gives it, and the site's overrides, for parts that bring their own English. */
  base: Strings;
  overrides?: StringOverrides | null;
  locale: string;
  dir: 'ltr' | 'rtl';
  /** How the locale writes dates, when it has a table exact for it (else dates are written by Intl). */
  dates?: DateTable;
};

/** The locales with a table; others fall back to the closest one, else English. */
export const LOCALES = ['en', 'es', 'fr', 'de', 'pt', 'ja', 'zh', 'ar'];
const RTL = ['ar'];

/** The table for a language tag: `pt-BR` → `pt`, `zh-Hans-CN` → `zh`, anything unknown → `en`. */
export function localeFor(tag: string): string {
  const base = tag.toLowerCase().split(/[-_]/)[0]!;
  return LOCALES.includes(base) ? base : 'en';
}

/** A table with a site's overrides laid over it, one level deep (so `errors` and `reactions` merge too). */
export function withOverrides(strings: Strings, overrides?: StringOverrides | null): Strings {
  if (!overrides || typeof overrides !== 'object') return strings;
  const merged: Record<string, unknown> = {...strings};
  for (const [key, value] of Object.entries(overrides)) {
    const base = merged[key];
    if (value == null) continue;
    merged[key] =
      typeof base === 'object' && !('other' in (base as object)) ? {...(base as object), ...(value as object)} : value;
  }
  return merged as Strings;
}

// Intl objects, made at their first use and once per language: the first `Intl.NumberFormat` of a page costs 40-120 ms.
const pluralRules = new Map<string, Intl.PluralRules>();
const numberFormats = new Map<string, Intl.NumberFormat>();
/** Languages whose numbers are written in Latin digits (CLDR's default numbering system for them). */
const LATIN_DIGITS = ['en', 'es', 'fr', 'de', 'pt', 'ja', 'zh'];

/**
 * A count in a language's digits and grouping. Below 1,000, in a language written with Latin digits (and no
 * numbering system asked for in the tag), that is the number itself, and no `Intl.NumberFormat` is made.
 */
export function formatNumber(n: number, locale: string): string {
  const lang = locale.toLowerCase().split(/[-_]/)[0]!;
  if (Number.isInteger(n) && n >= 0 && n < 1000 && LATIN_DIGITS.includes(lang) && !/-u-/i.test(locale))
    return String(n);
  let format = numberFormats.get(locale);
  if (!format) numberFormats.set(locale, (format = new Intl.NumberFormat(locale)));
  return format.format(n);
}

/** The plural form of `n` in a language (`one`, `few`, `other`...). */
export function pluralOf(n: number, locale: string): Intl.LDMLPluralRule {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules.select(n);
}

/**
 * A `t(key, values)` for a table in a language, with a site's overrides: plurals through `Intl.PluralRules`, numbers
 * through `formatNumber`; `dates` is kept when it is exact for the locale.
 */
export function translator(
  base: Strings,
  locale: string,
  overrides?: StringOverrides | null,
  dates?: DateTable
): Translate {
  const strings = withOverrides(base, overrides);
  const t = (key: MessageKey, values: MessageValues = {}) => {
    let message = strings[key] ?? en[key];
    if (typeof message === 'object') message = message[pluralOf(values.n ?? 0, locale)] ?? message.other;
    return message.replace(/\{(n|name)\}/g, (_, name: 'n' | 'name') =>
      name === 'n' ? formatNumber(values.n ?? 0, locale) : (values.name ?? '')
    );
  };
  return Object.assign(t, {
    strings,
    base,
    overrides,
    locale,
    dir: RTL.includes(localeFor(locale)) ? ('rtl' as const) : ('ltr' as const),
    dates: tableFor(dates, locale),
  });
}

const withEnglish = new WeakMap<Translate, Map<object, Translate>>();
/**
 * The host's `t` for an on-demand part whose English strings travel with it: the part's English under the host's
 * table (other locales' tables already hold the part's keys).
 */
export function partTranslator(t: Translate, english: Partial<Strings>): Translate {
  let parts = withEnglish.get(t);
  if (!parts) withEnglish.set(t, (parts = new Map()));
  let part = parts.get(english);
  if (!part)
    parts.set(english, (part = translator({...english, ...t.base} as Strings, t.locale, t.overrides, t.dates)));
  return part;
}
