/**
 * Confab: an embeddable comment widget. This entry registers nothing; import `confab/define` to register the
 * elements, or call `customElements.define` yourself with the classes exported here.
 */
export {ConfabComments} from './components/confab-comments/confab-comments.js';
export {ConfabComposer} from './components/confab-composer/confab-composer.js';
export {ConfabCount} from './components/confab-count/confab-count.js';
export {ConfabModeration} from './components/confab-moderation/confab-moderation.js';
export type {StorageAdapter} from './adapters/adapter.js';
export {MemoryAdapter, type MemoryAdapterOptions} from './adapters/memory.js';
export {IndexedDbAdapter, type IndexedDbAdapterOptions} from './adapters/indexeddb.js';
export {RestAdapter, type RestAdapterOptions} from './adapters/rest.js';
export {indexedDbTokens, memoryTokens, type TokenStore} from './adapters/tokens.js';
export {ConfabError, type ConfabErrorCode} from './core/errors.js';
export {LIMITS, checkDraft, parseAnchor, parseComment, parseComments} from './core/validate.js';
export {anchorAt, locate, type Located} from './core/anchor.js';
export {buildThread, type ThreadNode} from './core/thread.js';
export {pageIdFrom} from './core/page-id.js';
export type {
  Anchor,
  Comment,
  CommentDraft,
  CommentPage,
  CommentSort,
  ListOptions,
  RequestOptions,
} from './core/types.js';
export type {StringOverrides, Strings} from './i18n/en.js';
export {ConfabCommentAddedEvent, ConfabCommentSubmitEvent, ConfabErrorEvent} from './events/events.js';
export type {ConfabEventMap, ErrorAction} from './events/events.js';
