import {html, nothing} from 'lit';
import {enNotify} from '../../i18n/en-notify.js';
import {partTranslator, type Translate} from '../../i18n/translate.js';

/** What "Email me replies" reads and sets on its composer. */
export interface NotifyState {
  notify: boolean;
  email: string;
  thread: boolean;
  /** The address was refused (shown under the field). */
  invalid: boolean;
  requestUpdate(): void;
}

/** An address one can mail: no spaces, quotes or brackets, a domain with a dot. */
const EMAIL = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:.]{2,}$/;

export const isEmail = (email: string) => EMAIL.test(email);

/** The message after posting with an address. */
export const sentNotice = (base: Translate) => partTranslator(base, enNotify)('notifySent');

/**
 * "Email me replies" in the comment form (loaded only where the storage mails replies): a checkbox, and once ticked,
 * the address (optional, never shown) and "also every new comment on this post".
 */
export function notifyFields(base: Translate, s: NotifyState) {
  const t = partTranslator(base, enNotify);
  const set = (change: Partial<NotifyState>) => (Object.assign(s, change), s.requestUpdate());
  return html`<fieldset part="notify" class="field notify">
    <style>
      .notify { border: 0; margin: 0; padding: 0; min-width: 0; }
      .check { display: flex; align-items: center; gap: 0.5em; font-weight: 400; min-height: 44px; width: fit-content; }
      .check input { width: 1.25em; height: 1.25em; margin: 0; accent-color: var(--_accent); }
    </style>
    <label class="check">
      <input type="checkbox" .checked=${s.notify} @change=${(e: Event) => set({notify: (e.target as HTMLInputElement).checked})} />
      ${t('notify')}
    </label>
    ${
      s.notify
        ? html`<label for="email">${t('emailLabel')}</label>
          <input
            id="email"
            part="email-input"
            name="email"
            type="email"
            autocomplete="email"
            .value=${s.email}
            aria-invalid=${s.invalid ? 'true' : 'false'}
            aria-describedby=${s.invalid ? 'email-error email-hint' : 'email-hint'}
            @input=${(e: Event) => set({email: (e.target as HTMLInputElement).value.trim(), invalid: false})}
          />
          <p id="email-hint" class="hint">${t('emailHint')}</p>
          ${s.invalid ? html`<p id="email-error" class="message">${t('emailInvalid')}</p>` : nothing}
          <label class="check">
            <input type="checkbox" .checked=${s.thread} @change=${(e: Event) => set({thread: (e.target as HTMLInputElement).checked})} />
            ${t('followThread')}
          </label>`
        : nothing
    }
  </fieldset>`;
}
