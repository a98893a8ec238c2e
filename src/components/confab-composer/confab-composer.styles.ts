import {css} from 'lit';

export const composerStyles = css`
  :host,
  .field {
    display: grid;
    gap: 0.3em;
  }
  form {
    display: grid;
    gap: 0.75em;
  }
  label {
    font-weight: 600;
  }
  .label-row {
    display: flex;
    justify-content: space-between;
    align-items: baseline;
  }
  [aria-pressed='true'] {
    color: inherit;
    text-decoration: underline;
  }
  .preview {
    min-height: var(--confab-composer-min-height, 6em);
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
    padding: 0 0.6em;
    overflow-wrap: anywhere;
  }
  [hidden] {
    display: none !important;
  }
  input,
  textarea {
    font: inherit;
    color: inherit;
    background: var(--confab-input-background, transparent);
    border: 1px solid var(--_control);
    border-radius: var(--_radius);
    padding: 0.5em;
    box-sizing: border-box;
    width: 100%;
  }
  input {
    max-width: 20em;
  }
  textarea {
    min-height: var(--confab-composer-min-height, 6em);
    resize: vertical;
  }
  [aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .field > p {
    margin: 0;
    font-size: 0.875em;
    color: var(--_muted);
  }
  .field > .message,
  [part='error'] {
    color: var(--_danger);
  }
  [part='notify-notice'] {
    margin: 0;
  }
  [part~='submit-button'] {
    border-color: var(--_accent);
    font-weight: 600;
    margin-inline-end: 0.5em;
  }
`;
