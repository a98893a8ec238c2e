/**
 * The script-tag build's version of `load-rest.ts`: the REST adapter is a separate file, `confab-rest.js`, next to
 * `confab.js`, loaded only when a page uses `storage="rest"`. Its address is taken from the script tag now, while
 * `document.currentScript` is still `confab.js`.
 */
const base = (document.currentScript as HTMLScriptElement | null)?.src || location.href;

export const loadRest = (): Promise<typeof import('../adapters/rest.js')> => import(new URL('confab-rest.js', base).href);
