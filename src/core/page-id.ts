/** Query parameters that say which page a URL is (`/?p=4` on a WordPress site): they stay in its post id. */
const IDENTIFYING = ['p', 'page_id', 'attachment_id', 'post', 'postid', 'id', 'q', 'article', 'entry', 'story'];

/**
 * The post id a page gets when `post-id` is absent: the path of its canonical URL, else its own address, normalized
 * so that `/post/`, `/post` and `/post/index.html` are one thread. DOM-free: the caller passes the strings.
 */
export function pageIdFrom(canonicalHref: string | null | undefined, location: {href: string}): string {
  if (canonicalHref) {
    try {
      return postIdOf(new URL(canonicalHref, location.href));
    } catch {
      // An unparsable canonical link is ignored; the page's own address is used.
    }
  }
  return postIdOf(new URL(location.href));
}

/**
 * A URL's post id: its normalized path, and the query parameters that identify a page (`p`, `page_id`, ...) in a
 * fixed order; other parameters (tracking, paging of the page itself) and the fragment are left out. The same rule
 * names threads in the widget and in imports from other systems.
 */
export function postIdOf(url: URL): string {
  const kept = IDENTIFYING.filter((key) => url.searchParams.has(key)).map((key): [string, string] => [
    key,
    url.searchParams.get(key)!,
  ]);
  const query = kept.length ? `?${new URLSearchParams(kept)}` : '';
  return normalizePath(url.pathname) + query;
}

export function normalizePath(path: string): string {
  let p = path.replace(/\/index\.html?$/i, '/').replace(/\/{2,}/g, '/');
  if (p.length > 1) p = p.replace(/\/+$/, '');
  try {
    p = decodeURI(p);
  } catch {
    // Keep the encoded form when it is not valid percent-encoding.
  }
  return p || '/';
}
