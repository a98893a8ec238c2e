/**
 * The script-tag build's version of `load-adapters.ts`: each adapter is a file beside `confab.js`
 * (`confab-indexeddb.js`, `confab-rest.js`), fetched only by pages that use it. Their address is taken from the
 * script tag now, while `document.currentScript` is still `confab.js`.
 */
const base = (document.currentScript as HTMLScriptElement | null)?.src || location.href;

export const loadIndexedDb = (): Promise<typeof import('../adapters/indexeddb.js')> =>
  import(new URL('confab-indexeddb.js', base).href);
export const loadRest = (): Promise<typeof import('../adapters/rest.js')> => import(new URL('confab-rest.js', base).href);
