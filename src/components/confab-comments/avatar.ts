import {svg} from 'lit';

/** FNV-1a: a small, stable hash of the name, the same in every browser. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * An identicon drawn in the browser from the name: a symmetric 5x5 pattern in a colour of its own. Decorative
 * (the name is next to it), so hidden from assistive technology; no request to anyone.
 */
export function avatar(name: string) {
  const h = hash(name);
  const cells = [];
  for (let i = 0; i < 15; i++) {
    if ((h >>> i) & 1) {
      const x = i % 3;
      const y = (i / 3) | 0;
      cells.push(svg`<rect x=${x} y=${y} width="1" height="1"/>`);
      if (x < 2) cells.push(svg`<rect x=${4 - x} y=${y} width="1" height="1"/>`);
    }
  }
  return svg`<svg part="avatar" viewBox="-0.5 -0.5 6 6" aria-hidden="true" focusable="false"
    fill="hsl(${h % 360} 55% 45%)">${cells}</svg>`;
}
