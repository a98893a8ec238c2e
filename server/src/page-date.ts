import {pageIdFrom} from 'confab/core';
import {JSDOM} from 'jsdom';
import {bareId} from './sites.js';

/** The little of a DOM document this reads (the server has no DOM types). */
interface PageElement {
  getAttribute(name: string): string | null;
  readonly textContent: string | null;
}
interface PageDocument {
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement> & Iterable<PageElement>;
}

/** How long the server waits for a post's page, and how much of it it reads. */
const TIMEOUT_MS = 3000;
const MAX_BYTES = 512 * 1024;

/**
 * The date a post's page gives for itself, for `--close-after`: `<meta property="article:published_time">`,
 * `<meta itemprop="datePublished">` (or `name="date"`), or a JSON-LD `datePublished`, read from the page itself
 * (fetched once by the server: the date is the blogger's, never a reader's word). The page must be the post's: its
 * canonical address (or its own) maps to the post id, or it names the post id to Confab (`post-id` /
 * `data-post-id`). Null when there is no such date, the page is another post's, or it cannot be read in time.
 */
export async function pageDate(url: string, storedPostId: string): Promise<string | null> {
  let html: string;
  try {
    const response = await fetch(url, {
      signal: AbortSignal.timeout(TIMEOUT_MS),
      headers: {accept: 'text/html'},
      redirect: 'follow',
    });
    if (!response.ok || !/html/i.test(response.headers.get('content-type') ?? '')) return null;
    html = (await readAtMost(response, MAX_BYTES)) ?? '';
  } catch {
    return null;
  }
  return dateOf(html, url, bareId(storedPostId));
}

/** The page's own date, when the page is the post's (see `pageDate`). */
export function dateOf(html: string, url: string, postId: string): string | null {
  const {document} = new JSDOM(html, {url}).window as {document: PageDocument};
  const canonical = (document.querySelector('link[rel~="canonical"]') as {href?: string} | null)?.href ?? null;
  const named = [...document.querySelectorAll('[post-id], [data-post-id]')].some(
    (el) => el.getAttribute('post-id') === postId || el.getAttribute('data-post-id') === postId
  );
  if (!named && pageIdFrom(canonical, {href: url}) !== postId) return null;
  const dates = [
    ...[
      ...document.querySelectorAll(
        'meta[property="article:published_time"], meta[itemprop="datePublished"], meta[name="date"]'
      ),
    ].map((meta) => meta.getAttribute('content') ?? ''),
    ...[...document.querySelectorAll('script[type="application/ld+json"]')].map(
      (script) => /"datePublished"\s*:\s*"([^"]{1,40})"/.exec(script.textContent ?? '')?.[1] ?? ''
    ),
  ];
  for (const value of dates) {
    const time = Date.parse(value);
    if (Number.isFinite(time) && time <= Date.now()) return new Date(time).toISOString();
  }
  return null;
}

async function readAtMost(response: Response, max: number): Promise<string | null> {
  if (!response.body) return null;
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const {value, done} = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
    if (size >= max) {
      await reader.cancel();
      break;
    }
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}
