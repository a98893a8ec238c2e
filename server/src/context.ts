import type {Context} from 'hono';
import type {HttpBindings} from '@hono/node-server';
import type {BlockList} from 'node:net';
import type {Comment} from 'confab/core';
import {clientAddress, clientKey} from './http/client.js';
import {hashClient} from './http/tokens.js';
import type {Hub} from './hub.js';
import type {ListCache} from './list-cache.js';
import type {Mailer} from './mail/mailer.js';
import type {createModerator} from './moderation.js';
import type {Presenter} from './present.js';
import type {SiteRules} from './rules.js';
import type {Sites} from './sites.js';
import type {RateLimit, Store} from './store/index.js';
import type {Moderator} from './store/store.js';

export type Env = {
  Bindings: HttpBindings;
  /**
   * `actor`, `moderator`: who is signed in on a moderation route (`admin`, the admin secret, or a moderator's name);
   * `site`: the key of the site a public request is for ('' the default site; see sites.ts).
   */
  Variables: {actor: string; moderator: Moderator | null; site: string};
};

export interface AppOptions {
  store: Store;
  hub: Hub;
  /** Lists kept until their post changes (absent: every list is read from the database). */
  lists?: ListCache;
  present: Presenter;
  /** Exact origins allowed to call the API from a browser (CORS), for every site. Same-origin pages need none. */
  origins: string[];
  /** The sites on this server (`--site`); none declared: one default site. */
  sites: Sites;
  trustedProxies: BlockList;
  /** How long after posting a comment its token may edit or delete it. */
  editWindowMs: number;
  /** Creates allowed per client per window; 0 turns the limit off. */
  rateLimit: RateLimit;
  /** Reactions per client per minute (0: no limit), and readers of one client per comment and kind. */
  reactionLimit: {perMinute: number; perComment: number};
  /** Live streams per client and in all. */
  streamLimit: {perClient: number; total: number};
  /** Salt for hashing client addresses and reader ids (from the store, shared by every process). */
  salt: string;
  /** Key for the edit tokens of idempotent creates (from the store, shared by every process). */
  tokenKey: string;
  /** Aborted when the server shuts down: live streams end so that shutdown can finish. */
  shutdown: AbortSignal;
  /** Decides where a new or edited comment goes (published, pending, spam). */
  moderate: ReturnType<typeof createModerator>;
  /** SHA-256 of the admin secret, for /api/admin. */
  adminSecretHash: string;
  /** Tells a site's webhook about new and held comments, when one is configured. */
  notify?: (event: 'comment.created' | 'comment.pending', comment: Comment) => void;
  /** Reply and moderation mail, when the server has an SMTP server (`--smtp`); else null (and no address is asked). */
  mailer: Mailer | null;
  /** Signs mail links and private feed addresses (from the store, shared by every process). */
  mailKey: string;
  /** The blog's base address for links to posts (`--site-url`), or null (then the server's own address). */
  siteUrl: string | null;
  /** The server's public address (`--public-url`), for the links and forms it writes; else the request's own. */
  publicUrl: string | null;
  /** Comments sent sooner than this after their form was made are held (and the no-script form asks again). */
  minSubmitMs: number;
  /** Readers' reports that hold a comment for review (0: never). */
  reportThreshold: number;
  /** Closed threads and reserved names (see `rules.ts`). */
  rules: SiteRules;
  /** Folder holding `demo/` and `dist/` to serve beside the API, or null. */
  demoRoot: string | null;
  log: (line: string) => void;
}

/** What every route may ask about a request: who is asking, as the server may know them (hashes only). */
export interface Asker {
  /** The client's address (or its IPv6 /64), for limits that must not outlive the process. */
  key(c: Context<Env>): string;
  /** The salted hash of the client's address: what the database may keep. */
  ipHash(c: Context<Env>): string;
  /** The hashed anonymous reader id the widget sends (X-Confab-Reader), or null. */
  reader(c: Context<Env>): string | null;
}

export function asker(options: Pick<AppOptions, 'salt' | 'trustedProxies'>): Asker {
  const key = (c: Context<Env>) => {
    const address = c.env?.incoming?.socket?.remoteAddress ?? '0.0.0.0';
    return clientKey(clientAddress(address, c.req.header('X-Forwarded-For'), options.trustedProxies));
  };
  // The hash of each address seen lately, kept in memory like the limits' counters (hashing costs more than a look-up).
  const hashes = new Map<string, string>();
  return {
    key,
    ipHash(c) {
      const address = key(c);
      let hash = hashes.get(address);
      if (hash === undefined) {
        if (hashes.size >= 10_000) hashes.clear();
        hashes.set(address, (hash = hashClient(options.salt, address)));
      }
      return hash;
    },
    reader(c) {
      const token = c.req.header('X-Confab-Reader');
      return token && /^[A-Za-z0-9_-]{43}$/.test(token) ? hashClient(options.salt, `reader:${token}`) : null;
    },
  };
}
