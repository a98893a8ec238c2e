const MAX_URL_LENGTH = 2048;

/**
 * The one gate for every URL bound into an attribute. Returns the normalized URL when it is absolute http(s)
 * (or mailto, when allowed), has no credentials and is not over-long; otherwise `null`, and the caller renders text.
 */
export function safeUrl(value: string, options: {mailto?: boolean} = {}): string | null {
  if (typeof value !== 'string' || value.length > MAX_URL_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return null;
  }
  if (url.protocol === 'mailto:') return options.mailto ? url.href : null;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password) return null;
  return url.href;
}
