import type {ConfabComposer} from './confab-composer.js';

/** How the composer is registered once it is in: `define.ts` says, being the module that registers elements. */
let register: ((composer: typeof ConfabComposer) => void) | undefined;
let loading: Promise<void> | undefined;

/** `define.ts`: registers the composer this way when `<confab-comments>` first asks for it. */
export function registerComposerWith(define: (composer: typeof ConfabComposer) => void): void {
  register = define;
}

/**
 * The composer, from its own file, for `<confab-comments>`: the comment form is drawn under the thread, so it is asked
 * for once the first comments are drawn, and they never wait for it. Settles once it is registered (rejects when its
 * file could not be loaded); `undefined` when nothing registers it here (an application registers it itself).
 */
export function loadComposer(): Promise<void> | undefined {
  if (!register) return undefined;
  const define = register;
  // A failed load (offline, a deploy that removed the file) is forgotten: the next element asks again.
  return (loading ??= import('./confab-composer.js').then(
    (module) => define(module.ConfabComposer),
    (error) => {
      loading = undefined;
      throw error;
    }
  ));
}
