#!/usr/bin/env node
/**
 * `npm run bench:widget`: how the script-tag bundle copes with long threads, in headless Chromium. For 100, 1,000
 * and 5,000 comments (a third of them replies) it measures the time from the script tag to the first comments on
 * screen (the median of five loads, each in a new tab, round-robin with the floor's; the longest task of the five),
 * then clicks "Load more" until every page is shown, timing each click to the next painted frame and
 * recording the longest main-thread task (Long Tasks API: tasks over 50 ms) of the first load and of the clicks, and the
 * elements each shown comment takes. Beside it, the floor: the same comments as plain HTML strings set with
 * `innerHTML` (escaped text, no markdown, no sanitizer, no framework), the same number on the first page and on each
 * click, timed the same way. Then, for inline comments, an article of
 * 120 paragraphs (about 7,000 words) with 50 and 500 anchored comments: the time to every marker and highlight, and
 * the time to find every anchor again and redraw (what each re-render and each edit of the article costs). A
 * measurement, not a test.
 * Run `npm run build` first.
 */
import {createServer} from 'node:http';
import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {launchChromium} from './chromium.mjs';

const root = new URL('..', import.meta.url).pathname;
const SIZES = [100, 1000, 5000];
const NAMES = ['Ada', 'Grace', 'Linus', 'Margaret', 'Alan', 'Barbara', 'Ken', 'Radia', 'Anonymous'];
const WORDS = 'leadership management vision team trust change people goal process **clear** *kind* `code` focus'.split(
  ' '
);

function comments(n) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const reply = i > 0 && i % 3 === 0;
    const body = Array.from({length: 12 + (i % 30)}, (_, k) => WORDS[(i * 7 + k) % WORDS.length]).join(' ');
    out.push({
      id: `c${i}`,
      postId: '/bench',
      parentId: reply ? `c${(i * 7919) % i}` : null,
      author: NAMES[i % NAMES.length],
      body: i % 10 === 0 ? `${body}\n\n> a quote\n\nhttps://example.com/${i}` : body,
      createdAt: new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString(),
    });
  }
  return out;
}

/** The start of both pages: the comments as JSON, and the watch for long tasks from the first script on. */
const start = (n) => `<!doctype html><meta charset="utf-8"><body>
<script type="application/json" id="data">${JSON.stringify(comments(n)).replace(/</g, '\\u003c')}</script>
<script>
  window.longest = 0;
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.longest = Math.max(window.longest, e.duration); })
    .observe({type: 'longtask', buffered: false});
  window.t0 = performance.now();
</script>`;

const page = (n) => `${start(n)}
<script src="/dist/confab.js" data-post-id="/bench" data-storage="memory" data-import="#data"></script>`;

/**
 * The floor: what showing these comments costs with nothing but `innerHTML`. Each comment as a bare article (name,
 * time, escaped paragraphs, a Reply button), `first` of them at once and `step` more on each "Load more", up to `total`
 * (as many as Confab shows: it keeps replies past the third collapsed).
 */
const floorPage = (n, first, step, total) => `${start(n)}
<ol id="thread"></ol><button id="more" part="load-more-button">Load more</button>
<script>
  const data = JSON.parse(document.getElementById('data').textContent);
  const escape = (s) => s.replace(/[&<>"]/g, (ch) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;'})[ch]);
  const date = new Intl.DateTimeFormat('en', {dateStyle: 'medium'});
  const item = (c) => '<li><article part="comment"><header><b>' + escape(c.author) + '</b> <a href="#' + c.id +
    '"><time datetime="' + c.createdAt + '">' + date.format(new Date(c.createdAt)) + '</time></a></header>' +
    c.body.split(/\\n\\n/).map((p) => '<p>' + escape(p) + '</p>').join('') + '<button type="button">Reply</button></article></li>';
  let shown = 0;
  const more = (k) => {
    const next = Math.min(${total}, shown + k);
    document.getElementById('thread').insertAdjacentHTML('beforeend', data.slice(shown, next).map(item).join(''));
    shown = next;
    if (shown >= ${total}) document.getElementById('more').remove();
  };
  more(${first});
  document.getElementById('more').addEventListener('click', () => more(${step}));
</script>`;

/** A long article, and `n` comments anchored to passages of it (a tenth to whole paragraphs). */
function inlinePage(n) {
  // Prose does not repeat itself: words drawn from a larger vocabulary by a seeded generator.
  const vocabulary = `the a of to and in that is for it as with was on be by this are or from at an but not have
    leaders managers teams trust vision people change goals process plan budget staff measure solve future behavior
    influence inspire power control organization success opportunity hearts path style example standards`.split(/\s+/);
  let seed = 42;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const paragraphs = Array.from(
    {length: 120},
    (_, p) =>
      Array.from({length: 58}, () => vocabulary[Math.floor(next() * vocabulary.length)]).join(' ') +
      ` (paragraph ${p}).`
  );
  const text = paragraphs.join(' ');
  const starts = paragraphs.map((_, p) => paragraphs.slice(0, p).reduce((sum, para) => sum + para.length + 1, 0));
  const data = Array.from({length: n}, (_, i) => {
    const p = (i * 37) % paragraphs.length;
    const whole = i % 10 === 0;
    const from = starts[p] + (whole ? 0 : (i * 11) % 200);
    const to = from + (whole ? 120 : 40 + (i % 60));
    return {
      id: `i${i}`,
      postId: '/bench-inline',
      parentId: null,
      author: NAMES[i % NAMES.length],
      body: 'On this passage.',
      createdAt: new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString(),
      anchor: {
        quote: text.slice(from, to),
        prefix: text.slice(Math.max(0, from - 32), from),
        suffix: text.slice(to, to + 32),
        position: from,
        ...(whole ? {paragraph: true} : {}),
      },
    };
  });
  return `<!doctype html><meta charset="utf-8"><body><article id="post">${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article>
<script type="application/json" id="data">${JSON.stringify(data)}</script>
<script>window.t0 = performance.now();</script>
<script src="/dist/confab.js" data-post-id="/bench-inline" data-storage="memory" data-import="#data" data-inline="#post" data-loading="eager"></script>`;
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url, 'http://x');
  if (url.pathname === '/inline')
    return res.writeHead(200, {'content-type': 'text/html'}).end(inlinePage(Number(url.searchParams.get('n'))));
  if (url.pathname === '/floor') {
    const q = (k) => Number(url.searchParams.get(k));
    return res.writeHead(200, {'content-type': 'text/html'}).end(floorPage(q('n'), q('first'), q('step'), q('total')));
  }
  if (url.pathname === '/page')
    return res.writeHead(200, {'content-type': 'text/html'}).end(page(Number(url.searchParams.get('n'))));
  try {
    const body = await readFile(join(root, url.pathname));
    res
      .writeHead(200, {'content-type': url.pathname.endsWith('.js') ? 'text/javascript' : 'application/octet-stream'})
      .end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;

const browser = await launchChromium();
/**
 * One page: the time to its first comments, the longest task of that first load, then every "Load more" timed to the
 * next frame, and the elements each shown comment takes (everything in the list of comments, its reply lists and
 * buttons included, over the comments in it). Confab's comments are in its shadow root, the floor's in the document.
 */
async function measure(url, throughTheThread = true) {
  const tab = await browser.newPage();
  await tab.setViewport({width: 1000, height: 900});
  await tab.goto(url);
  const counts = () =>
    tab.evaluate(() => {
      const root = document.querySelector('confab-comments')?.shadowRoot ?? document;
      const list = root.querySelector('[part~="thread"]') ?? root.getElementById('thread');
      const comments = list.querySelectorAll('[part~="comment"]').length;
      return {comments, elements: list.querySelectorAll('*').length / comments};
    });
  await tab.waitForFunction(() =>
    (document.querySelector('confab-comments')?.shadowRoot ?? document).querySelector('[part~="comment"]')
  );
  const firstRender = await tab.evaluate(() => performance.now() - window.t0);
  // The first load's tasks are over once the parts it loads have drawn: two frames after the element settles.
  await tab.evaluate(async () => {
    await document.querySelector('confab-comments')?.updateComplete;
    await new Promise((r) => setTimeout(r, 500));
  });
  const firstLongest = await tab.evaluate(() => window.longest);
  if (!throughTheThread) {
    await tab.close();
    return {firstRender, firstLongest};
  }
  const first = await counts();
  await tab.evaluate(() => (window.longest = 0));
  let clicks = 0;
  let slowest = 0;
  let total = 0;
  for (;;) {
    const ms = await tab.evaluate(async () => {
      const el = document.querySelector('confab-comments');
      const root = el?.shadowRoot ?? document;
      // The button found once and kept while Lit keeps it: searching the whole shadow tree for it before each click
      // (189,000 elements at 5,000 comments) would be the benchmark's own long task.
      const kept = window.loadMoreButton;
      const button = kept?.isConnected ? kept : root.querySelector('[part~="load-more-button"]');
      if (!button) return -1;
      window.loadMoreButton = button;
      const t = performance.now();
      // Woken by the page's own changes (the button disabled, then enabled or gone), never by polling the tree: a
      // search of 5,000 comments in a loop would be most of what is measured.
      const settled = new Promise((resolve) => {
        const observer = new MutationObserver(() => {
          if (button.isConnected && button.disabled) return;
          observer.disconnect();
          resolve();
        });
        observer.observe(root, {subtree: true, childList: true, attributes: true, attributeFilter: ['disabled']});
      });
      button.click();
      await settled;
      await el?.updateComplete;
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      return performance.now() - t;
    });
    if (ms < 0) break;
    clicks++;
    total += ms;
    slowest = Math.max(slowest, ms);
  }
  await new Promise((r) => setTimeout(r, 100));
  const longest = await tab.evaluate(() => window.longest);
  const last = await counts();
  await tab.close();
  return {
    firstRender,
    firstLongest,
    firstShown: first.comments,
    firstElements: first.elements,
    clicks,
    clicking: total,
    shown: last.comments,
    elements: last.elements,
    longest,
    slowest,
  };
}

const rows = [];
const inline = [];
/** First loads of each page, round-robin with the floor, each in a tab of its own: the first page is their median. */
const FIRST_LOADS = 5;
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
try {
  // The browser's own first page (its first use of fonts, locale data, the compositor) is measured for neither.
  await measure(`${base}/floor?n=1&first=1&step=1&total=1`, false);
  for (const n of SIZES) {
    const confab = await measure(`${base}/page?n=${n}`);
    const step = Math.ceil((confab.shown - confab.firstShown) / Math.max(1, confab.clicks));
    const floorUrl = `${base}/floor?n=${n}&first=${confab.firstShown}&step=${step}&total=${confab.shown}`;
    const floor = await measure(floorUrl);
    const firsts = {confab: [confab], floor: [floor]};
    for (let i = 1; i < FIRST_LOADS; i++) {
      firsts.confab.push(await measure(`${base}/page?n=${n}`, false));
      firsts.floor.push(await measure(floorUrl, false));
    }
    for (const [row, loads] of [
      [confab, firsts.confab],
      [floor, firsts.floor],
    ]) {
      row.firstRender = median(loads.map((l) => l.firstRender));
      row.firstLongest = Math.max(...loads.map((l) => l.firstLongest));
    }
    rows.push({n, confab, floor});
    console.error(`measured ${n}`);
  }
  for (const n of [50, 500]) {
    const tab = await browser.newPage();
    await tab.setViewport({width: 1000, height: 900});
    await tab.goto(`${base}/inline?n=${n}`);
    // Every comment is loaded (page after page), then the markers and highlights are in place.
    await tab.waitForFunction(() => document.querySelector('[data-confab="marker"]'));
    const firstMarkers = await tab.evaluate(() => performance.now() - window.t0);
    const redraw = await tab.evaluate(async () => {
      const el = document.querySelector('confab-comments');
      const times = [];
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        el.requestUpdate();
        await el.updateComplete;
        times.push(performance.now() - t);
      }
      return times.sort((a, b) => a - b)[2];
    });
    const placed = await tab.evaluate(() => ({
      markers: document.querySelectorAll('[data-confab="marker"]').length,
      highlights: CSS.highlights.get('confab-quote')?.size ?? 0,
    }));
    inline.push({n, firstMarkers, redraw, ...placed});
    await tab.close();
    console.error(`measured inline ${n}`);
  }
} finally {
  await browser.close();
  server.close();
}

console.log(`\nheadless Chromium, dist/confab.js with storage="memory", ${new Date().toISOString()}\n`);
const ms = (v) => `${v.toFixed(0)} ms`;
const task = (v) => (v ? ms(v) : 'none > 50');
const times = (a, b) => `${(a / b).toFixed(1)}x`;
console.log(
  'comments       first page (floor, x)   its longest task  elements/comment (floor)  clicks  slowest click  longest task of the clicks  whole thread (floor, x)  shown'
);
for (const {n, confab: c, floor: f} of rows) {
  // The whole thread: the first page, then every click.
  const [cw, fw] = [c.firstRender + c.clicking, f.firstRender + f.clicking];
  console.log(
    [
      String(n).padStart(8),
      `${ms(c.firstRender)} (${ms(f.firstRender)}, ${times(c.firstRender, f.firstRender)})`.padStart(24),
      task(c.firstLongest).padStart(18),
      `${c.firstElements.toFixed(1)} (${f.firstElements.toFixed(1)})`.padStart(25),
      String(c.clicks).padStart(7),
      ms(c.slowest).padStart(14),
      task(c.longest).padStart(27),
      `${ms(cw)} (${ms(fw)}, ${times(cw, fw)})`.padStart(24),
      String(c.shown).padStart(6),
    ].join(' ')
  );
}
console.log('\n(visible: replies past the first three of a comment stay collapsed behind "Show N more replies")');

console.log(
  '\ninline: an article of 120 paragraphs (7,000 words); every inline comment is fetched, on any page of the thread'
);
console.log('anchored  markers  highlights  first markers  re-anchor and redraw (median of 5)');
for (const r of inline) {
  console.log(
    [
      String(r.n).padStart(8),
      String(r.markers).padStart(8),
      String(r.highlights).padStart(11),
      `${r.firstMarkers.toFixed(0)} ms`.padStart(14),
      `${r.redraw.toFixed(1)} ms`.padStart(12),
    ].join(' ')
  );
}
