import type {IncomingMessage, ServerResponse} from 'node:http';
import {listKey, matches, type Answer, type ListCache} from '../list-cache.js';
import {compress, encodingFor, THRESHOLD, type Encoding} from './compress.js';
import {parseLimit, parseSort} from './query.js';

const PATH = '/api/comments?';

/** A kept answer's bytes, as they go: plain, or compressed once per encoding. */
const bytes = new WeakMap<Answer, Partial<Record<Encoding | 'identity', Buffer>>>();

/**
 * The hottest read, answered before routing: a list kept by `lists` (see `ListCache`) for a same-origin reader
 * without a reader id, with exactly the headers the route gives it, as a micro-cache in front of a server would.
 * Anything else (another route, a reader id, a cross-origin request with its CORS headers, a query the route would
 * refuse or a list not kept) returns false and goes to the app, which reads the list and keeps it.
 */
export function answerKept(lists: ListCache, req: IncomingMessage, res: ServerResponse): boolean {
  const url = req.url;
  if (req.method !== 'GET' || !url?.startsWith(PATH)) return false;
  const h = req.headers;
  if (h['x-confab-reader'] !== undefined || h.origin !== undefined) return false;
  // Decoded as the route decodes it, or not at all: "+" is read differently by URLSearchParams.
  if (url.includes('+')) return false;
  let postId: string | null, key: string;
  try {
    const query = new URLSearchParams(url.slice(PATH.length));
    // Another site's lists are kept under its scoped ids: the app resolves the site.
    if (query.has('site')) return false;
    postId = query.get('post');
    const anchored = query.get('anchored');
    if (anchored !== null && anchored !== '1') return false;
    const sort = parseSort(query.get('sort'));
    key = listKey(sort, parseLimit(query.get('limit')), query.get('cursor') ?? undefined, anchored === '1');
  } catch {
    return false;
  }
  const answer = postId === null ? undefined : lists.get(postId, key);
  if (!answer) return false;

  let kept = bytes.get(answer);
  if (!kept) bytes.set(answer, (kept = {}));
  const identity = (kept.identity ??= Buffer.from(answer.body));
  // Compressed from the same size on as the app compresses (bytes, not characters).
  const encoding = identity.length >= THRESHOLD ? encodingFor(h['accept-encoding']) : null;
  const etag = encoding ? `W/${answer.etag}` : answer.etag;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-cache',
    vary: 'X-Confab-Reader, Accept-Encoding',
    etag,
  };
  if (matches(h['if-none-match'], answer.etag)) {
    res.writeHead(304, headers).end();
    return true;
  }
  const out = encoding ? (kept[encoding] ??= Buffer.from(compress(identity, encoding))) : identity;
  if (encoding) headers['content-encoding'] = encoding;
  headers['content-length'] = String(out.length);
  res.writeHead(200, headers).end(out);
  return true;
}
