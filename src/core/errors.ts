/**
 * Every error code of the Confab server's API, the one list the server answers with and the widget understands, so
 * that no code is dropped on the way (the REST adapter passes each one on as the `ConfabError`'s code).
 */
export const API_ERROR_CODES = [
  // The request: its form, its fields and its size.
  'invalid-request',
  'invalid-json',
  'unsupported-media-type',
  'payload-too-large',
  'invalid-cursor',
  'invalid',
  'bad-request',
  // The comment: what a reader wrote.
  'body-empty',
  'body-too-long',
  'author-too-long',
  'invalid-characters',
  'parent-not-found',
  'name-reserved',
  // Who may do what.
  'not-found',
  'unauthorized',
  'forbidden',
  'edit-window-closed',
  'too-many-edits',
  'idempotency-key-reused',
  'cannot-block-default-name',
  'thread-closed',
  'too-many-pins',
  'unknown-site',
  // Limits.
  'rate-limited',
  'too-many-streams',
  // The server and its database.
  'unavailable',
  'storage-full',
  'internal',
] as const;

export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** Why a storage call failed; the widget chooses its message and fallback from this. */
export type ConfabErrorCode =
  | ApiErrorCode
  | 'unavailable' // the storage cannot be used at all (private mode, blocked, no IndexedDB); from a server: it is down
  | 'timeout' // the storage did not answer in time
  | 'quota' // the storage is full
  | 'network' // the server could not be reached
  | 'aborted'
  | 'unknown';

const KINDS: Partial<Record<ConfabErrorCode, ConfabErrorCode>> = {
  'invalid-request': 'invalid',
  'invalid-json': 'invalid',
  'unsupported-media-type': 'invalid',
  'payload-too-large': 'invalid',
  'invalid-cursor': 'invalid',
  'bad-request': 'invalid',
  'body-empty': 'invalid',
  'body-too-long': 'invalid',
  'author-too-long': 'invalid',
  'invalid-characters': 'invalid',
  'parent-not-found': 'invalid',
  'idempotency-key-reused': 'invalid',
  unauthorized: 'forbidden',
  'edit-window-closed': 'forbidden',
  'too-many-edits': 'rate-limited',
  'too-many-streams': 'rate-limited',
  'storage-full': 'unavailable',
};

/**
 * The general kind of a code: `invalid` for every refusal of bad input, `forbidden` for every refusal of who asks,
 * `rate-limited` for every limit, `unavailable` for a server that cannot store. Other codes are their own kind.
 */
export const kindOf = (code: ConfabErrorCode): ConfabErrorCode => KINDS[code] ?? code;

/**
 * Every error an adapter raises. The message starts with `[confab] [<adapter>]`; `cause` keeps the original error.
 * Errors from a server also carry its HTTP `status` and, with 429 and 503, `retryAfter` (seconds).
 */
export class ConfabError extends Error {
  override name = 'ConfabError';
  /** The adapter that raised it, such as `rest`. */
  readonly adapter?: string;
  status?: number;
  retryAfter?: number;
  constructor(
    readonly code: ConfabErrorCode,
    message: string,
    options?: {cause?: unknown; adapter?: string}
  ) {
    super(`[confab]${options?.adapter ? ` [${options.adapter}]` : ''} ${message}`, {cause: options?.cause});
    this.adapter = options?.adapter;
  }
}

/** True when the error means the storage cannot be used, so the widget should carry on in memory. */
export function isStorageUnavailable(error: unknown): boolean {
  return (
    error instanceof ConfabError && (error.code === 'unavailable' || error.code === 'timeout' || error.code === 'quota')
  );
}

export function isAbort(error: unknown): boolean {
  return (
    (error instanceof ConfabError && error.code === 'aborted') ||
    (typeof error === 'object' && error !== null && (error as {name?: string}).name === 'AbortError')
  );
}
