import type {MiddlewareHandler} from 'hono';
import {brotliCompressSync, constants, gzipSync} from 'node:zlib';

/** What is worth compressing: text the server writes (never the live stream, text/event-stream). */
const COMPRESSIBLE =
  /^(?:text\/(?:html|css|plain|javascript)|application\/(?:json|javascript|atom\+xml|xml|rss\+xml))\b/i;
/** Smaller answers go as they are (the headers would cost what compression saves). */
export const THRESHOLD = 1024;
/** Compressed copies of tagged answers (the built files, lists that did not change), by tag and encoding. */
const CACHED = 64;
const cache = new Map<string, Uint8Array>();

export type Encoding = 'br' | 'gzip';

/** The encoding a client takes, brotli first (null: none). */
export function encodingFor(accept: string | undefined): Encoding | null {
  return !accept ? null : /\bbr\b/.test(accept) ? 'br' : /\bgzip\b/.test(accept) ? 'gzip' : null;
}

/** A body compressed as this server compresses every answer. */
export function compress(body: Uint8Array, encoding: Encoding): Uint8Array {
  return encoding === 'br'
    ? brotliCompressSync(body, {
        params: {[constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: body.length},
      })
    : gzipSync(body, {level: 6});
}

/**
 * Compresses a finished GET answer (brotli, else gzip, by `Accept-Encoding`) in one piece with node:zlib, so that it
 * goes out with its Content-Length like any other answer (nothing streams after the handler returns, and a shutdown
 * that waits for handlers loses nothing). Left as they are: the live stream, downloads (`Content-Disposition`, such
 * as exports, which stream), small answers, and answers to writes (small, and never cached).
 */
export function compression(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    // Nothing to do for a client that takes no encoding: the answer goes as it is (untouched, so that the node
    // adapter's fast path for a plain body still applies).
    const encoding = encodingFor(c.req.header('Accept-Encoding'));
    if (!encoding || c.req.method !== 'GET') return;
    const res = c.res;
    if (res.status !== 200 || !res.body) return;
    if (res.headers.has('Content-Encoding') || res.headers.has('Content-Disposition')) return;
    if (!COMPRESSIBLE.test(res.headers.get('Content-Type') ?? '')) return;
    // Set on the answer itself: Hono lays its headers over any answer that replaces it.
    const headers = res.headers;
    const vary = headers.get('Vary');
    if (!/\bAccept-Encoding\b/i.test(vary ?? ''))
      headers.set('Vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
    const body = new Uint8Array(await res.arrayBuffer());
    if (body.length < THRESHOLD) {
      c.res = new Response(body, {status: res.status, headers});
      return;
    }
    const tag = res.headers.get('ETag');
    const key = tag ? `${tag}:${encoding}` : null;
    let out = key ? cache.get(key) : undefined;
    if (!out) {
      out = compress(body, encoding);
      if (key) {
        cache.set(key, out);
        if (cache.size > CACHED) cache.delete(cache.keys().next().value!);
      }
    }
    headers.set('Content-Encoding', encoding);
    headers.set('Content-Length', String(out.length));
    if (tag && !tag.startsWith('W/')) headers.set('ETag', `W/${tag}`);
    c.res = new Response(out as unknown as BodyInit, {status: res.status, headers});
  };
}
