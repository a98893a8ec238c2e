/** Reads a remembered value (a draft, the reader's name, a sort order); '' when storage is refused or empty. */
export function recall(key: string): string {
  try {
    return localStorage.getItem(key) ?? '';
  } catch {
    return '';
  }
}

/** Remembers a value, or forgets it when empty. Storage refused (private mode, full): nothing else depends on it. */
export function remember(key: string, value: string): void {
  try {
    if (value) localStorage.setItem(key, value);
    else localStorage.removeItem(key);
  } catch {
    // Not remembered.
  }
}
