/**
 * The built-in adapters, each loaded on demand: a page downloads only the storage it uses (IndexedDB by default, the
 * REST adapter with `storage="rest"`, the memory adapter with `storage="memory"` or when browser storage fails).
 */
export const loadIndexedDb = () => import('./indexeddb.js');
export const loadRest = () => import('./rest.js');
export const loadMemory = () => import('./memory.js');
