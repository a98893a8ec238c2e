/** Marks the text as CSS, so that the build minifies it as it does Lit's `css` templates. */
const css = String.raw;

/**
 * The actions' own styles, adopted by the element when they load. Emoji nobody used yet appear when the reader is on
 * the comment (hover or keyboard focus); on a touch screen, which has no hover, they are always there, 44 CSS pixels
 * wide and tall like every control there. In a narrow thread the reactions take a row of their own, the buttons the
 * next (rather than one button wrapping alone).
 */
export const styles = new CSSStyleSheet();
styles.replaceSync(css`
  [part~='reactions'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0.3em;
  }
  .actions {
    container-type: inline-size;
  }
  @container (max-width: 26rem) {
    [part~='reactions'] {
      flex-basis: 100%;
    }
  }
  .reaction {
    font-size: 0.8em;
    padding: 0.05em 0.5em;
    border-radius: 999px;
    /* WCAG 2.2 target size: at least 24 by 24 CSS pixels. */
    min-height: 24px;
    min-width: 24px;
  }
  @media (hover: hover) {
    article:not(:hover, :focus-within) .zero {
      display: none;
    }
  }
  @media (pointer: coarse) {
    .reaction {
      min-height: 44px;
      min-width: 44px;
    }
  }
  .reaction[aria-pressed='true'] {
    border-color: var(--_accent);
    background: color-mix(in srgb, currentColor 10%, transparent);
  }
  .danger {
    color: var(--_danger);
  }
  [part~='sort'] {
    display: block;
    margin-bottom: 1em;
    font-size: 0.875em;
  }
  select {
    padding: 0.15em 0.3em;
  }
  .mine {
    margin-top: 1em;
    font-size: 0.875em;
  }
  [part~='mine'] {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.6em 0.8em;
    margin-top: 0.5em;
  }
  [part~='mine'] ol {
    gap: 0.6em;
    margin: 0.6em 0;
  }
  [part~='mine-item'] {
    display: grid;
    gap: 0.1em;
  }
  [part~='mine-item'] .meta {
    color: var(--_muted);
  }
  [part~='mine-item'] .excerpt {
    white-space: pre-line;
    overflow-wrap: anywhere;
  }
`);
