import type {ContentfulStatusCode} from 'hono/utils/http-status';

/** An error the API reports as `{"error": {"code", "message"}}` with its status. Never carries a stack or a path. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {}
  ) {
    super(message);
  }
}

export const errorBody = (code: string, message: string) => ({error: {code, message}});
