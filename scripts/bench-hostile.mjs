#!/usr/bin/env node
/**
 * `npm run bench:hostile`: what bodies made to break a renderer cost (5,000 of each markdown metacharacter, runs of
 * them, and seeded mixtures; see test/support/stress.ts), in headless Chromium with the built script-tag bundle.
 * For each body: the time to show it in the thread (script tag to the body on screen), in an inline panel (a click on
 * the marker to the body on screen), in the composer's preview (a click on Preview to the preview on screen) and on
 * the moderation page (sign-in to the body on screen), and the longest main-thread task of each. A measurement,
 * not a test: the budget it reports against (100 ms a body) is not enforced. Run `npm run build` first.
 */
import {createServer} from 'node:http';
import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {build} from 'esbuild';
import {launchChromium} from './chromium.mjs';

const root = new URL('..', import.meta.url).pathname;
const BUDGET_MS = 100;

// The same bodies the tests render.
const {outputFiles} = await build({
  entryPoints: [join(root, 'test/support/stress.ts')],
  bundle: true,
  format: 'esm',
  write: false,
});
const {stressBodies} = await import(`data:text/javascript,${encodeURIComponent(outputFiles[0].text)}`);
const BODIES = stressBodies(20);

const PARAGRAPH = 'A paragraph of the post that the comment is about.';
const json = (value) => JSON.stringify(value).replace(/</g, '\\u003c');
const comment = (body, extra = {}) => ({
  id: 'stress',
  postId: '/stress',
  parentId: null,
  author: 'Stress',
  body,
  createdAt: '2024-01-01T00:00:00.000Z',
  ...extra,
});
const longTasks = `<script>
  window.longest = 0;
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.longest = Math.max(window.longest, e.duration); }).observe({type: 'longtask'});
  window.t0 = performance.now();
</script>`;

let current = 0;
const pages = {
  '/thread.html': () => `<!doctype html><meta charset="utf-8"><body>${longTasks}
    <script type="application/json" id="data">${json([comment(BODIES[current].body)])}</script>
    <script src="/dist/confab.js" data-post-id="/stress" data-storage="memory" data-import="#data" data-loading="eager"></script>`,
  '/panel.html': () => `<!doctype html><meta charset="utf-8"><body>${longTasks}
    <article id="post"><p>${PARAGRAPH}</p></article>
    <script type="application/json" id="data">${json([comment(BODIES[current].body, {anchor: {quote: PARAGRAPH, prefix: '', suffix: '', position: 0, paragraph: true}})])}</script>
    <script src="/dist/confab.js" data-post-id="/stress" data-storage="memory" data-import="#data" data-inline="#post" data-loading="eager"></script>`,
  '/preview.html': () => `<!doctype html><meta charset="utf-8"><body>${longTasks}
    <script src="/dist/confab.js" data-post-id="/stress-preview" data-storage="memory" data-loading="eager"></script>`,
  '/admin.html': () => `<!doctype html><meta charset="utf-8"><body>${longTasks}
    <confab-moderation endpoint="/api"></confab-moderation><script src="/dist/confab-admin.js"></script>`,
};

const server = createServer(async (req, res) => {
  const path = new URL(req.url, 'http://x').pathname;
  if (pages[path]) return res.writeHead(200, {'content-type': 'text/html'}).end(pages[path]());
  // The moderation page's calls: who is signed in, then the queue, holding the body.
  if (path === '/api/admin/me') {
    return res
      .writeHead(200, {'content-type': 'application/json'})
      .end(JSON.stringify({name: 'Author', admin: true, sites: null, serverSites: []}));
  }
  if (path === '/api/admin/comments') {
    return res
      .writeHead(200, {'content-type': 'application/json'})
      .end(JSON.stringify({comments: [{...comment(BODIES[current].body), moderation: 'pending', client: 'abcd1234'}]}));
  }
  try {
    const body = await readFile(join(root, path));
    res
      .writeHead(200, {'content-type': path.endsWith('.js') ? 'text/javascript' : 'application/octet-stream'})
      .end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;

const browser = await launchChromium();
const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
const rows = [];
try {
  for (let i = 0; i < BODIES.length; i++) {
    current = i;
    const row = {name: BODIES[i].name};
    for (const view of ['thread', 'panel', 'preview', 'admin']) {
      const tab = await browser.newPage();
      await tab.goto(`${base}/${view}.html`);
      const result = await tab.evaluate(
        async (view, body, frameSource) => {
          const frame = eval(frameSource);
          const until = async (find) => {
            for (;;) {
              const found = find();
              if (found) return found;
              await new Promise((r) => setTimeout(r, 1));
            }
          };
          const el = () => document.querySelector('confab-comments');
          let start = window.t0;
          if (view === 'panel') {
            const button = await until(() =>
              document.querySelector('[data-confab="marker"]')?.shadowRoot?.querySelector('button')
            );
            window.longest = 0;
            start = performance.now();
            button.click();
            await until(() =>
              document
                .querySelector('[data-confab="panel"]')
                ?.shadowRoot?.querySelector('#comment-stress [part~="body"]')
            );
          } else if (view === 'preview') {
            const composer = await until(
              () =>
                el()?.shadowRoot?.querySelector('confab-composer')?.shadowRoot?.querySelector('textarea') &&
                el().shadowRoot.querySelector('confab-composer')
            );
            const textarea = composer.shadowRoot.querySelector('textarea');
            textarea.value = body;
            textarea.dispatchEvent(new Event('input'));
            await composer.updateComplete;
            window.longest = 0;
            start = performance.now();
            composer.shadowRoot.querySelector('[part~="preview-button"]').click();
            await until(() => composer.shadowRoot.querySelector('[part~="preview"] [part~="body"]'));
          } else if (view === 'admin') {
            const moderation = await until(
              () =>
                customElements.get('confab-moderation') &&
                document.querySelector('confab-moderation').shadowRoot?.querySelector('input')
            );
            const host = document.querySelector('confab-moderation');
            moderation.value = 'bench-secret';
            window.longest = 0;
            start = performance.now();
            host.shadowRoot.querySelector('button[type="submit"]').click();
            await until(() => host.shadowRoot.querySelector('article [part~="body"]'));
          } else {
            await until(() => el()?.shadowRoot?.querySelector('#comment-stress [part~="body"]'));
          }
          await frame();
          return {ms: performance.now() - start, longest: window.longest};
        },
        view,
        BODIES[i].body,
        `(${frame})`
      );
      row[view] = result;
      await tab.close();
    }
    rows.push(row);
    console.error(`measured ${i + 1} of ${BODIES.length}`);
  }
} finally {
  await browser.close();
  server.close();
}

console.log(
  `\nheadless Chromium, the built bundle, ${new Date().toISOString()}: ms to show one 5,000-character body (longest task)`
);
console.log(
  'body                          thread (page load)      inline panel           preview                moderation page'
);
const cell = ({ms, longest}) =>
  `${ms.toFixed(0).padStart(5)} ms (${longest ? `${longest.toFixed(0)} ms` : 'none > 50'})`.padEnd(23);
for (const r of rows)
  console.log(`${r.name.slice(0, 29).padEnd(30)}${cell(r.thread)}${cell(r.panel)}${cell(r.preview)}${cell(r.admin)}`);
const worst = (view) => Math.max(...rows.map((r) => r[view].ms));
const over = rows.flatMap((r) =>
  ['panel', 'preview', 'admin'].filter((v) => r[v].ms > BUDGET_MS).map((v) => `${r.name} (${v})`)
);
console.log(
  `\nworst: thread ${worst('thread').toFixed(0)} ms (a whole page load), panel ${worst('panel').toFixed(0)} ms, preview ${worst('preview').toFixed(0)} ms, moderation ${worst('admin').toFixed(0)} ms`
);
console.log(
  over.length
    ? `over the ${BUDGET_MS} ms budget: ${over.join(', ')}`
    : `every body within the ${BUDGET_MS} ms budget in the panel, the preview and the moderation page`
);
