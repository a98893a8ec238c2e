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
    font-size: 0.9375em;
  }
  /* The comment field and its preview in one box, with Write and Preview as tabs on top. */
  .editor {
    border: 1px solid var(--_control);
    border-radius: var(--_radius);
    overflow: hidden;
  }
  [role='tablist'] {
    display: flex;
    border-bottom: 1px solid var(--_border);
    background: color-mix(in srgb, currentColor 4%, transparent);
  }
  [role='tab'] {
    border: 0;
    border-radius: 0;
    border-bottom: 2px solid transparent;
    margin-bottom: -1px;
    font-size: 0.875em;
    color: var(--_muted);
  }
  [role='tab'][aria-selected='true'] {
    border-bottom-color: var(--_accent);
    color: inherit;
    font-weight: 600;
  }
  .editor textarea {
    display: block;
    border: 0;
    border-radius: 0;
  }
  .editor :focus-visible {
    outline-offset: -2px;
  }
  .preview {
    min-height: var(--confab-composer-min-height, 6em);
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
  /* The one primary action: filled with the accent. */
  [part~='submit-button'] {
    border-color: var(--_accent);
    background: var(--_accent);
    /* Not color: the default accent is the text colour, which setting color would change. */
    -webkit-text-fill-color: var(--confab-color-on-accent, Canvas);
    font-weight: 600;
    margin-inline-end: 0.5em;
  }
  [part~='submit-button']:hover {
    border-color: var(--_accent);
    opacity: 0.88;
  }
`;
