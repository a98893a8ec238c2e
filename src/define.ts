import {ConfabComments} from './components/confab-comments/confab-comments.js';
import {registerComposerWith} from './components/confab-composer/load.js';
import {ConfabCount} from './components/confab-count/confab-count.js';

const define = (tag: string, element: CustomElementConstructor) => {
  if (!customElements.get(tag)) customElements.define(tag, element);
};

// The elements and their tags. Already-defined tags are skipped, so importing this twice is harmless. The comment
// form, drawn under the thread, comes from its own file once the first comments are drawn: they never wait for it.
registerComposerWith((composer) => define('confab-composer', composer));
define('confab-comments', ConfabComments);
define('confab-count', ConfabCount);
