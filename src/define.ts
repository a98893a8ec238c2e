import {ConfabComments} from './components/confab-comments/confab-comments.js';
import {ConfabComposer} from './components/confab-composer/confab-composer.js';
import {ConfabCount} from './components/confab-count/confab-count.js';

/** The elements and their tags. Already-defined tags are skipped, so importing this twice is harmless. */
const elements: [string, CustomElementConstructor][] = [
  ['confab-composer', ConfabComposer],
  ['confab-comments', ConfabComments],
  ['confab-count', ConfabCount],
];

for (const [tag, element] of elements) {
  if (!customElements.get(tag)) customElements.define(tag, element);
}
