/**
 * The files of the script-tag build, written by the build (rollup.config.ts) into `confab.js`: the main module, and
 * for each on-demand part its file and the shared files it imports that the main module does not.
 */
declare module 'confab:files' {
  export const main: string;
  export const files: Record<string, string[]> & {main: string[]; actions: string[]};
}
