import {Hono} from 'hono';
import type {AppOptions, Env} from '../context.js';
import {outageMessage} from '../http/outage.js';
import {outageOf} from '../store/errors.js';

/** How long one probe's answer is reused: a flood of health checks costs one write a second. */
const PROBE_TTL_MS = 1000;

/**
 * `GET /api/health`: 200 when the database answers and takes writes (one read and one tiny write, so a full disk or a
 * read-only database shows here, not only in failed posts), else 503 naming the database and what is wrong. Also the
 * live streams open in this process and whether the database's change feed is connected.
 */
export function healthRoutes(options: AppOptions): Hono<Env> {
  const {store, hub} = options;
  const app = new Hono<Env>();
  let last: {at: number; error: unknown} | null = null;
  let running: Promise<unknown> | null = null;

  async function probe(): Promise<unknown> {
    if (last && Date.now() - last.at < PROBE_TTL_MS) return last.error;
    running ??= store
      .probe()
      .then(
        () => null,
        (error: unknown) => error
      )
      .then((error) => {
        last = {at: Date.now(), error};
        running = null;
        return error;
      });
    return running;
  }

  app.get('/health', async (c) => {
    const error = await probe();
    const live = {streams: hub.connections, live: hub.live, ...(error ? {} : await mail())};
    if (!error) return c.json({status: 'ok', store: store.kind, ...live});
    const outage = outageOf(error) ?? 'unavailable';
    options.log(`health: the ${store.kind} database fails: ${(error as Error).message}`);
    c.header('Retry-After', '5');
    return c.json(
      {
        status: 'unavailable',
        store: store.kind,
        ...live,
        error: {code: outage === 'storage-full' ? outage : 'unavailable', message: outageMessage(store.kind, outage)},
      },
      503
    );
  });

  /** The mail queue, when the server sends mail: counts by state, and how long the oldest waiting mail has waited. */
  async function mail(): Promise<{mail?: object}> {
    if (!options.mailer) return {};
    try {
      return {mail: await store.mail.stats(new Date().toISOString())};
    } catch {
      return {};
    }
  }

  return app;
}
