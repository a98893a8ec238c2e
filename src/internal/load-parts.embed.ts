/**
 * The script-tag build's version of `load-parts.ts`: each part is a file beside `confab.js` (`confab-indexeddb.js`,
 * `confab-rest.js`, `confab-memory.js`, `confab-locale-fr.js`...), fetched only by pages that use it. Their address is taken from the
 * script tag now, while `document.currentScript` is still `confab.js`.
 */
import {html, nothing, render, svg} from 'lit';

const base = (document.currentScript as HTMLScriptElement | null)?.src || location.href;
const load = (file: string) => import(new URL(file, base).href);

export const loadIndexedDb = (): Promise<typeof import('../adapters/indexeddb.js')> => load('confab-indexeddb.js');
export const loadRest = (): Promise<typeof import('../adapters/rest.js')> => load('confab-rest.js');
export const loadMemory = (): Promise<typeof import('../adapters/memory.js')> => load('confab-memory.js');
export const loadLocale = (code: string): Promise<{default: import('../i18n/en.js').Strings}> => load(`confab-locale-${code}.js`);
/** A part that renders gets this bundle's Lit (see `lit-injected.ts`). */
const withLit = <T>(module: T & {inject(lit: object): void}): T => (module.inject({html, svg, nothing, render}), module);
export const loadActions = (): Promise<typeof import('../components/confab-comments/actions.js')> =>
  load('confab-actions.js').then(withLit);
export const loadInline = (): Promise<typeof import('../inline/inline.js')> => load('confab-inline.js').then(withLit);
