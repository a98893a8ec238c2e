import {Hono, type Context} from 'hono';
import {existsSync} from 'node:fs';
import {readFile} from 'node:fs/promises';
import {fileURLToPath} from 'node:url';
import {serveStatic} from '@hono/node-server/serve-static';
import {etag} from 'hono/etag';
import type {AppOptions, Env} from '../context.js';
import {renderFragment} from '../render/fragment.js';

/** Where the built moderation page is: beside the bundled server, or in a checkout after `npm run build -w server`. */
const ADMIN_SCRIPT = ['./public/confab-admin.js', '../../dist/public/confab-admin.js'].map((path) =>
  fileURLToPath(new URL(path, import.meta.url))
);

const ADMIN_PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="color-scheme" content="light dark" />
    <title>Confab moderation</title>
    <link rel="icon" href="data:," />
    <style>body { font: 16px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color-scheme: light dark; } h1 { font-size: 1.75rem; margin: 0 0 1rem; }</style>
  </head>
  <body>
    <h1>Comments to moderate</h1>
    <confab-moderation></confab-moderation>
    <script src="/admin/confab-admin.js"></script>
  </body>
</html>`;

/** Headers of every page and file the server serves besides the API. */
function pageHeaders(c: Context) {
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'strict-origin-when-cross-origin');
}

/**
 * The pages the server serves: /admin (the moderation page: never framed, no referrer, a strict CSP) and, with
 * `--demo`, the demo pages and the built widget at /dist (which any site may load).
 */
export function pageRoutes(options: AppOptions): Hono<Env> {
  const app = new Hono<Env>();
  const adminScript = ADMIN_SCRIPT.find((file) => existsSync(file));
  if (adminScript) {
    app.get('/admin', (c) => {
      pageHeaders(c);
      c.header('Referrer-Policy', 'no-referrer');
      c.header('Cache-Control', 'no-cache');
      c.header('X-Frame-Options', 'DENY');
      c.header(
        'Content-Security-Policy',
        "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
      );
      return c.html(ADMIN_PAGE);
    });
    app.get('/admin/confab-admin.js', async (c) => {
      pageHeaders(c);
      c.header('Referrer-Policy', 'no-referrer');
      c.header('Content-Type', 'text/javascript; charset=utf-8');
      return c.body(await readFile(adminScript));
    });
  }

  if (options.demoRoot) {
    const root = options.demoRoot;
    app.get('/', (c) => c.redirect('/demo/'));
    app.get('/demo', (c) => c.redirect('/demo/'));
    // The demo post is served as a blog would: its thread rendered into the page (readable without JavaScript), where
    // the page marks it with <!--confab-ssr post="ID"-->.
    app.get('/demo/index.html', (c) => c.redirect('/demo/'));
    app.get('/demo/', async (c) => {
      pageHeaders(c);
      c.header('Cache-Control', 'no-cache');
      const page = await readFile(`${root}/demo/index.html`, 'utf8');
      const marker = /<!--confab-ssr post="([^"]+)"-->/.exec(page);
      if (!marker) return c.html(page);
      const url = new URL(c.req.url);
      const fragment = await renderFragment(options, marker[1]!, {
        endpoint: new URL('/api', options.publicUrl ?? url).href,
        page: new URL(url.pathname, options.publicUrl ?? url).href,
      });
      return c.html(page.replace(marker[0], () => fragment));
    });
    app.use('/demo/*', etag());
    app.use('/dist/*', etag());
    app.use(
      '/demo/*',
      serveStatic({
        root,
        onFound: (path, c) => {
          pageHeaders(c);
          if (path.endsWith('.html')) c.header('Cache-Control', 'no-cache');
        },
      })
    );
    app.use(
      '/dist/*',
      serveStatic({
        root,
        onFound: (path, c) => {
          pageHeaders(c);
          c.header('Access-Control-Allow-Origin', '*');
          // Files named by their content never change: cached for good. The rest (confab.js, which names them) is
          // asked again after a few minutes, so an upgrade reaches readers soon.
          c.header(
            'Cache-Control',
            /confab-[a-z0-9-]+-[A-Za-z0-9_-]{8}\.js$/.test(path)
              ? 'public, max-age=31536000, immutable'
              : 'public, max-age=300'
          );
        },
      })
    );
  }
  return app;
}
