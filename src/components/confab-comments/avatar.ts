import {svg} from 'lit';
import {identicon} from '../../core/avatar.js';

/**
 * An identicon drawn in the browser from the name (the comment's id for an anonymous one, so that anonymous readers
 * do not all look alike): a symmetric 5x5 pattern in a colour of its own, one path.
 * Decorative (the name is next to it), so hidden from assistive technology; no request to anyone.
 */
export function avatar(seed: string) {
  const {hue, path} = identicon(seed);
  return svg`<svg part="avatar" viewBox="-0.5 -0.5 6 6" aria-hidden="true" focusable="false"
    fill="hsl(${hue} 55% 45%)"><path d=${path}></path></svg>`;
}
