import {createHmac, randomUUID} from 'node:crypto';
import type {Comment} from 'confab/core';

export type WebhookEvent = 'comment.created' | 'comment.pending';

export interface WebhookOptions {
  url: string;
  /** Signs every delivery: `X-Confab-Signature: sha256=<hex HMAC-SHA256 of the body>`. */
  secret: string;
  /** Waits before each retry, in milliseconds. Default 1 s, 5 s, 30 s, 2 min, 10 min. */
  retryDelays?: number[];
  log: (line: string) => void;
}

/** The signature a receiver should compute over the raw request body and compare (in constant time). */
export const sign = (secret: string, body: string) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/**
 * Tells a site's own endpoint about new and held comments. Deliveries run after the reader's request has been
 * answered, and are retried with growing waits when the endpoint fails or is down; after the last try they are
 * logged and given up (the comment itself is stored either way).
 */
export function createNotifier(options: WebhookOptions) {
  const delays = options.retryDelays ?? [1_000, 5_000, 30_000, 120_000, 600_000];
  const pending = new Set<Promise<void>>();

  async function deliver(event: WebhookEvent, comment: Comment): Promise<void> {
    const id = randomUUID();
    const body = JSON.stringify({event, delivery: id, at: new Date().toISOString(), comment});
    for (let attempt = 0; ; attempt++) {
      try {
        const response = await fetch(options.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'user-agent': 'confab-server',
            'x-confab-event': event,
            'x-confab-delivery': id,
            'x-confab-signature': sign(options.secret, body),
          },
          body,
          signal: AbortSignal.timeout(10_000),
          redirect: 'error',
        });
        if (response.ok) return;
        options.log(`webhook ${event} ${comment.id}: answered ${response.status} (try ${attempt + 1})`);
      } catch (error) {
        options.log(`webhook ${event} ${comment.id}: ${(error as Error).message} (try ${attempt + 1})`);
      }
      if (attempt >= delays.length) {
        options.log(`webhook ${event} ${comment.id}: given up after ${attempt + 1} tries`);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, delays[attempt]).unref());
    }
  }

  return {
    /** Queues a delivery and returns at once. */
    notify(event: WebhookEvent, comment: Comment): void {
      const delivery = deliver(event, comment).finally(() => pending.delete(delivery));
      pending.add(delivery);
    },
    /** Resolves when every delivery under way has succeeded or been given up (for tests and shutdown). */
    idle: () => Promise.all([...pending]).then(() => undefined),
  };
}
