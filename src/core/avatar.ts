import {fnv1a} from './hash.js';

/**
 * A name's identicon: a symmetric 5x5 pattern of squares in a hue of its own. `cells` are the squares' columns and
 * rows (0-4); `path` draws them as one SVG path (`d`) for a `viewBox="-0.5 -0.5 6 6"`, as the server-rendered thread
 * does, so that both draw the same picture with one element.
 */
export function identicon(name: string): {hue: number; cells: [number, number][]; path: string} {
  const h = fnv1a(name);
  const cells: [number, number][] = [];
  for (let i = 0; i < 15; i++) {
    if ((h >>> i) & 1) {
      const x = i % 3;
      const y = (i / 3) | 0;
      cells.push([x, y]);
      if (x < 2) cells.push([4 - x, y]);
    }
  }
  return {hue: h % 360, cells, path: cells.map(([x, y]) => `M${x} ${y}h1v1h-1z`).join('')};
}
