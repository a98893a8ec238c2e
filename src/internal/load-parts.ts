/**
 * Parts of Confab that load on demand: a page downloads only the storage adapter it uses (IndexedDB by default, the
 * REST adapter with `storage="rest"`, the memory adapter with `storage="memory"` or when browser storage fails) and
 * only the strings of its language (English is built in).
 */
export const loadIndexedDb = () => import('../adapters/indexeddb.js');
export const loadRest = () => import('../adapters/rest.js');
export const loadMemory = () => import('../adapters/memory.js');
/** Reactions, edit and delete: loaded beside the first page of comments. */
export const loadActions = () => import('../components/confab-comments/actions.js');
/** Inline comments: loaded only by pages that turn them on. */
export const loadInline = () => import('../inline/inline.js');

const locales: Record<string, () => Promise<{default: import('../i18n/en.js').Strings}>> = {
  es: () => import('../i18n/locales/es.js'),
  fr: () => import('../i18n/locales/fr.js'),
  de: () => import('../i18n/locales/de.js'),
  pt: () => import('../i18n/locales/pt.js'),
  ja: () => import('../i18n/locales/ja.js'),
  zh: () => import('../i18n/locales/zh.js'),
  ar: () => import('../i18n/locales/ar.js'),
};
export const loadLocale = (code: string) => locales[code]!();
