/**
 * The built-in storage adapters load on demand: a page downloads only the one it uses (IndexedDB by default, the
 * REST adapter with `storage="rest"`); the memory adapter, the fallback, is always there.
 */
export const loadIndexedDb = () => import('../adapters/indexeddb.js');
export const loadRest = () => import('../adapters/rest.js');
