import {parseArgs} from 'node:util';
import {parseSites, type Site} from './sites.js';

export interface Config {
  port: number;
  host: string;
  /** A SQLite file path (or `:memory:`), or a `postgres://` URL. */
  database: string;
  origins: string[];
  /** The sites this server serves (`--site`); the first is the default one. Empty: one site, as without sites. */
  sites: Site[];
  trustProxy: string[];
  editWindowMinutes: number;
  rateLimit: number;
  rateWindowSeconds: number;
  /** When comments wait for approval. */
  moderation: 'off' | 'first-time' | 'all';
  /** Comments sent sooner than this after the form was shown are held. */
  minSubmitSeconds: number;
  /** Links a first-time commenter may post before the comment is held. */
  maxLinks: number;
  /** Comments per post per rate window, from everyone (0: no limit). */
  postRateLimit: number;
  /** A file of words or phrases (one per line) that mark a comment as spam. */
  blockedWords: string | null;
  /** An ES module whose default export checks each new comment (see README). */
  checker: string | null;
  /** An https URL told about new and held comments, and the secret that signs each delivery. */
  webhook: string | null;
  webhookSecret: string | null;
  /** The admin secret; when absent, one is generated on first start and printed once. */
  adminSecret: string | null;
  /** JSON file of comments to import once at start (ids kept, never duplicated). */
  seed: string | null;
  /** Folder with `demo/` and `dist/` to serve beside the API. */
  demo: string | null;
  /** Seconds to wait for a PostgreSQL connection, and for a statement (SQLite: for another process's lock), before 503. */
  dbConnectTimeoutSeconds: number;
  dbStatementTimeoutSeconds: number;
  /** Live streams per client, and in all. */
  maxStreamsPerClient: number;
  maxStreams: number;
  /** Changes a reconnecting reader may be behind and still be replayed (else it refetches the list). */
  replayLimit: number;
  /** Reactions per client per minute (0 = off), and readers of one client who may react alike to one comment. */
  reactionLimit: number;
  reactionsPerClient: number;
  /** `smtp://` or `smtps://` URL of the server that sends mail (with credentials); null: no mail at all. */
  smtp: string | null;
  /** The From of mails. */
  mailFrom: string | null;
  /** Where this server is reached from outside (links in mails and feeds). */
  publicUrl: string | null;
  /** The blog's base address, for links to posts (default: the public URL). */
  siteUrl: string | null;
  /** The moderators' address for new and held comments. */
  notifyModerators: string | null;
  /** Seconds after one mail about a post during which further ones are batched. */
  mailBatchSeconds: number;
  /** Names reserved for the site's author (with the moderators' names): readers may not post under them. */
  authorNames: string[];
  /** Readers' reports that hold a comment for review (0: reports never hold). */
  reportThreshold: number;
  /** Threads close this many days after their first comment (0: never). */
  closeAfterDays: number;
  quiet: boolean;
}

export const USAGE = `Usage: confab-server [options]

Options (each also read from the environment variable shown):
  --port <n>              PORT                 port to listen on (default 8787)
  --host <addr>           HOST                 address to bind (default 127.0.0.1; 0.0.0.0 for all)
  --database <file|url>   DATABASE_URL         SQLite file (default ./confab.db) or postgres://user:pass@host/db
  --origins <list>        CONFAB_ORIGINS       comma-separated origins allowed to call the API (CORS)
  --site <id=origins>     CONFAB_SITES         a site on this server and its origins, such as
                                               blog=https://blog.example,https://www.blog.example (repeatable; the
                                               variable: separated by spaces); its posts are its own threads; the
                                               first is the default site, for widgets that name none
  --trust-proxy <list>    CONFAB_TRUST_PROXY   comma-separated proxy addresses or CIDR ranges whose
                                               X-Forwarded-For is believed
  --edit-window <min>     CONFAB_EDIT_WINDOW   minutes during which a comment's token may edit it (default 15)
  --rate-limit <n>        CONFAB_RATE_LIMIT    comments per client per window (default 5; 0 = off)
  --rate-window <s>       CONFAB_RATE_WINDOW   the window, in seconds (default 60)
  --moderation <mode>     CONFAB_MODERATION    off (default), first-time (a commenter's first comment waits) or all
  --min-submit <s>        CONFAB_MIN_SUBMIT    hold comments sent sooner after the form was shown (default 2)
  --max-links <n>         CONFAB_MAX_LINKS     links a first-time commenter may post before being held (default 2)
  --post-rate-limit <n>   CONFAB_POST_RATE     comments per post per rate window, from everyone (default 30; 0 = off)
  --blocked-words <file>  CONFAB_BLOCKED_WORDS words or phrases, one per line, that mark a comment as spam
  --checker <module>      CONFAB_CHECKER       an ES module whose default export checks each new comment
  --webhook <url>         CONFAB_WEBHOOK       a URL told about new and held comments (POST, JSON)
  --webhook-secret <s>    CONFAB_WEBHOOK_SECRET signs each delivery: X-Confab-Signature: sha256=<HMAC>
  --admin-secret <s>      CONFAB_ADMIN_SECRET  the moderators' secret (at least 16 characters); without it one is made
                                               on first start and printed once
  --seed <file.json>      CONFAB_SEED          comments to import once at start
  --demo <dir>            CONFAB_DEMO          serve <dir>/demo and <dir>/dist beside the API
  --db-connect-timeout <s> CONFAB_DB_CONNECT_TIMEOUT  PostgreSQL: give up connecting after this (default 5)
  --db-statement-timeout <s> CONFAB_DB_STATEMENT_TIMEOUT  give up on a statement after this (default 10; SQLite:
                                               waiting for another process's lock)
  --max-streams <n>       CONFAB_MAX_STREAMS   live streams in all (default 5000)
  --max-streams-per-client <n> CONFAB_MAX_STREAMS_PER_CLIENT  live streams per client (default 20)
  --replay-limit <n>      CONFAB_REPLAY_LIMIT  changes replayed to a reconnecting reader before it reloads (default 500)
  --reaction-limit <n>    CONFAB_REACTION_LIMIT reactions per client per minute (default 60; 0 = off)
  --reactions-per-client <n> CONFAB_REACTIONS_PER_CLIENT  readers of one client who may give one comment the
                                               same reaction (default 3)
  --smtp <url>            CONFAB_SMTP          send reply and moderation mail through this server:
                                               smtp://user:pass@host:587 or smtps://user:pass@host:465
  --mail-from <address>   CONFAB_MAIL_FROM     the From of mails (default comments@<public-url host>)
  --public-url <url>      CONFAB_PUBLIC_URL    where this server is reached from outside: the base of links in
                                               mails and feeds (needed with --smtp)
  --site-url <url>        CONFAB_SITE_URL      the blog's address, for links to posts (default: --public-url)
  --notify-moderators <address> CONFAB_NOTIFY_MODERATORS  mail new and held comments there, with one-click
                                               approve, spam and delete links
  --mail-batch <s>        CONFAB_MAIL_BATCH    after a mail about a post, further ones to the same reader wait this
                                               long and go together (default 300)
  --author-name <name>    CONFAB_AUTHOR_NAMES  a name reserved for the site's author (repeatable; the environment
                                               variable: comma-separated); replies from /admin carry the first
  --report-threshold <n>  CONFAB_REPORT_THRESHOLD readers' reports that hold a comment for review (default 3; 0 = never)
  --close-after <days>    CONFAB_CLOSE_AFTER   close threads this many days after the date their page gives, else
                                               after their first comment (default 0: never)
  --quiet                                      no request log
  --help`;

function number(name: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min)
    throw new Error(`[confab] ${name} must be a number of at least ${min}, got "${value}".`);
  return n;
}

function webhook(url: string | undefined, key: string | undefined): Pick<Config, 'webhook' | 'webhookSecret'> {
  if (!url) return {webhook: null, webhookSecret: null};
  if (!/^https?:\/\//.test(url)) throw new Error(`[confab] --webhook must be an http(s) URL, got "${url}".`);
  if (!key || key.length < 16)
    throw new Error('[confab] --webhook needs --webhook-secret (at least 16 characters) to sign deliveries.');
  return {webhook: url, webhookSecret: key};
}

function secret(value: string | undefined): string | null {
  if (value === undefined || value === '') return null;
  if (value.length < 16 || /\s/.test(value))
    throw new Error('[confab] --admin-secret must be at least 16 characters, without spaces.');
  return value;
}

function mode(value: string | undefined): Config['moderation'] {
  if (value === undefined || value === '') return 'off';
  if (value === 'off' || value === 'first-time' || value === 'all') return value;
  throw new Error(`[confab] --moderation is off, first-time or all, got "${value}".`);
}

function httpUrl(name: string, value: string | undefined): string | null {
  if (value === undefined || value === '') return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`[confab] ${name} must be an http(s) URL, got "${value}".`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new Error(`[confab] ${name} must be an http(s) URL, got "${value}".`);
  return url.href.replace(/\/+$/, '');
}

const ADDRESS = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

function mail(values: Record<string, string | string[] | boolean | undefined>, env: NodeJS.ProcessEnv) {
  const get = (flag: string, name: string) => (values[flag] as string | undefined) ?? env[name];
  const smtp = get('smtp', 'CONFAB_SMTP') || null;
  const publicUrl = httpUrl('--public-url', get('public-url', 'CONFAB_PUBLIC_URL'));
  const siteUrl = httpUrl('--site-url', get('site-url', 'CONFAB_SITE_URL'));
  const moderators = get('notify-moderators', 'CONFAB_NOTIFY_MODERATORS') || null;
  let from = get('mail-from', 'CONFAB_MAIL_FROM') || null;
  if (smtp) {
    if (!/^smtps?:\/\//.test(smtp)) {
      throw new Error('[confab] --smtp is an smtp:// or smtps:// URL, such as smtps://user:password@mail.example:465.');
    }
    if (!publicUrl) {
      throw new Error(
        '[confab] --smtp needs --public-url: the address readers reach this server at, for links in mails.'
      );
    }
    from ??= `comments@${new URL(publicUrl).hostname}`;
  } else if (moderators) {
    throw new Error('[confab] --notify-moderators needs --smtp to send mail.');
  }
  if (moderators && !ADDRESS.test(moderators)) {
    throw new Error(`[confab] --notify-moderators is an email address, got "${moderators}".`);
  }
  return {
    smtp,
    mailFrom: from,
    publicUrl,
    siteUrl,
    notifyModerators: moderators,
    mailBatchSeconds: number('--mail-batch', get('mail-batch', 'CONFAB_MAIL_BATCH'), 300, 0),
  };
}

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** Reads flags, then environment variables, then defaults. Throws a clear error for a bad value. */
export function loadConfig(argv: string[], env: NodeJS.ProcessEnv): Config | 'help' {
  const {values} = parseArgs({
    args: argv,
    strict: true,
    options: {
      port: {type: 'string'},
      host: {type: 'string'},
      database: {type: 'string'},
      origins: {type: 'string'},
      site: {type: 'string', multiple: true},
      'trust-proxy': {type: 'string'},
      'edit-window': {type: 'string'},
      'rate-limit': {type: 'string'},
      'rate-window': {type: 'string'},
      seed: {type: 'string'},
      'admin-secret': {type: 'string'},
      webhook: {type: 'string'},
      'webhook-secret': {type: 'string'},
      moderation: {type: 'string'},
      'min-submit': {type: 'string'},
      'max-links': {type: 'string'},
      'post-rate-limit': {type: 'string'},
      'blocked-words': {type: 'string'},
      checker: {type: 'string'},
      demo: {type: 'string'},
      'db-connect-timeout': {type: 'string'},
      'db-statement-timeout': {type: 'string'},
      'max-streams': {type: 'string'},
      'max-streams-per-client': {type: 'string'},
      'replay-limit': {type: 'string'},
      'reaction-limit': {type: 'string'},
      'reactions-per-client': {type: 'string'},
      smtp: {type: 'string'},
      'mail-from': {type: 'string'},
      'public-url': {type: 'string'},
      'site-url': {type: 'string'},
      'notify-moderators': {type: 'string'},
      'mail-batch': {type: 'string'},
      'author-name': {type: 'string', multiple: true},
      'report-threshold': {type: 'string'},
      'close-after': {type: 'string'},
      quiet: {type: 'boolean'},
      help: {type: 'boolean'},
    },
  });
  if (values.help) return 'help';
  const origins = list(values.origins ?? env.CONFAB_ORIGINS);
  for (const origin of origins) {
    if (new URL(origin).origin !== origin)
      throw new Error(`[confab] Origins are written like https://blog.example, got "${origin}".`);
  }
  return {
    port: number('--port', values.port ?? env.PORT, 8787, 0),
    host: values.host ?? env.HOST ?? '127.0.0.1',
    database: values.database ?? env.DATABASE_URL ?? 'confab.db',
    origins,
    sites: parseSites(values.site ?? (env.CONFAB_SITES ?? '').split(/\s+/).filter(Boolean)),
    trustProxy: list(values['trust-proxy'] ?? env.CONFAB_TRUST_PROXY),
    editWindowMinutes: number('--edit-window', values['edit-window'] ?? env.CONFAB_EDIT_WINDOW, 15, 0),
    rateLimit: number('--rate-limit', values['rate-limit'] ?? env.CONFAB_RATE_LIMIT, 5, 0),
    rateWindowSeconds: number('--rate-window', values['rate-window'] ?? env.CONFAB_RATE_WINDOW, 60, 1),
    moderation: mode(values.moderation ?? env.CONFAB_MODERATION),
    minSubmitSeconds: number('--min-submit', values['min-submit'] ?? env.CONFAB_MIN_SUBMIT, 2, 0),
    maxLinks: number('--max-links', values['max-links'] ?? env.CONFAB_MAX_LINKS, 2, 0),
    postRateLimit: number('--post-rate-limit', values['post-rate-limit'] ?? env.CONFAB_POST_RATE, 30, 0),
    blockedWords: values['blocked-words'] ?? env.CONFAB_BLOCKED_WORDS ?? null,
    checker: values.checker ?? env.CONFAB_CHECKER ?? null,
    adminSecret: secret(values['admin-secret'] ?? env.CONFAB_ADMIN_SECRET),
    ...webhook(values.webhook ?? env.CONFAB_WEBHOOK, values['webhook-secret'] ?? env.CONFAB_WEBHOOK_SECRET),
    seed: values.seed ?? env.CONFAB_SEED ?? null,
    demo: values.demo ?? env.CONFAB_DEMO ?? null,
    dbConnectTimeoutSeconds: number(
      '--db-connect-timeout',
      values['db-connect-timeout'] ?? env.CONFAB_DB_CONNECT_TIMEOUT,
      5,
      0.1
    ),
    dbStatementTimeoutSeconds: number(
      '--db-statement-timeout',
      values['db-statement-timeout'] ?? env.CONFAB_DB_STATEMENT_TIMEOUT,
      10,
      0.1
    ),
    maxStreams: number('--max-streams', values['max-streams'] ?? env.CONFAB_MAX_STREAMS, 5000, 1),
    maxStreamsPerClient: number(
      '--max-streams-per-client',
      values['max-streams-per-client'] ?? env.CONFAB_MAX_STREAMS_PER_CLIENT,
      20,
      1
    ),
    replayLimit: number('--replay-limit', values['replay-limit'] ?? env.CONFAB_REPLAY_LIMIT, 500, 1),
    reactionLimit: number('--reaction-limit', values['reaction-limit'] ?? env.CONFAB_REACTION_LIMIT, 60, 0),
    reactionsPerClient: number(
      '--reactions-per-client',
      values['reactions-per-client'] ?? env.CONFAB_REACTIONS_PER_CLIENT,
      3,
      1
    ),
    ...mail(values, env),
    authorNames: (values['author-name'] ?? list(env.CONFAB_AUTHOR_NAMES)).map((n) => n.trim()).filter(Boolean),
    reportThreshold: number('--report-threshold', values['report-threshold'] ?? env.CONFAB_REPORT_THRESHOLD, 3, 0),
    closeAfterDays: number('--close-after', values['close-after'] ?? env.CONFAB_CLOSE_AFTER, 0, 0),
    quiet: values.quiet ?? false,
  };
}
