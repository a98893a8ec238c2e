import type {StorageAdapter} from '../../adapters/adapter.js';
import {ConfabError} from '../../core/errors.js';

type Waiter = {resolve: (n: number) => void; reject: (e: unknown) => void};
const MAX_BATCH = 100;
const pending = new Map<StorageAdapter, Map<string, Waiter[]>>();

/**
 * The comment count of a post. Every count asked for in the same moment, by any number of `<confab-count>`
 * elements, is fetched in one request per adapter (up to 100 posts each).
 */
export function countOf(adapter: StorageAdapter, postId: string): Promise<number> {
  if (!adapter.count) return Promise.reject(new ConfabError('unavailable', 'No count() in this adapter.'));
  let batch = pending.get(adapter);
  if (!batch) {
    pending.set(adapter, (batch = new Map()));
    setTimeout(() => flush(adapter));
  }
  const waiters = batch.get(postId) ?? [];
  batch.set(postId, waiters);
  return new Promise((resolve, reject) => waiters.push({resolve, reject}));
}

function flush(adapter: StorageAdapter): void {
  const batch = pending.get(adapter)!;
  pending.delete(adapter);
  const ids = [...batch.keys()];
  for (let i = 0; i < ids.length; i += MAX_BATCH) {
    const chunk = ids.slice(i, i + MAX_BATCH);
    adapter.count!(chunk).then(
      (counts) => chunk.forEach((id) => batch.get(id)!.forEach((w) => w.resolve(counts[id] ?? 0))),
      (error) => chunk.forEach((id) => batch.get(id)!.forEach((w) => w.reject(error)))
    );
  }
}
