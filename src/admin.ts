import {ConfabModeration} from './components/confab-moderation/confab-moderation.js';

/** The moderation page's entry (`dist/confab-admin.js`): registers `<confab-moderation>`. */
if (!customElements.get('confab-moderation')) customElements.define('confab-moderation', ConfabModeration);
