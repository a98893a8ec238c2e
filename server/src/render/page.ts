import type {Context} from 'hono';
import {html, type SafeHtml} from './html.js';

/**
 * A small standalone page the server answers with (a mail link's landing page): no script, styles inline, a CSP
 * that allows nothing else, never framed, no referrer (its address holds a token).
 */
export function landingPage(
  c: Context,
  status: 200 | 400 | 403 | 404 | 410 | 413 | 415 | 422 | 429 | 503,
  title: string,
  content: SafeHtml
) {
  c.header(
    'Content-Security-Policy',
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
  );
  c.header('Referrer-Policy', 'no-referrer');
  c.header('X-Frame-Options', 'DENY');
  c.header('Cache-Control', 'no-store');
  return c.html(
    html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="robots" content="noindex">
<title>${title}</title>
<style>
  body { font: 17px/1.55 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; margin: 0; padding: 2rem 1rem; color: #1c1917; background: #f5f5f4; }
  main { max-width: 36rem; margin: 0 auto; }
  h1 { font-size: 1.5rem; line-height: 1.25; }
  .card { background: #fff; border: 1px solid #e7e5e4; border-radius: 8px; padding: 0.75rem 1rem; margin: 1rem 0; overflow-wrap: anywhere; }
  .meta { color: #57534e; font-size: 0.9rem; }
  button { font: inherit; font-weight: 600; min-height: 44px; padding: 0.5rem 1.25rem; border-radius: 6px; border: 0; background: #1d4ed8; color: #fff; cursor: pointer; }
  button.danger { background: #b91c1c; }
  button:focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
  a { color: #1d4ed8; }
  blockquote { margin: 0.5em 0; padding-left: 0.75em; border-left: 3px solid #e7e5e4; color: #57534e; }
  @media (prefers-color-scheme: dark) {
    body { background: #1c1917; color: #e7e5e4; }
    .card { background: #292524; border-color: #44403c; }
    .meta, blockquote { color: #a8a29e; }
    a { color: #93c5fd; }
  }
</style>
</head>
<body>
<main>
<h1>${title}</h1>
${content}
</main>
</body>
</html>
`.value,
    status
  );
}
