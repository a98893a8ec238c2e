import type {StorageAdapter} from '../../adapters/adapter.js';
import {IndexedDbAdapter} from '../../adapters/indexeddb.js';
import {MemoryAdapter} from '../../adapters/memory.js';

/** Values of the `storage` attribute. */
export type StorageKind = 'indexeddb' | 'memory';

let shared: {indexeddb?: IndexedDbAdapter; memory?: MemoryAdapter} = {};

/** One adapter of each kind per page, shared by every element, so that elements re-created by a router agree. */
export function builtInAdapter(kind: string): StorageAdapter {
  if (kind === 'memory') return (shared.memory ??= new MemoryAdapter());
  return (shared.indexeddb ??= new IndexedDbAdapter());
}

export function isBuiltIn(adapter: StorageAdapter): boolean {
  return adapter === shared.indexeddb;
}
