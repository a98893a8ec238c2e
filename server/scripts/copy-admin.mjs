/** Copies the moderation page's bundle (built by the widget's `npm run build`) into the server's dist/public. */
import {copyFileSync, existsSync, mkdirSync} from 'node:fs';

const from = new URL('../../dist/confab-admin.js', import.meta.url);
const to = new URL('../dist/public/', import.meta.url);
if (!existsSync(from)) {
  console.error(
    '[confab] dist/confab-admin.js is missing: run `npm run build` at the top level first (no /admin page until then).'
  );
  process.exit(0);
}
mkdirSync(to, {recursive: true});
copyFileSync(from, new URL('confab-admin.js', to));
