import {createHash} from 'node:crypto';
import nodemailer, {type Transporter} from 'nodemailer';
import type {Queryable} from '../store/db.js';
import {MODERATOR, type Digest, type NewMail, type OutboxMail} from '../store/mail-store.js';
import type {StoredComment} from '../store/rows.js';
import type {Store, StoreHooks} from '../store/store.js';
import {oneTimeToken, signLink} from './links.js';
import {confirmMail, moderationMail, repliesMail, type MailComment, type Site} from './templates.js';
import {pageUrl, type Sites} from '../sites.js';

export interface MailerOptions {
  store: Store;
  /** `smtp://user:pass@host:587` or `smtps://...` (nodemailer's URL form, options as query parameters). */
  smtp: string;
  /** The From of every mail, such as `Blog comments <comments@blog.example>`. */
  from: string;
  /** Where the Confab server is reached from outside: the base of confirm, unsubscribe and moderation links. */
  publicUrl: string;
  /** The blog's base, for permalinks of posts whose page address is not known. */
  siteUrl: string;
  /** The sites on the server: another site's posts link to its own pages. */
  sites?: Sites;
  /** The moderators' address, told of new and held comments, or null. */
  moderators: string | null;
  /** Signs confirm and unsubscribe links (from the store, shared by every process). */
  key: string;
  /** After a mail about a post, further ones wait this long and go together (default 5 minutes). */
  batchMs: number;
  log: (line: string) => void;
  warn: (line: string) => void;
}

/** Waits before each new try of a mail that failed: then it is given up, logged and shown to moderators. */
export const RETRY_DELAYS_MS = [5_000, 30_000, 120_000, 600_000, 3_600_000, 6 * 3_600_000];
const TICK_MS = 5_000;
const HOUSEKEEPING_MS = 10 * 60_000;
/** A mail still marked sending this long after it was taken: its process died. */
const STALE_MS = 10 * 60_000;
const CONFIRM_DAYS = 3;
const UNSUBSCRIBE_DAYS = 90;
const MODERATE_DAYS = 7;
const DAY_MS = 24 * 3600_000;

export interface Mailer {
  /** Set on the store: queues notifications in the transaction of the comment that causes them. */
  hooks: StoreHooks;
  /**
   * In the transaction of a new comment: its author asked for replies (and, with `thread`, for every new comment on
   * the post). Queues the confirmation mail when the address is new. Resolves to whether one was queued.
   */
  subscribe(
    db: Queryable,
    s: {
      email: string;
      readerHash: string;
      ipHash: string | null;
      comment: StoredComment;
      thread: boolean;
      postUrl: string;
    }
  ): Promise<'confirm' | 'subscribed' | 'waiting'>;
  /** Whether readers are offered mail now (the moderators' setting). */
  offered(): Promise<boolean>;
  setOffered(value: boolean): Promise<void>;
  /** Asks the worker to look at the queue now (after a commit that queued something). */
  kick(): void;
  /** The address of a post's page, for links. */
  postUrl(postId: string, known?: string): string;
  readonly publicUrl: string;
  start(): void;
  stop(): Promise<void>;
  /** Runs one round of the worker now, and resolves when it is done (for tests and the CLI). */
  tick(): Promise<void>;
}

/**
 * Reply and moderation mail: notifications are queued in the database with the comment that causes them (see the
 * store's hooks), a worker in each process turns them into mails (the first at once, the rest of a flood batched per
 * subscriber and post), takes each mail from the outbox once (across processes too) and sends it over SMTP with
 * retries. A mail is marked `sending` before it is handed to SMTP and never taken again: after a crash it is marked
 * failed rather than risk sending it twice. A broken SMTP server never touches a reader's request.
 */
export function createMailer(o: MailerOptions): Mailer {
  const {store} = o;
  const publicUrl = o.publicUrl.replace(/\/+$/, '');
  const siteUrl = o.siteUrl.replace(/\/+$/, '');
  const site: Site = {name: new URL(siteUrl).host};
  const host = new URL(publicUrl).hostname;
  let transport: Transporter | null = null;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = true;
  let lastHousekeeping = 0;
  let offer: {value: boolean; at: number} | null = null;
  let failing = false;

  const postUrl = (postId: string, known?: string) =>
    known ?? pageUrl(o.sites?.baseOf(postId, siteUrl) ?? siteUrl, postId);
  const api = (path: string, token: string) => `${publicUrl}/api/mail/${path}?t=${encodeURIComponent(token)}`;
  const unsubscribe = (subscriberId: string, postId: string | null) =>
    api(
      'unsubscribe',
      signLink(
        o.key,
        'unsubscribe',
        postId === null ? subscriberId : `${subscriberId} ${postId}`,
        Date.now() + UNSUBSCRIBE_DAYS * DAY_MS
      )
    );
  const threadId = (postId: string) =>
    `<confab.${createHash('sha256').update(postId).digest('hex').slice(0, 24)}@${host}>`;

  const hooks: StoreHooks = {
    async created(db, comment) {
      if (o.moderators && comment.moderation !== 'spam') {
        await store.mail.forModerators(db, {id: comment.id, postId: comment.postId, at: new Date().toISOString()});
      }
    },
    async published(db, commentId) {
      await store.mail.published(db, commentId, new Date().toISOString());
    },
  };

  async function subscribe(
    db: Queryable,
    s: {
      email: string;
      readerHash: string;
      ipHash: string | null;
      comment: StoredComment;
      thread: boolean;
      postUrl: string;
    }
  ): Promise<'confirm' | 'subscribed' | 'waiting'> {
    const at = new Date().toISOString();
    const {subscriber, confirm} = await store.mail.subscribe(db, {
      email: s.email,
      readerHash: s.readerHash,
      ipHash: s.ipHash,
      commentId: s.comment.id,
      postId: s.comment.postId,
      thread: s.thread,
      at,
    });
    if (subscriber.confirmed) return 'subscribed';
    if (!confirm) return 'waiting';
    const confirmUrl = api('confirm', signLink(o.key, 'confirm', subscriber.id, Date.now() + CONFIRM_DAYS * DAY_MS));
    await store.mail.queue(db, {
      kind: 'confirm',
      recipient: s.email,
      ...confirmMail(site, {postUrl: s.postUrl, confirmUrl, thread: s.thread}),
      headers: {'Auto-Submitted': 'auto-generated'},
      at,
      subscriberId: subscriber.id,
    });
    return 'confirm';
  }

  /** What a digest says, composed from the comments as they are now (those gone or hidden since are left out). */
  async function compose(d: Digest): Promise<NewMail | null> {
    const moderators = d.subscriber.id === MODERATOR;
    const found = await Promise.all(d.commentIds.map((id) => store.get(id)));
    const comments = found.filter(
      (c): c is NonNullable<typeof c> =>
        !!c && !c.deleted && (moderators ? c.moderation !== 'spam' : c.moderation === 'published')
    );
    if (!comments.length) return null;
    const known = (await store.postUrls([d.postId])).get(d.postId);
    const url = postUrl(d.postId, known);
    const at = new Date().toISOString();
    const headers: Record<string, string> = {
      'Auto-Submitted': 'auto-generated',
      'X-Auto-Response-Suppress': 'All',
      References: threadId(d.postId),
    };
    if (moderators) {
      const tokens: NonNullable<NewMail['tokens']> = [];
      const expiresAt = new Date(Date.now() + MODERATE_DAYS * DAY_MS).toISOString();
      const link = (action: string, id: string) => {
        const {token, hash} = oneTimeToken();
        tokens.push({hash, purpose: 'moderate', target: `${action} ${id}`, expiresAt});
        return api('moderate', token);
      };
      const items: MailComment[] = comments.map((c) => ({
        comment: c,
        permalink: `${url}#comment-${c.id}`,
        actions: [
          ...(c.moderation === 'published' ? [] : [{label: 'Approve', url: link('approve', c.id)}]),
          {label: 'Mark as spam', url: link('spam', c.id), tone: 'quiet' as const},
          {label: 'Delete', url: link('delete', c.id), tone: 'danger' as const},
        ],
      }));
      return {
        kind: 'moderation',
        recipient: d.subscriber.email,
        ...moderationMail(site, {postUrl: url, comments: items, adminUrl: `${publicUrl}/admin`}),
        headers,
        at,
        subscriberId: d.subscriber.id,
        postId: d.postId,
        tokens,
      };
    }
    const parents = new Map(
      (
        await Promise.all(
          [...new Set(comments.map((c) => c.parentId).filter((id) => id !== null))].map((id) => store.get(id))
        )
      )
        .filter((p) => !!p)
        .map((p) => [p.id, p])
    );
    const items: MailComment[] = comments.map((c) => {
      const parent = c.parentId ? parents.get(c.parentId) : undefined;
      return {
        comment: c,
        permalink: `${url}#comment-${c.id}`,
        inReplyTo: parent && !parent.deleted && parent.readerHash === d.subscriber.readerHash ? parent : undefined,
      };
    });
    const all = unsubscribe(d.subscriber.id, null);
    return {
      kind: 'replies',
      recipient: d.subscriber.email,
      ...repliesMail(site, {
        postUrl: url,
        comments: items,
        unsubscribePost: unsubscribe(d.subscriber.id, d.postId),
        unsubscribeAll: all,
      }),
      // RFC 8058: one click in the mail program stops everything, without signing in.
      headers: {...headers, 'List-Unsubscribe': `<${all}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click'},
      at,
      subscriberId: d.subscriber.id,
      postId: d.postId,
    };
  }

  async function send(mail: OutboxMail): Promise<void> {
    transport ??= nodemailer.createTransport(o.smtp, {
      pool: true,
      maxConnections: 2,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    } as never);
    try {
      await transport.sendMail({
        from: o.from,
        to: mail.recipient,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: mail.headers,
        messageId: `<${mail.id}@${host}>`,
      });
      await store.mail.sent(mail.id, new Date().toISOString());
      if (failing) o.log('mail: the SMTP server takes mail again');
      failing = false;
    } catch (error) {
      const e = error as Error & {responseCode?: number};
      // A permanent refusal (5xx: no such mailbox) is not tried again; anything else is, after a wait.
      const permanent = e.responseCode !== undefined && e.responseCode >= 500 && e.responseCode < 600;
      const wait = permanent ? undefined : RETRY_DELAYS_MS[mail.attempts - 1];
      const retryAt = wait === undefined ? null : new Date(Date.now() + wait).toISOString();
      const message = (e.message || String(error)).slice(0, 500);
      await store.mail.failedAttempt(mail.id, message, retryAt);
      if (!retryAt) o.warn(`mail ${mail.id} (${mail.kind}) given up after ${mail.attempts} tries: ${message}`);
      else if (!failing) o.warn(`mail: sending failed (${message}); trying again with growing waits`);
      failing = true;
    }
  }

  async function round(): Promise<void> {
    const now = new Date();
    if (now.getTime() - lastHousekeeping > HOUSEKEEPING_MS) {
      lastHousekeeping = now.getTime();
      const abandoned = await store.mail.abandon(new Date(now.getTime() - STALE_MS).toISOString());
      if (abandoned) o.warn(`mail: ${abandoned} mails were interrupted while sending; not sent again (see /admin)`);
      await store.mail.forgetUnconfirmed(new Date(now.getTime() - CONFIRM_DAYS * DAY_MS).toISOString());
      await store.mail.prune(new Date(now.getTime() - 30 * DAY_MS).toISOString(), now.toISOString());
    }
    for (const digest of await store.mail.dueDigests(now.toISOString(), o.batchMs)) {
      await store.mail.queueDigest(digest, await compose(digest));
    }
    for (;;) {
      const due = await store.mail.claim(new Date().toISOString());
      if (!due.length) break;
      for (const mail of due) await send(mail);
    }
  }

  let errorLogged = 0;
  async function loop(): Promise<void> {
    do {
      again = false;
      try {
        await round();
      } catch (error) {
        // The database is down or busy: the queue waits for it, and the log hears of it once a minute at most.
        if (Date.now() - errorLogged > 60_000) {
          errorLogged = Date.now();
          o.warn(`mail: the queue cannot be read (${(error as Error).message}); trying again`);
        }
      }
    } while (again && !stopped);
  }

  function tick(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = loop().finally(() => (running = null));
    return running;
  }

  return {
    hooks,
    subscribe,
    postUrl,
    publicUrl,
    async offered() {
      if (!offer || Date.now() - offer.at > 10_000) {
        offer = {value: (await store.setting('mail-offer', 'on')) === 'on', at: Date.now()};
      }
      return offer.value;
    },
    async setOffered(value) {
      await store.setSetting('mail-offer', value ? 'on' : 'off');
      offer = {value, at: Date.now()};
    },
    kick() {
      if (!stopped) void tick();
    },
    start() {
      stopped = false;
      // A short batch window (tests, or an impatient site) is looked at as often as it lasts.
      timer = setInterval(() => void tick(), Math.min(TICK_MS, Math.max(250, o.batchMs)));
      timer.unref();
      void tick();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      // A send in flight gets a moment; one stuck in a hung SMTP server is left (marked sending: never sent twice).
      await Promise.race([running, new Promise((r) => setTimeout(r, 1000).unref())]);
      transport?.close();
      transport = null;
    },
    tick,
  };
}
