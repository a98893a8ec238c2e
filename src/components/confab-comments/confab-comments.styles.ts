import {css} from 'lit';

export const commentsStyles = css`
  :host {
    display: block;
  }
  :host([hidden]) {
    display: none;
  }
  /* Until the comments are in, the element keeps the room an empty thread and its form take, so the page does not jump. */
  .waiting {
    min-height: var(--confab-reserved-height, 26em);
  }
  h2 {
    font-size: var(--confab-heading-size, 1.25em);
    margin: 0 0 0.75em;
  }
  h3 {
    font-size: 1em;
    margin: 1.5em 0 0.5em;
  }
  ol {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--confab-gap, 1.25em);
  }
  .replies {
    margin-top: 1em;
  }
  .indent {
    margin-inline-start: var(--confab-indent, 1.25em);
    padding-inline-start: 0.75em;
    border-inline-start: 2px solid var(--_border);
  }
  header {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0 0.6em;
  }
  [part~='author'] {
    font-weight: 600;
  }
  [part~='avatar'] {
    width: 1.5em;
    height: 1.5em;
    align-self: center;
    border-radius: 20%;
    background: color-mix(in srgb, currentColor 6%, transparent);
    flex: none;
  }
  [part~='permalink'] {
    color: inherit;
    text-decoration: none;
  }
  [part~='permalink']:hover {
    text-decoration: underline;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em;
    margin-inline-start: -0.3em;
  }
  [part~='load-more-button'] {
    margin-top: var(--confab-gap, 1.25em);
  }
  .more {
    margin-block-start: 0.5em;
    margin-inline-start: var(--confab-indent, 1.25em);
  }
  .highlight {
    outline: 2px solid var(--_accent);
    outline-offset: 4px;
    border-radius: 2px;
  }
  [part~='deleted'] {
    font-style: italic;
  }
  [part~='new-count'] {
    font-size: 0.7em;
    font-weight: 400;
    color: var(--_accent);
    white-space: nowrap;
  }
  [part~='feeds'] {
    font-size: 0.875em;
    color: var(--_muted);
  }
  [part~='badge'],
  [part~='time'],
  [part~='status'],
  [part~='empty'] {
    color: var(--_muted);
    font-size: 0.875em;
  }
  [part~='new-badge'] {
    color: var(--_accent);
    font-weight: 600;
  }
  [part~='body'] {
    overflow-wrap: anywhere;
  }
  [part~='body'] p {
    margin: 0.4em 0;
  }
  [part~='body'] a {
    color: var(--confab-color-link, inherit);
  }
  .plain {
    white-space: pre-line;
  }
  .reply-composer {
    margin-top: 0.75em;
  }
  [part~='error'],
  [part~='notice'] {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.6em 0.8em;
    margin: 0 0 1em;
  }
  [part~='error'] {
    border-color: var(--_danger);
  }
  [part~='notice'] p,
  [part~='error'] p {
    margin: 0 0 0.25em;
  }
`;
