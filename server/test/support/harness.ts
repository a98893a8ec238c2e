import {spawn, type ChildProcess} from 'node:child_process';
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {randomBytes} from 'node:crypto';
import pg from 'pg';
import type {Config} from '../../src/config.js';
import {startServer, type RunningServer} from '../../src/server.js';

export interface Backend {
  name: 'sqlite' | 'postgres';
  /** A new, empty database for one test server. */
  database(): Promise<string>;
}

const adminUrl = () => {
  const url = process.env.CONFAB_TEST_DATABASE_URL;
  if (!url)
    throw new Error('[confab] CONFAB_TEST_DATABASE_URL is not set: run the server tests with server/test/run.mjs');
  return url;
};

/** A fresh PostgreSQL database on the test cluster (or on another cluster, by its admin URL). */
export async function freshPostgres(clusterUrl = adminUrl()): Promise<string> {
  const name = `confab_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({connectionString: clusterUrl});
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(clusterUrl);
  url.pathname = `/${name}`;
  return url.href;
}

export const freshSqlite = async () => join(mkdtempSync(join(tmpdir(), 'confab-sqlite-')), 'comments.db');

export const BACKENDS: Backend[] = [
  {name: 'sqlite', database: freshSqlite},
  {name: 'postgres', database: freshPostgres},
];

/** The admin secret of test servers. */
export const ADMIN_SECRET = 'test-admin-secret-0123456789';

export function testConfig(database: string, overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    database,
    origins: [],
    sites: [],
    trustProxy: [],
    editWindowMinutes: 15,
    rateLimit: 0,
    rateWindowSeconds: 60,
    moderation: 'off',
    minSubmitSeconds: 0,
    maxLinks: 2,
    postRateLimit: 0,
    blockedWords: null,
    checker: null,
    adminSecret: ADMIN_SECRET,
    webhook: null,
    webhookSecret: null,
    seed: null,
    demo: null,
    dbConnectTimeoutSeconds: 5,
    dbStatementTimeoutSeconds: 10,
    maxStreams: 5000,
    maxStreamsPerClient: 1000,
    replayLimit: 500,
    reactionLimit: 0,
    reactionsPerClient: 1000,
    smtp: null,
    mailFrom: null,
    publicUrl: null,
    siteUrl: null,
    notifyModerators: null,
    mailBatchSeconds: 300,
    authorNames: [],
    reportThreshold: 3,
    closeAfterDays: 0,
    quiet: true,
    ...overrides,
  };
}

export async function startTestServer(database: string, overrides: Partial<Config> = {}): Promise<RunningServer> {
  return startServer(testConfig(database, overrides));
}

export interface Answer<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

/** A request with a JSON body (unless `raw` is given), answering status, headers and parsed body. */
export async function call<T = any>(
  base: string,
  method: string,
  path: string,
  options: {json?: unknown; raw?: string | Uint8Array; headers?: Record<string, string>} = {}
): Promise<Answer<T>> {
  const headers: Record<string, string> = {...options.headers};
  let body: string | Uint8Array | undefined = options.raw;
  if (options.json !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = JSON.stringify(options.json);
  }
  const response = await fetch(base + path, {method, headers, body: body as string | undefined});
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  return {status: response.status, headers: response.headers, body: parsed as T, text};
}

export interface StreamEvent {
  id?: string;
  event: string;
  data: string;
}

/** Opens the SSE stream of a post and reads its events one at a time. */
export async function openStream(base: string, postId: string, lastEventId?: string, after?: string, extra = '') {
  const controller = new AbortController();
  const query = `post=${encodeURIComponent(postId)}${after !== undefined ? `&after=${encodeURIComponent(after)}` : ''}${extra}`;
  const response = await fetch(`${base}/api/stream?${query}`, {
    headers: lastEventId ? {'Last-Event-ID': lastEventId} : {},
    signal: controller.signal,
  });
  if (!response.ok || !response.body) throw new Error(`stream answered ${response.status}`);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const events: StreamEvent[] = [];
  async function next(): Promise<StreamEvent> {
    for (;;) {
      if (events.length) return events.shift()!;
      const blocks = buffer.split('\n\n');
      if (blocks.length > 1) {
        buffer = blocks.pop()!;
        for (const block of blocks) {
          const event: StreamEvent = {event: 'message', data: ''};
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) continue;
            const [field, ...rest] = line.split(':');
            const value = rest.join(':').replace(/^ /, '');
            if (field === 'event') event.event = value;
            else if (field === 'data') event.data += value;
            else if (field === 'id') event.id = value;
          }
          if (block.split('\n').some((l) => l && !l.startsWith(':'))) events.push(event);
        }
        continue;
      }
      const {value, done} = await reader.read();
      if (done) throw new Error('stream ended');
      buffer += value;
    }
  }
  /** The next `comment` event, skipping `ready`. */
  async function nextComment(): Promise<StreamEvent> {
    for (;;) {
      const event = await next();
      if (event.event === 'comment') return event;
    }
  }
  return {next, nextComment, close: () => controller.abort()};
}

/** Starts `confab-server` as a child process and resolves with its URL once it listens. */
export function spawnServer(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  wrap: (command: string[]) => string[] = (command) => command
): Promise<{url: string; child: ChildProcess; output: () => string}> {
  const cli = new URL('../../src/cli.ts', import.meta.url).pathname;
  const [command, ...rest] = wrap([
    process.execPath,
    '--import',
    import.meta.resolve('tsx'),
    cli,
    '--port',
    '0',
    ...args,
  ]);
  const child = spawn(command!, rest, {
    env: {...process.env, ...env},
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve({url: match[1]!, child, output: () => output});
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
}

export const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) =>
    child.exitCode !== null || child.signalCode ? resolve() : child.once('exit', () => resolve())
  );

/**
 * A live reader as a browser's EventSource is one: it follows a post's stream and, whenever the stream ends or fails
 * (a restart, a dropped connection), reconnects with the last event id it received. `url()` is asked again at every
 * reconnect (a load balancer may send it elsewhere). Collects what it was sent.
 */
export function follower(url: () => string, postId: string) {
  const received: {seq: number; id: string; event: string}[] = [];
  let last: string | undefined;
  let stopped = false;
  let controller = new AbortController();
  let reconnects = 0;
  const run = async () => {
    while (!stopped) {
      controller = new AbortController();
      try {
        const response = await fetch(
          `${url()}/api/stream?post=${encodeURIComponent(postId)}${last === undefined ? '&after=' : ''}`,
          {
            headers: last === undefined ? {} : {'Last-Event-ID': last},
            signal: controller.signal,
          }
        );
        if (response.ok && response.body) {
          let buffer = '';
          for await (const chunk of response.body.pipeThrough(new TextDecoderStream())) {
            buffer += chunk;
            const blocks = buffer.split('\n\n');
            buffer = blocks.pop()!;
            for (const block of blocks) {
              const fields: Record<string, string> = {};
              for (const line of block.split('\n')) {
                const at = line.indexOf(':');
                if (at > 0) fields[line.slice(0, at)] = line.slice(at + 1).replace(/^ /, '');
              }
              if (fields.id) last = fields.id;
              if (fields.event === 'comment' || fields.event === 'remove' || fields.event === 'reset') {
                received.push({
                  seq: Number(fields.id),
                  id: fields.event === 'reset' ? '' : JSON.parse(fields.data!).id,
                  event: fields.event,
                });
              }
            }
          }
        }
      } catch {
        // Dropped: reconnect, as a browser does.
      }
      if (!stopped) {
        reconnects++;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  };
  const done = run();
  return {
    received,
    get reconnects() {
      return reconnects;
    },
    async stop() {
      stopped = true;
      controller.abort();
      await done;
    },
  };
}

/** Polls `check` until it holds (the test runner's timeout bounds it). */
export async function eventually(check: () => boolean | Promise<boolean>, every = 50): Promise<void> {
  while (!(await check())) await new Promise((r) => setTimeout(r, every));
}
