import {css} from 'lit';

/**
 * Tokens, buttons and helpers shared by Confab's elements. Colours derive from the host page's text colour. Where the
 * pointer is a finger, every control is at least 44 CSS pixels tall (WCAG 2.5.5).
 */
export const sharedStyles = css`
  :host {
    --_muted: var(--confab-color-muted, color-mix(in srgb, currentColor 72%, transparent));
    --_border: var(--confab-color-border, color-mix(in srgb, currentColor 30%, transparent));
    --_control: var(--confab-color-control-border, color-mix(in srgb, currentColor 60%, transparent));
    --_accent: var(--confab-color-accent, currentColor);
    --_danger: var(--confab-color-danger, #b3261e);
    --_radius: var(--confab-radius, 0.4em);
    font-family: var(--confab-font-family, inherit);
    font-size: var(--confab-font-size, inherit);
    line-height: var(--confab-line-height, 1.5);
    color: var(--confab-color-text, inherit);
    color-scheme: light;
  }
  :host([resolved-theme='dark']) {
    --_danger: var(--confab-color-danger, #ffb4ab);
    color-scheme: dark;
  }
  /* A fixed theme brings its own colours; auto keeps the page's. */
  :host([theme='light']) {
    color: var(--confab-color-text, #1d1b20);
    background: var(--confab-color-background, #fff);
  }
  :host([theme='dark']) {
    color: var(--confab-color-text, #e6e0e9);
    background: var(--confab-color-background, #1d1b20);
  }
  button,
  select {
    font: inherit;
    color: inherit;
    background: none;
    border: 1px solid var(--_control);
    border-radius: var(--_radius);
    padding: 0.3em 0.9em;
    cursor: pointer;
  }
  @media (pointer: coarse) {
    button,
    select {
      min-height: 44px;
    }
  }
  button:hover {
    border-color: currentColor;
  }
  button:disabled {
    cursor: wait;
    opacity: 0.6;
  }
  :focus-visible {
    outline: var(--confab-focus-ring, 2px solid var(--_accent));
    outline-offset: 2px;
  }
  /* A comment's text, in the thread, the preview and the moderation page alike. */
  :is([part~='body'], [part~='preview']) :is(p, ol, ul, blockquote, pre) {
    margin: 0.4em 0;
  }
  :is([part~='body'], [part~='preview']) :is(ol, ul) {
    display: block;
    list-style: revert;
    padding-inline-start: 1.5em;
  }
  [part~='body'] ul {
    list-style-type: disc;
  }
  :is([part~='body'], [part~='preview']) a {
    color: var(--confab-color-link, inherit);
  }
  :is([part~='body'], [part~='preview']) blockquote {
    padding-inline-start: 0.75em;
    border-inline-start: 3px solid var(--_border);
    color: var(--_muted);
  }
  code,
  pre {
    font-size: 0.9em;
    border-radius: 0.3em;
    background: color-mix(in srgb, currentColor 9%, transparent);
  }
  code {
    padding: 0.1em 0.3em;
  }
  pre {
    padding: 0.5em 0.75em;
    overflow-x: auto;
  }
  pre code {
    padding: 0;
    font-size: 1em;
    background: none;
  }
  .link-button {
    border-color: transparent;
    padding: 0.1em 0.3em;
    color: var(--_muted);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
