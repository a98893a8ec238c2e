import {Hono, type Context} from 'hono';
import {streamSSE} from 'hono/streaming';
import {isValidId} from 'confab/core';
import type {AppOptions, Asker, Env} from '../context.js';
import {ApiError} from '../http/errors.js';
import {OpenCounter} from '../http/limiter.js';
import {queryPostId} from '../http/query.js';
import type {LiveEvent} from '../hub.js';

const HEARTBEAT_MS = 25_000;
/** Events waiting for a reader that does not read: past this, its stream is closed (it reconnects and resumes). */
const MAX_QUEUE = 2000;

/**
 * `GET /api/stream?post=ID`: the post's live changes as Server-Sent Events, each with the post's sequence number as
 * its id. A reconnecting browser sends the last one (`Last-Event-ID`), a page its list's `latest` (`after=`), and
 * gets what it missed first (or `reset` when it is too far behind to replay), then live changes, each once.
 */
export function streamRoutes(options: AppOptions, who: Asker): Hono<Env> {
  const {store, hub} = options;
  const app = new Hono<Env>();
  const streams = new OpenCounter(options.streamLimit.perClient, options.streamLimit.total);

  app.get('/stream', async (c) => {
    const postId = queryPostId(c);
    const after = await startOf(c, postId);
    if (options.shutdown.aborted)
      throw new ApiError(503, 'unavailable', 'The server is restarting. Try again in a moment.', {'Retry-After': '2'});
    const release = streams.open(who.key(c));
    if (!release) {
      throw new ApiError(
        429,
        'too-many-streams',
        'Too many live streams are open from your network (or in all). Try again later.',
        {'Retry-After': '30'}
      );
    }
    const queue: LiveEvent[] = [];
    let wake: (() => void) | null = null;
    let overflow = false;
    let unsubscribe: () => void;
    try {
      unsubscribe = await hub.subscribe(postId, after, {
        send(events) {
          queue.push(...events);
          if (queue.length > MAX_QUEUE) overflow = true;
          wake?.();
        },
      });
    } catch (error) {
      release();
      throw error;
    }
    return streamSSE(c, async (stream) => {
      const stop = () => wake?.();
      options.shutdown.addEventListener('abort', stop);
      stream.onAbort(stop);
      try {
        await stream.writeSSE({event: 'ready', data: '{}', retry: 3000});
        while (!stream.aborted && !stream.closed && !options.shutdown.aborted && !overflow) {
          while (queue.length && !overflow) {
            const event = queue.shift()!;
            await stream.writeSSE({id: String(event.seq), event: event.event, data: event.data});
          }
          const woke = await new Promise<boolean>((resolve) => {
            const timer = setTimeout(() => resolve(false), HEARTBEAT_MS);
            wake = () => (clearTimeout(timer), resolve(true));
            if (queue.length || stream.aborted || options.shutdown.aborted || overflow) wake();
          });
          wake = null;
          if (!woke) await stream.write(': keep-alive\n\n');
        }
      } finally {
        unsubscribe();
        release();
        options.shutdown.removeEventListener('abort', stop);
      }
    });
  });

  /** Where a stream starts: the reader's last event, or the list's `latest`; else new changes only. */
  async function startOf(c: Context<Env>, postId: string): Promise<number | 'now'> {
    const raw = c.req.header('Last-Event-ID') ?? c.req.query('after');
    if (raw === undefined) return 'now';
    if (raw === '') return 0;
    if (/^\d{1,15}$/.test(raw)) return Number(raw);
    // A page loaded before sequence numbers names the last comment it has.
    if (isValidId(raw)) {
      const last = await store.get(raw);
      return last && last.postId === postId ? last.seq : 'now';
    }
    throw new ApiError(
      400,
      'invalid-request',
      'after (or Last-Event-ID) must be the sequence number of the last event.'
    );
  }

  return app;
}
