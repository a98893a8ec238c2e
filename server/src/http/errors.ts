import type {ContentfulStatusCode} from 'hono/utils/http-status';
import type {ApiErrorCode} from 'confab/core';

/** An error the API reports as `{"error": {"code", "message"}}` with its status. Never carries a stack or a path. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ApiErrorCode,
    message: string,
    readonly headers: Record<string, string> = {}
  ) {
    super(message);
  }
}

export const errorBody = (code: ApiErrorCode, message: string) => ({error: {code, message}});

/** A 429 that says when to try again (`Retry-After`, in whole seconds). */
export function retryLater(waitMs: number, what: string): ApiError {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  return new ApiError(429, 'rate-limited', `${what} Try again in ${seconds} s.`, {'Retry-After': String(seconds)});
}
