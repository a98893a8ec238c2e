import {css} from 'lit';

export const moderationStyles = css`
  :host {
    display: block;
    max-width: 60rem;
    /* The page's own scheme (light or dark), not the thread's fixed light default. */
    color-scheme: inherit;
    --_danger: var(--confab-color-danger, light-dark(#b3261e, #ffb4ab));
  }
  label {
    display: grid;
    gap: 0.25em;
    font-weight: 600;
  }
  input,
  select,
  textarea {
    font: inherit;
    font-weight: normal;
    color: inherit;
    background: none;
    padding: 0.4em;
    border: 1px solid var(--_control);
    border-radius: var(--_radius);
  }
  input[type='url'] {
    min-width: min(22em, 100%);
  }
  input[type='checkbox'] {
    accent-color: currentColor;
  }
  textarea {
    width: 100%;
    box-sizing: border-box;
  }
  /* The one primary action of a view, filled; destructive ones in the danger colour. */
  .primary,
  .approve {
    background: var(--_accent);
    border-color: var(--_accent);
    -webkit-text-fill-color: var(--confab-color-on-accent, Canvas);
    font-weight: 600;
  }
  .delete {
    color: var(--_danger);
  }
  .signin {
    display: grid;
    gap: 0.5em;
    justify-items: start;
    max-width: 26rem;
    padding: 1.25em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .signin input {
    width: 100%;
    box-sizing: border-box;
  }
  .signin p {
    margin: 0;
  }
  /* Queues as tabs on the left, the tools on the right, over one line. */
  .bar {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    align-items: end;
    gap: 0.25em 1em;
    border-bottom: 1px solid var(--_border);
    margin-bottom: 0.75em;
  }
  .queues,
  .tools {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
  }
  .queues button {
    border: 0;
    border-radius: 0;
    border-bottom: 2px solid transparent;
    margin-bottom: -1px;
    color: var(--_muted);
    padding: 0.5em 0.6em;
  }
  @media (max-width: 30rem) {
    .queues button {
      padding-inline: 0.4em;
      font-size: 0.9375em;
    }
  }
  .queues [aria-pressed='true'] {
    border-bottom-color: var(--_accent);
    color: inherit;
    font-weight: 600;
  }
  .tools {
    gap: 0.25em;
    padding-bottom: 0.3em;
  }
  summary {
    cursor: pointer;
    color: var(--_muted);
    width: fit-content;
  }
  .blog {
    margin-bottom: 1em;
    font-size: 0.9375em;
  }
  .blog[open] {
    display: grid;
    gap: 0.5em;
  }
  .blog form,
  .reply {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
    align-items: end;
  }
  .reply label {
    flex: 1 1 100%;
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
  .meta strong {
    color: var(--confab-color-text, CanvasText);
  }
  [part~='body'] p {
    margin: 0.3em 0;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.4em;
  }
  .more summary {
    border: 1px solid var(--_control);
    border-radius: var(--_radius);
    padding: 0.3em 0.9em;
    color: inherit;
  }
  @media (pointer: coarse) {
    .more summary {
      min-height: 44px;
      box-sizing: border-box;
    }
  }
  /* Opened, its summary stays in the row and its actions take the next one. */
  .more[open] {
    display: contents;
  }
  .more > .actions {
    flex-basis: 100%;
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
  .blog .check {
    font-weight: normal;
  }
`;
