import type {StorageAdapter} from '../../adapters/adapter.js';
import {ConfabError} from '../../core/errors.js';
import {loadIndexedDb, loadMemory, loadRest} from '../../adapters/load.js';

/** Values of the `storage` attribute. */
export type StorageKind = 'indexeddb' | 'memory' | 'rest';

let memory: Promise<StorageAdapter> | undefined;
let indexedDb: Promise<StorageAdapter> | undefined;
let indexedDbAdapter: StorageAdapter | undefined;
const rest = new Map<string, Promise<StorageAdapter>>();

/**
 * The adapters made by Confab itself: they check every record they import (an adapter of one's own is handed
 * checked ones).
 */
const builtIns = new WeakSet<StorageAdapter>();

/** Marks an adapter Confab made (one of these, or the memory it falls back to). */
export function builtIn<T extends StorageAdapter>(adapter: T): T {
  builtIns.add(adapter);
  return adapter;
}

/** True for an adapter Confab made, which checks what it imports. */
export const checksImports = (adapter: StorageAdapter): boolean => builtIns.has(adapter);

/** Loads an adapter once; a failed load (offline) is forgotten, so that Retry loads it again. */
function once(load: () => Promise<StorageAdapter>, forget: () => void): Promise<StorageAdapter> {
  const adapter = load();
  adapter.catch(forget);
  return adapter;
}

/**
 * One adapter of each kind (and one per REST endpoint and site) per page, shared by every element, so that elements
 * re-created by a router agree. Each is loaded on first use.
 */
export function builtInAdapter(kind: string, endpoint: string, site = ''): StorageAdapter | Promise<StorageAdapter> {
  if (kind === 'memory') {
    return (memory ??= once(
      () => loadMemory().then(({MemoryAdapter}) => builtIn(new MemoryAdapter())),
      () => (memory = undefined)
    ));
  }
  if (kind !== 'rest') {
    return (indexedDb ??= once(
      () => loadIndexedDb().then(({IndexedDbAdapter}) => (indexedDbAdapter = builtIn(new IndexedDbAdapter()))),
      () => (indexedDb = undefined)
    ));
  }
  if (!endpoint) throw new ConfabError('invalid', 'storage="rest" needs an endpoint attribute.');
  const key = `${site} ${endpoint}`;
  let adapter = rest.get(key);
  if (!adapter) {
    adapter = once(
      () => loadRest().then(({RestAdapter}) => builtIn(new RestAdapter({endpoint, site}))),
      () => rest.delete(key)
    );
    rest.set(key, adapter);
  }
  return adapter;
}

/** True for the page's IndexedDB adapter, whose failures mean "carry on in memory". */
export function fallsBackToMemory(adapter: StorageAdapter): boolean {
  return adapter === indexedDbAdapter;
}
