import {randomBytes} from 'node:crypto';
import {marks, type Db, type Param, type Queryable} from './db.js';

/** A mail waiting in (or gone from) the outbox. */
export interface OutboxMail {
  id: string;
  kind: 'confirm' | 'replies' | 'moderation';
  recipient: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  status: 'queued' | 'sending' | 'sent' | 'failed';
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface Subscriber {
  id: string;
  email: string;
  readerHash: string;
  confirmed: boolean;
}

/** A mail to queue, and the single-use tokens of the links it carries. */
export interface NewMail {
  kind: OutboxMail['kind'];
  recipient: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  at: string;
  subscriberId?: string;
  postId?: string;
  tokens?: {hash: string; purpose: string; target: string; expiresAt: string}[];
}

class DigestTaken extends Error {}

/** A group of replies waiting to be mailed to one subscriber, on one post. */
export interface Digest {
  subscriber: Subscriber;
  postId: string;
  commentIds: string[];
}

/** The subscriber id of the moderators' address (`--notify-moderators`). */
export const MODERATOR = 'moderator';
const DAY_MS = 24 * 3600_000;
/** Confirmation mails in a day, to one address (from any browser), and asked for by one client. */
const CONFIRMS_PER_ADDRESS = 3;
const CONFIRMS_PER_CLIENT = 10;

const iso = (value: string | Date | null) =>
  value === null ? null : typeof value === 'string' ? value : value.toISOString();

type OutboxRow = {
  id: string;
  kind: OutboxMail['kind'];
  recipient: string;
  subject: string;
  text: string;
  html: string;
  headers: string;
  status: OutboxMail['status'];
  attempts: number;
  last_error: string | null;
  created_at: string | Date;
  sent_at: string | Date | null;
};

const toMail = (r: OutboxRow): OutboxMail => ({
  id: r.id,
  kind: r.kind,
  recipient: r.recipient,
  subject: r.subject,
  text: r.text,
  html: r.html,
  headers: JSON.parse(r.headers) as Record<string, string>,
  status: r.status,
  attempts: Number(r.attempts),
  lastError: r.last_error,
  createdAt: iso(r.created_at)!,
  sentAt: iso(r.sent_at),
});

/**
 * The mail tables: subscribers (an address given in one browser, confirmed by a link), what they follow, replies
 * waiting to be mailed, the outbox and single-use link tokens. Methods that take a `Queryable` run inside the
 * transaction of the comment that causes them, so that a mail is queued if and only if its comment is stored.
 */
export class MailStore {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  /**
   * Subscribes the author of a new comment to its replies (and, with `thread`, to the whole post): the subscriber is
   * their address in their browser, made on first use. Resolves to the subscriber, and whether a confirmation mail is
   * due: an unconfirmed address, not asked in the last day, and within the limits that keep anyone from using the
   * form to mail strangers (confirmations per address and per client per day).
   */
  async subscribe(
    db: Queryable,
    s: {
      email: string;
      readerHash: string;
      ipHash: string | null;
      commentId: string;
      postId: string;
      thread: boolean;
      at: string;
    }
  ): Promise<{subscriber: Subscriber; confirm: boolean}> {
    await db.run(
      'INSERT INTO subscribers (id, email, reader_hash, ip_hash, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (email, reader_hash) DO NOTHING',
      [randomBytes(16).toString('base64url'), s.email, s.readerHash, s.ipHash, s.at]
    );
    const row = (await db.get<{id: string; confirmed_at: string | Date | null; confirm_sent_at: string | Date | null}>(
      'SELECT id, confirmed_at, confirm_sent_at FROM subscribers WHERE email = ? AND reader_hash = ?',
      [s.email, s.readerHash]
    ))!;
    const follow = async (kind: 'comment' | 'post', target: string) =>
      db.run(
        `INSERT INTO subscriptions (subscriber_id, kind, target, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (subscriber_id, kind, target) DO UPDATE SET unsubscribed_at = NULL`,
        [row.id, kind, target, s.at]
      );
    await follow('comment', s.commentId);
    if (s.thread) await follow('post', s.postId);
    await db.run('UPDATE comments SET subscriber_id = ? WHERE id = ?', [row.id, s.commentId]);
    const subscriber = {id: row.id, email: s.email, readerHash: s.readerHash, confirmed: !!row.confirmed_at};
    if (row.confirmed_at) return {subscriber, confirm: false};
    const day = new Date(Date.parse(s.at) - DAY_MS).toISOString();
    if (row.confirm_sent_at && iso(row.confirm_sent_at)! > day) return {subscriber, confirm: false};
    const sent = await db.get<{to_address: number; from_client: number}>(
      `SELECT SUM(CASE WHEN email = ? THEN 1 ELSE 0 END) AS to_address, SUM(CASE WHEN ip_hash = ? THEN 1 ELSE 0 END) AS from_client
       FROM subscribers WHERE confirm_sent_at > ? AND (email = ? OR ip_hash = ?)`,
      [s.email, s.ipHash, day, s.email, s.ipHash]
    );
    if (
      Number(sent?.to_address ?? 0) >= CONFIRMS_PER_ADDRESS ||
      Number(sent?.from_client ?? 0) >= CONFIRMS_PER_CLIENT
    ) {
      return {subscriber, confirm: false};
    }
    await db.run('UPDATE subscribers SET confirm_sent_at = ? WHERE id = ?', [s.at, row.id]);
    return {subscriber, confirm: true};
  }

  /** The moderators' address, as a confirmed subscriber of its own (set by the operator: no opt-in to ask). */
  async moderator(email: string, at: string): Promise<void> {
    await this.#db.run(
      `INSERT INTO subscribers (id, email, reader_hash, created_at, confirmed_at) VALUES (?, ?, '', ?, ?)
       ON CONFLICT (id) DO UPDATE SET email = excluded.email`,
      [MODERATOR, email, at, at]
    );
  }

  /** A new comment (published or held) for the moderators' next mail. */
  async forModerators(db: Queryable, c: {id: string; postId: string; at: string}): Promise<void> {
    if (await db.get('SELECT 1 FROM subscribers WHERE id = ?', [MODERATOR]))
      await notify(db, MODERATOR, c.postId, c.id, c.at);
  }

  /**
   * A comment became visible to everyone: each confirmed subscriber of its parent, and each follower of its post,
   * gets it as a waiting notification, except its own author (the same subscriber, address or browser). Each
   * subscriber hears of a comment once, however often it is hidden and shown again.
   */
  async published(db: Queryable, commentId: string, at: string): Promise<void> {
    const c = await db.get<{
      post_id: string;
      parent_id: string | null;
      reader_hash: string | null;
      subscriber_id: string | null;
    }>('SELECT post_id, parent_id, reader_hash, subscriber_id FROM comments WHERE id = ?', [commentId]);
    if (!c) return;
    const own = c.subscriber_id
      ? await db.get<{email: string}>('SELECT email FROM subscribers WHERE id = ?', [c.subscriber_id])
      : undefined;
    const rows = await db.all<{id: string}>(
      `SELECT DISTINCT s.id FROM subscriptions AS f JOIN subscribers AS s ON s.id = f.subscriber_id
       WHERE f.unsubscribed_at IS NULL AND s.confirmed_at IS NOT NULL AND s.id <> ?
         AND ((f.kind = 'comment' AND f.target = ?) OR (f.kind = 'post' AND f.target = ?))
         AND s.id <> ? AND s.email <> ? AND s.reader_hash <> ?`,
      [MODERATOR, c.parent_id ?? '', c.post_id, c.subscriber_id ?? '', own?.email ?? '', c.reader_hash ?? '']
    );
    for (const {id} of rows) await notify(db, id, c.post_id, commentId, at);
  }

  /** Puts a mail in the outbox (in the caller's transaction, or its own), with the link tokens it carries. */
  async queue(db: Queryable | null, m: NewMail): Promise<string> {
    const id = randomBytes(12).toString('base64url');
    const q = db ?? this.#db;
    await q.run(
      `INSERT INTO outbox (id, kind, recipient, subject, text, html, headers, status, next_at, created_at, subscriber_id, post_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?)`,
      [
        id,
        m.kind,
        m.recipient,
        m.subject,
        m.text,
        m.html,
        JSON.stringify(m.headers),
        m.at,
        m.at,
        m.subscriberId ?? null,
        m.postId ?? null,
      ]
    );
    for (const t of m.tokens ?? []) {
      await q.run('INSERT INTO mail_tokens (token_hash, purpose, target, expires_at) VALUES (?, ?, ?, ?)', [
        t.hash,
        t.purpose,
        t.target,
        t.expiresAt,
      ]);
    }
    return id;
  }

  /**
   * Replies waiting for each subscriber and post whose last mail about that post went out at least `batchMs` ago:
   * the first reply goes at once, the rest of a flood waits for the next batch.
   */
  async dueDigests(now: string, batchMs: number, limit = 50): Promise<Digest[]> {
    const since = new Date(Date.parse(now) - batchMs).toISOString();
    const groups = await this.#db.all<{subscriber_id: string; post_id: string; email: string; reader_hash: string}>(
      `SELECT n.subscriber_id, n.post_id, s.email, s.reader_hash FROM notifications AS n JOIN subscribers AS s ON s.id = n.subscriber_id
       WHERE n.mailed_at IS NULL AND s.confirmed_at IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM outbox AS o WHERE o.subscriber_id = n.subscriber_id AND o.post_id = n.post_id AND o.kind <> 'confirm' AND o.created_at > ?)
       GROUP BY n.subscriber_id, n.post_id, s.email, s.reader_hash LIMIT ?`,
      [since, limit]
    );
    const out: Digest[] = [];
    for (const g of groups) {
      const ids = await this.#db.all<{comment_id: string}>(
        'SELECT comment_id FROM notifications WHERE subscriber_id = ? AND post_id = ? AND mailed_at IS NULL ORDER BY created_at',
        [g.subscriber_id, g.post_id]
      );
      out.push({
        subscriber: {id: g.subscriber_id, email: g.email, readerHash: g.reader_hash, confirmed: true},
        postId: g.post_id,
        commentIds: ids.map((r) => r.comment_id),
      });
    }
    return out;
  }

  /**
   * Turns a digest into a queued mail (or, with null, into nothing: its comments were gone), once: its notifications
   * are marked in the same transaction, and if another process took any of them first, nothing is queued (false).
   */
  async queueDigest(digest: Digest, mail: NewMail | null): Promise<boolean> {
    return this.#db
      .transaction(async (db) => {
        const ids = digest.commentIds;
        const changed = await db.run(
          `UPDATE notifications SET mailed_at = ? WHERE subscriber_id = ? AND mailed_at IS NULL AND comment_id IN (${marks(ids.length)})`,
          [new Date().toISOString(), digest.subscriber.id, ...ids]
        );
        // Another process marked some of them first (it is mailing them): this transaction is undone.
        if (changed !== ids.length) throw new DigestTaken();
        if (mail) await this.queue(db, mail);
        return true;
      })
      .catch((error: unknown) => {
        if (error instanceof DigestTaken) return false;
        throw error;
      });
  }

  /**
   * Takes due mails to send, each by one process only: marked `sending` in a transaction that checks they were still
   * queued. A mail marked sending is never taken again, even if its process dies: never sent twice.
   */
  async claim(now: string, limit = 10): Promise<OutboxMail[]> {
    return this.#db.transaction(async (db) => {
      const due = await db.all<OutboxRow>(
        `SELECT * FROM outbox WHERE status = 'queued' AND next_at <= ? ORDER BY next_at LIMIT ?${this.#db.kind === 'postgres' ? ' FOR UPDATE SKIP LOCKED' : ''}`,
        [now, limit]
      );
      const out: OutboxMail[] = [];
      for (const row of due) {
        if (
          await db.run(
            "UPDATE outbox SET status = 'sending', claimed_at = ?, attempts = attempts + 1 WHERE id = ? AND status = 'queued'",
            [now, row.id]
          )
        ) {
          out.push({...toMail(row), status: 'sending', attempts: Number(row.attempts) + 1});
        }
      }
      return out;
    });
  }

  async sent(id: string, at: string): Promise<void> {
    await this.#db.run("UPDATE outbox SET status = 'sent', sent_at = ?, last_error = NULL WHERE id = ?", [at, id]);
  }

  /** A send failed: tried again at `retryAt`, or given up (`failed`, for moderators to see) when there is none. */
  async failedAttempt(id: string, error: string, retryAt: string | null): Promise<void> {
    if (retryAt)
      await this.#db.run("UPDATE outbox SET status = 'queued', next_at = ?, last_error = ? WHERE id = ?", [
        retryAt,
        error,
        id,
      ]);
    else await this.#db.run("UPDATE outbox SET status = 'failed', last_error = ? WHERE id = ?", [error, id]);
  }

  /**
   * Mails left `sending` by a process that died (claimed before `before`): not sent again, since the server may have
   * taken them; marked failed so that a moderator sees them. Returns how many.
   */
  async abandon(before: string): Promise<number> {
    return this.#db.run(
      "UPDATE outbox SET status = 'failed', last_error = 'interrupted while sending (not sent again, so as never to send it twice)' WHERE status = 'sending' AND claimed_at < ?",
      [before]
    );
  }

  /** Sends a failed mail again (a moderator's action). */
  async retry(id: string, at: string): Promise<boolean> {
    return (
      (await this.#db.run(
        "UPDATE outbox SET status = 'queued', next_at = ?, attempts = 0 WHERE id = ? AND status = 'failed'",
        [at, id]
      )) > 0
    );
  }

  /** Counts by status, and how old the oldest waiting mail is, for the health check. */
  async stats(
    now: string
  ): Promise<{queued: number; sending: number; sent: number; failed: number; oldestQueuedSeconds: number}> {
    const rows = await this.#db.all<{status: string; n: number}>(
      'SELECT status, COUNT(*) AS n FROM outbox GROUP BY status'
    );
    const oldest = await this.#db.get<{at: string | Date | null}>(
      "SELECT MIN(created_at) AS at FROM outbox WHERE status = 'queued'"
    );
    const count = (status: string) => Number(rows.find((r) => r.status === status)?.n ?? 0);
    const at = oldest?.at ? new Date(oldest.at).getTime() : null;
    return {
      queued: count('queued'),
      sending: count('sending'),
      sent: count('sent'),
      failed: count('failed'),
      oldestQueuedSeconds: at ? Math.max(0, Math.round((Date.parse(now) - at) / 1000)) : 0,
    };
  }

  /** The outbox, newest first, for moderators (sent ones only when asked). */
  async list(status: OutboxMail['status'] | 'all', limit = 100): Promise<OutboxMail[]> {
    const rows = await this.#db.all<OutboxRow>(
      `SELECT * FROM outbox ${status === 'all' ? '' : 'WHERE status = ?'} ORDER BY created_at DESC LIMIT ?`,
      status === 'all' ? [limit] : [status, limit]
    );
    return rows.map(toMail);
  }

  async subscriber(id: string): Promise<Subscriber | null> {
    const row = await this.#db.get<{id: string; email: string; reader_hash: string; confirmed_at: unknown}>(
      'SELECT id, email, reader_hash, confirmed_at FROM subscribers WHERE id = ?',
      [id]
    );
    return row ? {id: row.id, email: row.email, readerHash: row.reader_hash, confirmed: !!row.confirmed_at} : null;
  }

  /** A subscriber of an address (in some browser), or null: whether Confab still keeps it. */
  async idOf(email: string): Promise<string | null> {
    const row = await this.#db.get<{id: string}>('SELECT id FROM subscribers WHERE email = ? AND id <> ?', [
      normalizeEmail(email),
      MODERATOR,
    ]);
    return row?.id ?? null;
  }

  /** Confirms an address (double opt-in done); replies already waiting are mailed from now on. */
  async confirm(id: string, at: string): Promise<boolean> {
    return (
      (await this.#db.run('UPDATE subscribers SET confirmed_at = COALESCE(confirmed_at, ?) WHERE id = ?', [at, id])) > 0
    );
  }

  /**
   * Stops mail about one post (`postId`), including replies waiting to be mailed; with null, stops everything and
   * forgets the address given in that browser.
   */
  async unsubscribe(id: string, postId: string | null, at: string): Promise<void> {
    await this.#db.transaction(async (db) => {
      if (postId === null) return forgetSubscriber(db, id);
      await db.run(
        `UPDATE subscriptions SET unsubscribed_at = ? WHERE subscriber_id = ? AND unsubscribed_at IS NULL
         AND ((kind = 'post' AND target = ?) OR (kind = 'comment' AND target IN (SELECT id FROM comments WHERE post_id = ?)))`,
        [at, id, postId, postId]
      );
      await db.run('DELETE FROM notifications WHERE subscriber_id = ? AND post_id = ? AND mailed_at IS NULL', [
        id,
        postId,
      ]);
    });
  }

  /** Forgets addresses never confirmed since `before` (with what they followed): an unconfirmed address is not kept. */
  async forgetUnconfirmed(before: string): Promise<number> {
    return this.#forget('confirmed_at IS NULL AND created_at < ?', [before]);
  }

  /** Forgets an address entirely (a reader's or a moderator's request), in every browser it was given in. */
  async forget(email: string): Promise<number> {
    const n = await this.#forget('email = ? AND id <> ?', [normalizeEmail(email), MODERATOR]);
    await this.#db.run("DELETE FROM outbox WHERE recipient = ? AND status <> 'sending'", [normalizeEmail(email)]);
    return n;
  }

  /** Forgets every address given in one browser (the reader asked, from the widget). */
  async forgetReader(readerHash: string): Promise<number> {
    return this.#forget('reader_hash = ? AND id <> ?', [readerHash, MODERATOR]);
  }

  async #forget(where: string, params: Param[]): Promise<number> {
    return this.#db.transaction(async (db) => {
      const rows = await db.all<{id: string}>(`SELECT id FROM subscribers WHERE ${where}`, params);
      for (const {id} of rows) await forgetSubscriber(db, id);
      return rows.length;
    });
  }

  /**
   * Housekeeping: sent mails after `sentBefore` (30 days: long enough to answer "did it go?"), link tokens once
   * expired. Unconfirmed addresses go by `forgetUnconfirmed`.
   */
  async prune(sentBefore: string, now: string): Promise<void> {
    await this.#db.run("DELETE FROM outbox WHERE status = 'sent' AND sent_at < ?", [sentBefore]);
    await this.#db.run('DELETE FROM mail_tokens WHERE expires_at < ?', [now]);
  }

  /** Looks a token up (unused and unexpired), without using it. */
  async peek(hash: string, now: string): Promise<{purpose: string; target: string} | null> {
    const row = await this.#db.get<{purpose: string; target: string}>(
      'SELECT purpose, target FROM mail_tokens WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?',
      [hash, now]
    );
    return row ?? null;
  }

  /** Uses a token once: resolves to what it is for, or null when it is unknown, used or expired. */
  async use(hash: string, now: string): Promise<{purpose: string; target: string} | null> {
    return this.#db.transaction(async (db) => {
      const row = await db.get<{purpose: string; target: string}>(
        'SELECT purpose, target FROM mail_tokens WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?',
        [hash, now]
      );
      if (!row) return null;
      if (!(await db.run('UPDATE mail_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL', [now, hash])))
        return null;
      return row;
    });
  }
}

/** An address as Confab keeps it: trimmed, lower-cased (one mailbox, however it was typed). */
export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/** A comment waiting to be mailed to a subscriber (once: a second time changes nothing). */
const notify = (db: Queryable, subscriberId: string, postId: string, commentId: string, at: string) =>
  db.run(
    'INSERT INTO notifications (subscriber_id, post_id, comment_id, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
    [subscriberId, postId, commentId, at]
  );

/** Deletes a subscriber and everything about it: what it followed, waiting replies, mails not yet sent. */
async function forgetSubscriber(db: Queryable, id: string): Promise<void> {
  await db.run('DELETE FROM subscriptions WHERE subscriber_id = ?', [id]);
  await db.run('DELETE FROM notifications WHERE subscriber_id = ?', [id]);
  await db.run('UPDATE comments SET subscriber_id = NULL WHERE subscriber_id = ?', [id]);
  await db.run("DELETE FROM outbox WHERE subscriber_id = ? AND status <> 'sending'", [id]);
  await db.run("UPDATE outbox SET recipient = '', subscriber_id = NULL WHERE subscriber_id = ?", [id]);
  await db.run('DELETE FROM subscribers WHERE id = ?', [id]);
}
