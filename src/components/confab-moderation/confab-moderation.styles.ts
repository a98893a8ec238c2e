import {css} from 'lit';

export const moderationStyles = css`
  :host {
    display: block;
    max-width: 60rem;
  }
  form,
  .queues {
    display: flex;
    gap: 0.5em;
    align-items: end;
    flex-wrap: wrap;
    margin-bottom: 1em;
  }
  label {
    display: grid;
    gap: 0.25em;
    font-weight: 600;
  }
  input {
    font: inherit;
    padding: 0.4em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    min-width: 18em;
  }
  input[type='checkbox'] {
    min-width: 0;
  }
  select {
    font: inherit;
    padding: 0.35em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  [aria-pressed='true'] {
    border-color: currentColor;
    font-weight: 600;
  }
  ol {
    list-style: none;
    padding: 0;
    margin: 0;
    display: grid;
    gap: 1em;
  }
  article {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.75em 1em;
    display: grid;
    gap: 0.4em;
  }
  article:focus-visible {
    outline: var(--confab-focus-ring, 2px solid currentColor);
    outline-offset: 2px;
  }
  .meta {
    color: var(--_muted);
    font-size: 0.875em;
    display: flex;
    flex-wrap: wrap;
    gap: 0 1em;
  }
  [part~='body'] p {
    margin: 0.3em 0;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4em;
  }
  [role='alert'] {
    color: var(--_danger);
  }
  .mail ol {
    list-style: none;
    padding: 0;
  }
  [part~='mail-item'] {
    border-top: 1px solid var(--_border);
    padding: 0.5em 0;
  }
  [part~='mail-item'] p {
    margin: 0.25em 0;
  }
  .error {
    color: var(--_danger);
    overflow-wrap: anywhere;
  }
  .check {
    display: flex;
    align-items: center;
    gap: 0.5em;
    min-height: 44px;
  }
`;
