import {serve} from '@hono/node-server';
import type {Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {readFile} from 'node:fs/promises';
import {resolve} from 'node:path';
import {parseComments} from '../../src/core/validate.js';
import {createApp} from './app.js';
import type {Config} from './config.js';
import {trustedProxies} from './http/client.js';
import {hashToken, newToken} from './http/tokens.js';
import {createNotifier} from './webhook.js';
import {createModerator, type Checker} from './moderation.js';
import {pathToFileURL} from 'node:url';
import {Hub} from './hub.js';
import {openStore, type Store} from './store/index.js';

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
  schemaVersion: number;
  /** Stops accepting connections, ends live streams, lets in-flight requests finish, closes the database. */
  close(): Promise<void>;
}

/** Opens the store, migrates it, imports the seed, and starts listening. */
export async function startServer(
  config: Config,
  extra: {checkers?: Checker[]; webhookRetryDelays?: number[]} = {}
): Promise<RunningServer> {
  const log = config.quiet ? () => {} : (line: string) => console.log(`[confab] ${line}`);
  const store = openStore(config.database);
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
  const hub = new Hub();
  await hub.start(store);
  const shutdown = new AbortController();
  const app = createApp({
    store,
    hub,
    origins: config.origins,
    trustedProxies: trustedProxies(config.trustProxy),
    editWindowMs: config.editWindowMinutes * 60_000,
    rateLimit: {max: config.rateLimit, windowMs: config.rateWindowSeconds * 1000, perPost: config.postRateLimit},
    moderate,
    adminSecretHash,
    notify: notifier?.notify,
    salt: await store.secret('ip-salt'),
    shutdown: shutdown.signal,
    demoRoot: config.demo ? resolve(config.demo) : null,
    log,
  });
  const server = await new Promise<Server>((ready) => {
    const s = serve({fetch: app.fetch, port: config.port, hostname: config.host}, () => ready(s as Server)) as Server;
  });
  const port = (server.address() as AddressInfo).port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  let closing: Promise<void> | null = null;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    store,
    schemaVersion: version,
    close: () =>
      (closing ??= (async () => {
        shutdown.abort();
        await new Promise<void>((done) => {
          server.close(() => done());
          server.closeIdleConnections();
        });
        await hub.stop();
        // Deliveries under way get a moment to finish; retries waiting for later are given up.
        await Promise.race([notifier?.idle(), new Promise((r) => setTimeout(r, 2000).unref())]);
        await store.close();
      })()),
  };
}
