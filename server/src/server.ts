import {serve} from '@hono/node-server';
import {setMaxListeners} from 'node:events';
import {createServer, type RequestListener, type Server, type ServerOptions} from 'node:http';
import type {AddressInfo} from 'node:net';
import {readFile} from 'node:fs/promises';
import {resolve} from 'node:path';
import {pathToFileURL} from 'node:url';
import {parseComments} from 'confab/core';
import {createApp} from './app.js';
import type {Config} from './config.js';
import {trustedProxies} from './http/client.js';
import {answerKept} from './http/kept-lists.js';
import {hashToken, newToken} from './http/tokens.js';
import {Hub} from './hub.js';
import {ListCache} from './list-cache.js';
import {createMailer} from './mail/mailer.js';
import {createModerator, type Checker} from './moderation.js';
import {presenter} from './present.js';
import {siteRules} from './rules.js';
import {Sites} from './sites.js';
import {openStore, type Store} from './store/index.js';
import {createNotifier} from './webhook.js';

/**
 * The admin secret's hash: from --admin-secret, else the one stored by an earlier start, else a new secret, printed
 * once (only its hash is kept).
 */
async function adminSecret(store: Store, given: string | null): Promise<string> {
  if (given) return hashToken(given);
  const made = newToken();
  const stored = await store.secret('admin-secret-hash', hashToken(made));
  if (stored === hashToken(made)) {
    console.log(`[confab] admin secret (shown once; keep it, or set --admin-secret): ${made}`);
  }
  return stored;
}

export interface RunningServer {
  url: string;
  port: number;
  store: Store;
  /** The lists kept until their post changes (its hit and miss counts tell how it does). */
  lists: ListCache;
  schemaVersion: number;
  /**
   * Stops at once: new requests and streams are refused (503, connection closed), live streams end, idle kept-alive
   * connections are closed, in-flight requests finish (for at most `graceMs`), then the database is closed.
   */
  close(graceMs?: number): Promise<void>;
}

/** Opens the store, migrates it, imports the seed, and starts listening. */
export async function startServer(
  config: Config,
  extra: {checkers?: Checker[]; webhookRetryDelays?: number[]} = {}
): Promise<RunningServer> {
  const log = config.quiet ? () => {} : (line: string) => console.log(`[confab] ${line}`);
  const warn = (line: string) => console.error(`[confab] ${line}`);
  const store = openStore(config.database, {
    connectTimeoutMs: config.dbConnectTimeoutSeconds * 1000,
    statementTimeoutMs: config.dbStatementTimeoutSeconds * 1000,
    log: warn,
  });
  const version = await store.migrate();
  if (config.seed) {
    const comments = parseComments(JSON.parse(await readFile(config.seed, 'utf8')));
    const added = await store.importMany(comments.map((c) => ({...c, ipHash: null, tokenHash: null})));
    log(`seed: ${added} of ${comments.length} comments imported from ${config.seed}`);
  }
  const words = config.blockedWords ? (await readFile(config.blockedWords, 'utf8')).split('\n') : [];
  const checkers = [...(extra.checkers ?? [])];
  if (config.checker) checkers.push((await import(pathToFileURL(resolve(config.checker)).href)).default as Checker);
  const moderate = createModerator(store, {
    mode: config.moderation,
    minSubmitMs: config.minSubmitSeconds * 1000,
    maxLinksFirstTime: config.maxLinks,
    words,
    checkers,
  });
  const adminSecretHash = await adminSecret(store, config.adminSecret);
  const notifier =
    config.webhook && config.webhookSecret
      ? createNotifier({url: config.webhook, secret: config.webhookSecret, log, retryDelays: extra.webhookRetryDelays})
      : null;
  const sites = new Sites(config.sites);
  const mailKey = await store.secret('mail-key');
  const mailer = config.smtp
    ? createMailer({
        store,
        smtp: config.smtp,
        from: config.mailFrom!,
        publicUrl: config.publicUrl!,
        siteUrl: config.siteUrl ?? sites.base('') ?? config.publicUrl!,
        sites,
        moderators: config.notifyModerators,
        key: mailKey,
        batchMs: config.mailBatchSeconds * 1000,
        log,
        warn,
      })
    : null;
  if (mailer) {
    store.hooks = mailer.hooks;
    if (config.notifyModerators) await store.mail.moderator(config.notifyModerators, new Date().toISOString());
    mailer.start();
  }
  const present = presenter(store);
  // The operator hears about the change feed even with --quiet: a lost feed means late live updates.
  const hub = new Hub(store, present.live, {replayLimit: config.replayLimit, log: warn});
  await hub.start();
  // Lists kept until their post changes, told by the same change feed.
  const lists = new ListCache();
  await lists.start(store);
  const shutdown = new AbortController();
  // Every live stream listens for the shutdown: thousands of listeners are expected here.
  setMaxListeners(0, shutdown.signal);
  const app = createApp({
    store,
    hub,
    lists,
    present,
    origins: config.origins,
    sites,
    trustedProxies: trustedProxies(config.trustProxy),
    editWindowMs: config.editWindowMinutes * 60_000,
    rateLimit: {max: config.rateLimit, windowMs: config.rateWindowSeconds * 1000, perPost: config.postRateLimit},
    reactionLimit: {perMinute: config.reactionLimit, perComment: config.reactionsPerClient},
    streamLimit: {perClient: config.maxStreamsPerClient, total: config.maxStreams},
    moderate,
    adminSecretHash,
    notify: notifier?.notify,
    salt: await store.secret('ip-salt'),
    tokenKey: await store.secret('token-key'),
    shutdown: shutdown.signal,
    mailer,
    mailKey,
    siteUrl: config.siteUrl ?? sites.base('') ?? config.publicUrl,
    publicUrl: config.publicUrl,
    minSubmitMs: config.minSubmitSeconds * 1000,
    reportThreshold: config.reportThreshold,
    rules: siteRules(store, config),
    demoRoot: config.demo ? resolve(config.demo) : null,
    log,
  });

  // Requests in flight, until their answers are written, so that shutdown waits for them (and only them).
  let inFlight = 0;
  let drained: (() => void) | null = null;
  const fetch: typeof app.fetch = async (request, env, ctx) => {
    if (shutdown.signal.aborted) {
      return new Response(
        JSON.stringify({error: {code: 'unavailable', message: 'The server is restarting. Try again in a moment.'}}),
        {
          status: 503,
          headers: {'content-type': 'application/json', connection: 'close', 'retry-after': '2'},
        }
      );
    }
    return app.fetch(request, env, ctx);
  };
  const server = await new Promise<Server>((ready) => {
    // Kept lists are answered before the app (none while shutting down: the app says so).
    const front: typeof createServer = ((options: ServerOptions, listener: RequestListener) =>
      createServer(options, (req, res) => {
        if (shutdown.signal.aborted) return listener(req, res);
        if (!answerKept(lists, req, res)) {
          // Counted until the answer is on its way (or the connection gone), not only until the app returns it: a
          // write whose commit answers several requests at once must not lose the last answers to the shutdown.
          inFlight++;
          let counted = true;
          const finished = () => {
            if (!counted) return;
            counted = false;
            if (--inFlight === 0) drained?.();
          };
          res.once('finish', finished);
          res.once('close', finished);
          return listener(req, res);
        }
        log(`GET /api/comments ${res.statusCode} kept`);
      })) as typeof createServer;
    const s = serve({fetch, port: config.port, hostname: config.host, createServer: front}, () =>
      ready(s as Server)
    ) as Server;
  });
  const port = (server.address() as AddressInfo).port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  let closing: Promise<void> | null = null;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    store,
    lists,
    schemaVersion: version,
    close: (graceMs = 2000) =>
      (closing ??= (async () => {
        shutdown.abort();
        const closed = new Promise<void>((done) => server.close(() => done()));
        // Kept-alive connections that go idle are closed as soon as they do (a reconnecting stream client included).
        const idle = setInterval(() => server.closeIdleConnections(), 50);
        server.closeIdleConnections();
        // Streams return at once (they watch `shutdown`); other requests in flight finish, within the grace period.
        // A stream that has already returned counts as finished, even while its socket lingers.
        await Promise.race([
          inFlight ? new Promise<void>((done) => (drained = done)) : Promise.resolve(),
          new Promise((r) => setTimeout(r, graceMs).unref()),
        ]);
        server.closeAllConnections();
        clearInterval(idle);
        await closed;
        await hub.stop();
        await lists.stop();
        await mailer?.stop();
        // Deliveries under way get a moment to finish; retries waiting for later are given up.
        await Promise.race([notifier?.idle(), new Promise((r) => setTimeout(r, 1000).unref())]);
        await store.close();
      })()),
  };
}
