import {en, type Strings} from './en.js';

/** The reader-facing message for an error from an adapter, in the strings of the reader's language. */
export function errorMessage(error: unknown, strings: Strings = en): string {
  const {code, status} = (error ?? {}) as {code?: string; status?: number};
  const messages = strings.errors as Record<string, string>;
  // A server that is down, full or restarting: nothing is lost, the reader can try again.
  if (status && status >= 500) return messages.outage!;
  if (code && messages[code]) return messages[code]!;
  return (status && status < 500 ? messages.invalid : messages.unknown)!;
}
