/**
 * One watcher of the host page for every Confab element: the `<html>` and `<body>` attributes that carry a site's
 * dark-mode marker or language, and the reader's colour-scheme preference. Elements subscribe while connected.
 */
const listeners = new Set<() => void>();
let observer: MutationObserver | undefined;
let media: MediaQueryList | undefined;

const notify = () => listeners.forEach((listener) => listener());

/** Calls `listener` whenever the page's theme markers, language or colour-scheme preference change. */
export function watchPage(listener: () => void): () => void {
  if (!listeners.size) {
    observer = new MutationObserver(notify);
    const options = {
      attributes: true,
      attributeFilter: ['class', 'style', 'lang', 'data-theme', 'data-bs-theme', 'data-mode', 'data-color-scheme'],
    };
    observer.observe(document.documentElement, options);
    if (document.body) observer.observe(document.body, options);
    media = matchMedia('(prefers-color-scheme: dark)');
    media.addEventListener('change', notify);
  }
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (!listeners.size) {
      observer?.disconnect();
      media?.removeEventListener('change', notify);
    }
  };
}

/** How many elements are watching the page (for tests: none after they are all removed). */
export const watching = () => listeners.size;

/**
 * The page's theme: an explicit marker on `<html>` or `<body>` (a `dark`/`light` class, `data-theme`,
 * `data-bs-theme`, `data-mode` or `data-color-scheme`), else a single `color-scheme` on `<html>`, else the reader's
 * preference.
 */
export function pageTheme(): 'light' | 'dark' {
  for (const el of [document.documentElement, document.body]) {
    if (!el) continue;
    const d = el.dataset;
    const marker = d.theme || d.bsTheme || d.mode || d.colorScheme;
    if (marker === 'dark' || marker === 'light') return marker;
    if (el.classList.contains('dark')) return 'dark';
    if (el.classList.contains('light')) return 'light';
  }
  // `color-scheme: dark` (or `only dark`) picks one; `light dark` leaves it to the reader.
  const scheme = getComputedStyle(document.documentElement).colorScheme;
  const dark = /dark/.test(scheme);
  if (dark !== /light/.test(scheme)) return dark ? 'dark' : 'light';
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}
