import type {ReactiveControllerHost} from 'lit';
import {loadLocale, type LocaleModule} from './locales/load.js';
import {dates} from './dates/en.js';
import {DATE_TAGS} from './dates/tags.js';
import {en, type StringOverrides} from './en.js';
import {prepareTimes} from './time.js';
import {localeFor, translator, type Translate} from './translate.js';

type Host = ReactiveControllerHost & HTMLElement & {strings?: StringOverrides | null};

const english: LocaleModule = {default: en, dates};
const tables = new Map<string, Promise<LocaleModule>>();

/** A locale's table, loaded once per page; English when it cannot be loaded (offline), so nothing is left blank. */
function table(code: string): Promise<LocaleModule> {
  let loading = tables.get(code);
  if (!loading) {
    loading = loadLocale(code).catch((error) => {
      tables.delete(code);
      console.warn(`[confab] the ${code} strings could not be loaded:`, error);
      return english;
    });
    tables.set(code, loading);
  }
  return loading;
}

/**
 * The language an element speaks: its own `lang`, else the closest `[lang]` around it (across shadow roots), else
 * the document's, else the browser's.
 */
export function languageOf(element: Element): string {
  // Its own first as a property: one set on an element is reflected to its attribute only as the element renders.
  if ((element as HTMLElement).lang) return (element as HTMLElement).lang;
  for (let node: Element | null = element; node;) {
    const lang = node.closest('[lang]')?.getAttribute('lang');
    if (lang) return lang;
    node = (node.getRootNode() as ShadowRoot).host ?? null;
  }
  return document.documentElement.lang || navigator.language || 'en';
}

/**
 * Gives an element its strings: `t(key, values)` in the element's language with the site's overrides, loading the
 * locale's table on first use. `ready` is false only while a first table loads, so no wrong-language text flashes.
 */
export class Localizer {
  t: Translate = translator(en, 'en', null, dates);
  /** False until the element's first table is in, so no wrong-language text flashes while it loads. */
  ready = false;
  #lang?: string;
  #overrides?: StringOverrides | null;
  #request = 0;

  constructor(private host: Host) {}

  /** Checks the language and overrides; the host calls it before each render. */
  check(): void {
    const lang = languageOf(this.host);
    const overrides = this.host.strings;
    if (lang === this.#lang && overrides === this.#overrides) return;
    this.#lang = lang;
    this.#overrides = overrides;
    const request = ++this.#request;
    const apply = (module: LocaleModule) => {
      this.t = translator(module.default, lang, overrides, module.dates);
      this.ready = true;
    };
    // A language without a date table: its Intl formatters, in a task of their own, before the first comment.
    if (!DATE_TAGS.includes(lang.toLowerCase())) setTimeout(() => prepareTimes(lang));
    const code = localeFor(lang);
    if (code === 'en') return apply(english);
    void table(code).then((module) => {
      if (request !== this.#request) return;
      apply(module);
      this.host.requestUpdate();
    });
  }
}
