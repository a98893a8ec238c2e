import {html} from 'lit';
import {identicon} from '../../core/avatar.js';

/**
 * An identicon drawn in the browser from the name (the comment's id for an anonymous one, so that anonymous readers
 * do not all look alike): a symmetric 5x5 pattern in a colour of its own, one element whose background layers are
 * its squares. Set through the element's style object (CSSOM), which a page's Content-Security-Policy allows where it
 * refuses style attributes. Decorative (the name is next to it), so hidden from assistive technology; no request to
 * anyone.
 */
export function avatar(seed: string) {
  const {hue, cells} = identicon(seed);
  const square = `linear-gradient(hsl(${hue} 55% 45%),hsl(${hue} 55% 45%))`;
  const style = `background-image:${cells.map(() => square).join()};background-position:${cells
    .map(([x, y]) => `${x * 25}% ${y * 25}%`)
    .join()}`;
  return html`<span part="avatar" aria-hidden="true" .style=${style}></span>`;
}
