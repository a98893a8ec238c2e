/** Marks the text as CSS, so that the build minifies it as it does Lit's `css` templates. */
const css = String.raw;

/** The page-level rules: the highlight colour, markers kept out of copied text, the selection button's place. */
export const pageStyles = new CSSStyleSheet();
pageStyles.replaceSync(css`
  ::highlight(confab-quote) { background-color: var(--confab-quote-highlight, rgb(255 196 0 / 0.32)); }
  mark[data-confab-quote] { background-color: var(--confab-quote-highlight, rgb(255 196 0 / 0.32)); color: inherit; }
  [data-confab='marker'] { user-select: none; -webkit-user-select: none; }
  :hover > [data-confab='marker'] { --confab-marker-shown: 1; }
  [data-confab='selection'] { position: absolute; z-index: 2147483000; }
`);

/** Styles the element adopts for quotes in its thread (and the panels, which share its sheets). */
export const styles = new CSSStyleSheet();
styles.replaceSync(css`
  [part~='quote'] { margin: 0.3em 0; padding-inline-start: 0.75em; border-inline-start: 3px solid var(--confab-quote-border, rgb(230 170 0)); }
  [part~='quote'] q { quotes: none; font-style: italic; }
  [part~='quote-note'] { display: block; font-size: 0.875em; }
  [part~='orphaned'] { border-inline-start-style: dashed; }
`);

export const markerStyles = new CSSStyleSheet();
markerStyles.replaceSync(css`
  :host { display: inline-block; margin-inline-start: 0.4em; vertical-align: baseline; line-height: 1; }
  button {
    font: 600 0.75rem/1 system-ui, sans-serif; color: inherit; cursor: pointer;
    min-width: 24px; min-height: 24px; padding: 0.2em 0.5em; border-radius: 999px;
    border: 1px solid color-mix(in srgb, currentColor 45%, transparent);
    background: color-mix(in srgb, currentColor 6%, transparent);
    display: inline-flex; align-items: center; gap: 0.3em;
  }
  button:hover, [aria-expanded='true'] { border-color: currentColor; }
  .zero { opacity: var(--confab-marker-shown, 0); }
  .zero:focus-visible, .zero[aria-expanded='true'] { opacity: 1; }
  :focus-visible { outline: 2px solid currentColor; outline-offset: 2px; }
  svg { width: 1em; height: 1em; }
  @media (hover: none) { .zero { opacity: 0.6; } }
`);

export const panelStyles = new CSSStyleSheet();
panelStyles.replaceSync(css`
  :host { display: block; margin: 0 0 1.4em; font-family: system-ui, sans-serif; font-size: 1rem; }
  .panel {
    border-inline-start: 3px solid color-mix(in srgb, currentColor 35%, transparent);
    padding: 0.5em 0 0.5em 1em; padding-inline: 1em 0;
  }
  .panel:focus { outline: none; }
  .panel:focus-visible { outline: 2px solid currentColor; outline-offset: 2px; }
  .head { display: flex; justify-content: space-between; align-items: baseline; gap: 1em; }
  .title { font-weight: 600; margin: 0 0 0.5em; }
  [part~='thread'] { margin-bottom: 1em; }
`);

export const selectionStyles = new CSSStyleSheet();
selectionStyles.replaceSync(css`
  button {
    font: 600 0.875rem/1 system-ui, sans-serif; padding: 0.5em 0.9em; min-height: 24px; border-radius: 999px; cursor: pointer;
    color: #fff; background: #1d1b20; border: 1px solid #fff; box-shadow: 0 2px 8px rgb(0 0 0 / 0.25);
  }
  :focus-visible { outline: 2px solid #1d1b20; outline-offset: 2px; }
`);
