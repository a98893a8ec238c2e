/**
 * The post id a page gets when `post-id` is absent: the path of its canonical URL, else its own path, normalized so
 * that `/post/`, `/post` and `/post/index.html` are one thread. DOM-free: the caller passes the strings.
 */
export function pageIdFrom(
  canonicalHref: string | null | undefined,
  location: {href: string; pathname: string}
): string {
  let path = location.pathname;
  if (canonicalHref) {
    try {
      path = new URL(canonicalHref, location.href).pathname;
    } catch {
      // An unparsable canonical link is ignored; the page's own path is used.
    }
  }
  return normalizePath(path);
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
