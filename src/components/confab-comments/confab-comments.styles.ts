import {css} from 'lit';

/**
 * The thread's styles. Top-level threads past the first page are neither laid out nor painted while out of view
 * (`content-visibility`), so a long page costs what is on screen and each "Load more" the same at the hundredth click as at the first; their
 * padding is room for what paints past a comment (focus rings, the permalink's tint), which the containment would
 * clip, and their margins take it back. Reactions and a comment's actions share one row; the comment a link points
 * to shows by its tint.
 */
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
    font-size: 1.0625em;
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
  [part~='thread'] {
    display: block;
  }
  [part~='thread'] > li {
    margin-block-end: var(--confab-gap, 1.25em);
  }
  [part~='thread'] > li:last-child {
    margin-block-end: 0;
  }
  [part~='thread'] > li:nth-child(n + 21) {
    content-visibility: auto;
    contain-intrinsic-size: auto 10em;
    padding: 0.5em;
    margin: -0.5em;
    margin-block-end: calc(var(--confab-gap, 1.25em) - 0.5em);
  }
  [part~='thread'] > li:nth-child(n + 21):last-child {
    margin-block-end: -0.5em;
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
    box-sizing: border-box;
    width: 1.5em;
    height: 1.5em;
    /* The squares fill a 5x5 grid inside a margin of half a square (as the server-rendered picture's viewBox). */
    padding: calc(1.5em / 12);
    background-origin: content-box;
    background-size: 20% 20%;
    background-repeat: no-repeat;
    align-self: center;
    border-radius: 20%;
    background-color: color-mix(in srgb, currentColor 6%, transparent);
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
    align-items: center;
    gap: 0.25em 0.5em;
    margin-block-start: 0.4em;
  }
  [part~='comment']:focus-visible {
    outline: 2px solid color-mix(in srgb, var(--_accent) 40%, transparent);
    outline-offset: 0.4em;
    border-radius: 2px;
  }
  [part~='comment'].highlight:focus-visible {
    outline: none;
  }
  [part~='load-more-button'] {
    margin-top: var(--confab-gap, 1.25em);
  }
  .more {
    margin-block-start: 0.5em;
    margin-inline-start: var(--confab-indent, 1.25em);
  }
  .highlight {
    --_tint: color-mix(in srgb, var(--_accent) 10%, transparent);
    background: var(--_tint);
    box-shadow: 0 0 0 0.4em var(--_tint);
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
  [part~='feed-link'] {
    color: inherit;
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
  .plain {
    white-space: pre-line;
  }
  .reply-composer {
    margin-top: 0.75em;
  }
  /* The form comes after the thread (its element in its own file, drawn in the next frame): its room is kept. */
  .form-room,
  confab-composer:not(:defined) {
    display: block;
    min-height: 20.5em;
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
