import {html, nothing} from 'lit';
import {absoluteTime} from '../../i18n/time.js';

/** What GET /api/admin/mail answers. */
export interface MailView {
  enabled: boolean;
  offered: boolean;
  stats: {queued: number; sending: number; sent: number; failed: number; oldestQueuedSeconds: number} | null;
  mails: {
    id: string;
    kind: string;
    to: string;
    subject: string;
    status: string;
    attempts: number;
    error: string | null;
    createdAt: string;
    sentAt: string | null;
  }[];
}

export interface MailActions {
  offer(on: boolean): void;
  retry(id: string): void;
  forget(email: string): void;
}

/**
 * The moderation page's Mail view: whether readers are offered reply mail, the outbox (what failed, and why, with
 * Retry), and forgetting an address on a reader's request. Addresses show only their domain.
 */
export function mailView(view: MailView, act: MailActions) {
  if (!view.enabled) {
    return html`<p>
      Mail is off. Start the server with <code>--smtp</code>, <code>--public-url</code> and (for mail about new and held
      comments) <code>--notify-moderators</code>: see “Mail” in the README.
    </p>`;
  }
  const s = view.stats!;
  return html`<section class="mail" aria-label="Mail">
    <label class="check">
      <input type="checkbox" .checked=${view.offered} @change=${(e: Event) => act.offer((e.target as HTMLInputElement).checked)} />
      Offer readers “Email me replies”
    </label>
    <p class="meta">
      ${s.queued} waiting${s.queued ? ` (the oldest for ${s.oldestQueuedSeconds} s)` : ''} · ${s.sending} sending · ${s.sent}
      sent in the last 30 days · ${s.failed} failed
    </p>
    ${view.mails.length ? nothing : html`<p>No mail yet.</p>`}
    <ol aria-label="Recent and failed mails">
      ${view.mails.map(
        (m) => html`<li part="mail-item">
          <div class="meta">
            <strong>${m.status}</strong>
            <span>${m.kind} to ${m.to}</span>
            <time datetime=${m.createdAt}>${absoluteTime(m.createdAt)}</time>
            ${m.attempts > 1 ? html`<span>${m.attempts} tries</span>` : nothing}
          </div>
          <p><bdi>${m.subject}</bdi></p>
          ${m.error ? html`<p class="error">${m.error}</p>` : nothing}
          ${m.status === 'failed' ? html`<button type="button" @click=${() => act.retry(m.id)}>Retry</button>` : nothing}
        </li>`
      )}
    </ol>
    <form
      @submit=${(e: SubmitEvent) => {
        e.preventDefault();
        const form = e.target as HTMLFormElement;
        act.forget(String(new FormData(form).get('email') ?? ''));
        form.reset();
      }}
    >
      <label>Forget an address (a reader's request) <input name="email" type="email" required autocomplete="off" /></label>
      <button type="submit">Forget</button>
    </form>
  </section>`;
}
