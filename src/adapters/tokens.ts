import {createStore, del, get, keys, set, type UseStore} from 'idb-keyval';

/** Keeps each comment's secret edit token, so that the same browser can edit or delete it later. */
export interface TokenStore {
  get(id: string): Promise<string | undefined>;
  set(id: string, token: string): Promise<void>;
  delete(id: string): Promise<void>;
  /** The ids of every comment this browser holds a token for. */
  ids(): Promise<string[]>;
}

/** A new secret token: 256 random bits, base64url. */
export function randomToken(): string {
  let binary = '';
  for (const b of crypto.getRandomValues(new Uint8Array(32))) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Tokens in memory, for this visit. */
export function memoryTokens(): TokenStore {
  const map = new Map<string, string>();
  return {
    get: async (id) => map.get(id),
    set: async (id, token) => void map.set(id, token),
    delete: async (id) => void map.delete(id),
    ids: async () => [...map.keys()],
  };
}

/** Tokens in IndexedDB (database `confab-tokens`), falling back to memory when IndexedDB cannot be used. */
export function indexedDbTokens(): TokenStore {
  const memory = memoryTokens();
  let store: UseStore | undefined;
  const attempt = async <T>(work: (s: UseStore) => Promise<T>, fallback: () => Promise<T>): Promise<T> => {
    try {
      return await work((store ??= createStore('confab-tokens', 'tokens')));
    } catch {
      return fallback();
    }
  };
  return {
    get: (id) =>
      attempt(
        (s) => get<string>(id, s),
        () => memory.get(id)
      ).then((t) => t ?? memory.get(id)),
    set: (id, token) => (
      memory.set(id, token),
      attempt(
        (s) => set(id, token, s),
        async () => {}
      )
    ),
    delete: (id) => (
      memory.delete(id),
      attempt(
        (s) => del(id, s),
        async () => {}
      )
    ),
    ids: () =>
      attempt(
        (s) => keys<string>(s),
        () => memory.ids()
      ),
  };
}
