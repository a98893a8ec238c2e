export * from './types.js';
export * from './text.js';
export * from './validate.js';
export * from './thread.js';
export * from './page-id.js';
export * from './errors.js';
export * from './id.js';
export * from './avatar.js';
