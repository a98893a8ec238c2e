import type {Strings} from '../en.js';
import type {DateTable} from '../time.js';

/** A language's module: its strings, and how it writes dates where it has a table for them. */
export type LocaleModule = {default: Strings; dates?: DateTable};

/** The tables of the languages other than English, each loaded on demand by the pages that speak it. */
const locales: Record<string, () => Promise<LocaleModule>> = {
  es: () => import('./es.js'),
  fr: () => import('./fr.js'),
  de: () => import('./de.js'),
  pt: () => import('./pt.js'),
  ja: () => import('./ja.js'),
  zh: () => import('./zh.js'),
  ar: () => import('./ar.js'),
};

export const loadLocale = (code: string) => locales[code]!();
