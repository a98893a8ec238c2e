/** Why a storage call failed; the widget chooses its message and fallback from this. */
export type ConfabErrorCode =
  | 'unavailable' // the storage cannot be used at all (private mode, blocked, no IndexedDB)
  | 'timeout' // the storage did not answer in time
  | 'quota' // the storage is full
  | 'invalid' // the request was refused as invalid
  | 'not-found'
  | 'forbidden'
  | 'rate-limited'
  | 'network'
  | 'aborted'
  | 'unknown';

/**
 * Every error an adapter raises. The message starts with `[confab] [<adapter>]`; `cause` keeps the original error.
 */
export class ConfabError extends Error {
  override name = 'ConfabError';
  constructor(
    readonly code: ConfabErrorCode,
    message: string,
    options?: {cause?: unknown; adapter?: string}
  ) {
    super(`[confab]${options?.adapter ? ` [${options.adapter}]` : ''} ${message}`, {cause: options?.cause});
  }
}

/** True when the error means the storage cannot be used, so the widget should carry on in memory. */
export function isStorageUnavailable(error: unknown): boolean {
  return error instanceof ConfabError && (error.code === 'unavailable' || error.code === 'timeout' || error.code === 'quota');
}

export function isAbort(error: unknown): boolean {
  return (
    (error instanceof ConfabError && error.code === 'aborted') ||
    (typeof error === 'object' && error !== null && (error as {name?: string}).name === 'AbortError')
  );
}
