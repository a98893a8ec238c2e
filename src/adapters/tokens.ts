import {createStore, del, get, keys, set, type UseStore} from 'idb-keyval';

/**
 * Keeps each comment's secret edit token, so that the same browser can edit or delete it later. The REST adapter
 * does not wait for `set` before showing a new comment: a store must hold the token from the moment `set` is called.
 */
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

/** A token not yet in IndexedDB waits in localStorage: a reload right after posting finds it there. */
const PENDING = 'confab:token:';
const pending = {
  get: (id: string) => {
    try {
      return localStorage.getItem(PENDING + id) ?? undefined;
    } catch {
      return undefined;
    }
  },
  set: (id: string, token: string | null) => {
    try {
      if (token) localStorage.setItem(PENDING + id, token);
      else localStorage.removeItem(PENDING + id);
    } catch {
      // No localStorage: memory and IndexedDB hold it.
    }
  },
  ids: (): string[] => {
    try {
      return Object.keys(localStorage)
        .filter((k) => k.startsWith(PENDING))
        .map((k) => k.slice(PENDING.length));
    } catch {
      return [];
    }
  },
};

/**
 * Tokens in IndexedDB (database `confab-tokens`), falling back to memory when IndexedDB cannot be used. `set` holds
 * the token at once (memory, and localStorage until IndexedDB has it), so a caller need not wait for it.
 */
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
      ).then((t) => t ?? pending.get(id) ?? memory.get(id)),
    set: (id, token) => (
      memory.set(id, token),
      pending.set(id, token),
      attempt(
        (s) => set(id, token, s).then(() => pending.set(id, null)),
        async () => {}
      )
    ),
    delete: (id) => (
      memory.delete(id),
      pending.set(id, null),
      attempt(
        (s) => del(id, s),
        async () => {}
      )
    ),
    ids: () =>
      attempt(
        (s) => keys<string>(s),
        () => memory.ids()
      ).then((ids) => [...new Set([...ids, ...pending.ids()])]),
  };
}
