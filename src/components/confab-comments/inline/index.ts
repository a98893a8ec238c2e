/**
 * Inline comments, loaded on demand only by pages with `inline`, or whose thread holds inline comments: markers
 * beside the article's paragraphs, panels, selection, highlights, and the quotes the thread shows.
 */
export {attach, type Inline} from './controller.js';
export type {InlineHost} from './host.js';
export {quote} from './quote.js';
export {styles} from './styles.js';
