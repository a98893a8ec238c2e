import {en, type Plural, type StringOverrides, type Strings} from './en.js';

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

/**
 * A `t(key, values)` for a table in a language, with a site's overrides: plurals through `Intl.PluralRules`, numbers
 * through `Intl.NumberFormat`.
 */
export function translator(base: Strings, locale: string, overrides?: StringOverrides | null): Translate {
  const strings = withOverrides(base, overrides);
  const plurals = new Intl.PluralRules(locale);
  const numbers = new Intl.NumberFormat(locale);
  const t = (key: MessageKey, values: MessageValues = {}) => {
    let message = strings[key] ?? en[key];
    if (typeof message === 'object') message = message[plurals.select(values.n ?? 0)] ?? message.other;
    return message.replace(/\{(n|name)\}/g, (_, name: 'n' | 'name') =>
      name === 'n' ? numbers.format(values.n ?? 0) : (values.name ?? '')
    );
  };
  return Object.assign(t, {
    strings,
    base,
    overrides,
    locale,
    dir: RTL.includes(localeFor(locale)) ? ('rtl' as const) : ('ltr' as const),
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
  if (!part) parts.set(english, (part = translator({...english, ...t.base} as Strings, t.locale, t.overrides)));
  return part;
}
