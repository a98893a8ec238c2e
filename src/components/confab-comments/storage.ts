import type {StorageAdapter} from '../../adapters/adapter.js';
import {IndexedDbAdapter} from '../../adapters/indexeddb.js';
import {MemoryAdapter} from '../../adapters/memory.js';
import {ConfabError} from '../../core/errors.js';
import {loadRest} from '../../internal/load-rest.js';

/** Values of the `storage` attribute. */
export type StorageKind = 'indexeddb' | 'memory' | 'rest';

const shared: {indexeddb?: IndexedDbAdapter; memory?: MemoryAdapter; rest: Map<string, Promise<StorageAdapter>>} = {
  rest: new Map(),
};

/**
 * One adapter of each kind (and one per REST endpoint) per page, shared by every element, so that elements
 * re-created by a router agree. The REST adapter is loaded on first use.
 */
export function builtInAdapter(kind: string, endpoint: string): StorageAdapter | Promise<StorageAdapter> {
  if (kind === 'memory') return (shared.memory ??= new MemoryAdapter());
  if (kind !== 'rest') return (shared.indexeddb ??= new IndexedDbAdapter());
  if (!endpoint) throw new ConfabError('invalid', 'storage="rest" needs an endpoint attribute.');
  let adapter = shared.rest.get(endpoint);
  if (!adapter) {
    adapter = loadRest().then(({RestAdapter}) => new RestAdapter({endpoint}));
    adapter.catch(() => shared.rest.delete(endpoint));
    shared.rest.set(endpoint, adapter);
  }
  return adapter;
}

export function isBuiltIn(adapter: StorageAdapter): boolean {
  return adapter === shared.indexeddb;
}
