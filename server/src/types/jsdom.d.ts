/**
 * The little of jsdom the server uses (a window for DOMPurify), typed here: @types/jsdom would bring the browser's
 * DOM types into a Node program.
 */
declare module 'jsdom' {
  export class JSDOM {
    constructor(html?: string, options?: {url?: string});
    readonly window: object;
  }
}
