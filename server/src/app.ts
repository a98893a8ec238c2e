import {Hono} from 'hono';
import {cors} from 'hono/cors';
import type {AppOptions, Env} from './context.js';
import {asker} from './context.js';
import {compression} from './http/compress.js';
import {ApiError, errorBody} from './http/errors.js';
import {outageMessage} from './http/outage.js';
import {siteOf} from './http/site.js';
import {adminRoutes} from './routes/admin.js';
import {commentRoutes} from './routes/comments.js';
import {feedRoutes} from './routes/feeds.js';
import {healthRoutes} from './routes/health.js';
import {mailRoutes} from './routes/mail.js';
import {pageRoutes} from './routes/pages.js';
import {ssrRoutes} from './routes/ssr.js';
import {streamRoutes} from './routes/stream.js';
import {outageOf} from './store/errors.js';

export type {AppOptions} from './context.js';

/** The Confab server's HTTP app: the API under /api, the moderation page, and (with --demo) the demo. */
export function createApp(options: AppOptions): Hono<Env> {
  const app = new Hono<Env>();
  const allowed = new Set([...options.origins, ...options.sites.origins]);
  const who = asker(options);
  const outageLog = throttled(options.log);

  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    options.log(`${c.req.method} ${c.req.path} ${c.res.status} ${(performance.now() - started).toFixed(1)}ms`);
  });

  // Answers to reads are compressed for clients that ask (never the live stream: it is neither compressed nor buffered).
  app.use('*', compression());

  const corsHeaders = cors({
    origin: (origin) => (allowed.has(origin) ? origin : null),
    allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    allowHeaders: ['Content-Type', 'Authorization', 'Last-Event-ID', 'X-Confab-Reader', 'Idempotency-Key'],
    exposeHeaders: ['Retry-After'],
    maxAge: 600,
  });
  // Only cross-origin requests carry Origin; the others skip the CORS work (it costs a rebuilt response).
  app.use('/api/*', (c, next) => (c.req.header('origin') ? corsHeaders(c, next) : next()));
  app.use('/api/*', async (c, next) => {
    // Set before the handler runs: headers added to a finished response would make Hono rebuild it (slowly).
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Cache-Control', 'no-store');
    await next();
  });

  // The site of each public request (the moderation API names sites itself).
  const site = siteOf(options.sites);
  app.use('/api/*', (c, next) => (c.req.path.startsWith('/api/admin') ? next() : site(c, next)));

  app.route('/api', healthRoutes(options));
  app.route('/api', ssrRoutes(options, who));
  app.route('/api', commentRoutes(options, who));
  app.route('/api', streamRoutes(options, who));
  app.route('/api', adminRoutes(options, who));
  app.route('/api', mailRoutes(options, who));
  app.route('/api', feedRoutes(options, who));
  app.all('/api/*', (c) => c.json(errorBody('not-found', 'No such API endpoint.'), 404));
  app.route('/', pageRoutes(options));

  app.notFound((c) => c.json(errorBody('not-found', 'Not found.'), 404));

  app.onError((error, c) => {
    if (error instanceof ApiError) {
      for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
      return c.json(errorBody(error.code, error.message), error.status);
    }
    // The database is down, frozen, full or read-only: say so, and when to try again, rather than "internal".
    const outage = outageOf(error);
    if (outage) {
      outageLog(`the ${options.store.kind} database fails (${outage}): ${error.message}`);
      c.header('Retry-After', '5');
      return c.json(
        errorBody(outage === 'storage-full' ? outage : 'unavailable', outageMessage(options.store.kind, outage)),
        503
      );
    }
    const status = (error as {status?: number}).status;
    if (status && status >= 400 && status < 500) {
      return c.json(errorBody('bad-request', 'The request could not be read.'), status as 400);
    }
    console.error('[confab] Unexpected error:', error);
    return c.json(errorBody('internal', 'Something went wrong on the server.'), 500);
  });

  return app;
}

/**
 * A log for outages: the first line at once, then at most one line every 10 seconds saying how many requests were
 * refused meanwhile, so that a database down for an hour does not bury the log under a line per request.
 */
function throttled(log: (line: string) => void): (line: string) => void {
  let last = 0;
  let suppressed = 0;
  return (line) => {
    const now = Date.now();
    if (now - last < 10_000) {
      suppressed++;
      return;
    }
    log(
      suppressed
        ? `${line} (and ${suppressed} more requests refused in the last ${Math.round((now - last) / 1000)} s)`
        : line
    );
    last = now;
    suppressed = 0;
  };
}
