import assert from 'node:assert/strict';
import {fileURLToPath} from 'node:url';
import {after, before, describe, it} from 'node:test';
import puppeteer, {type Browser} from 'puppeteer-core';
import type {RunningServer} from '../src/server.js';
import {freshSqlite, startTestServer} from './support/harness.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The demo blog post in a real headless Chromium, with and without JavaScript. */
describe('the demo page, with JavaScript off and on', () => {
  let server: RunningServer;
  let browser: Browser;
  before(async () => {
    server = await startTestServer(await freshSqlite(), {
      demo: ROOT,
      seed: `${ROOT}/demo/leadership-comments.json`,
      minSubmitSeconds: 0,
    });
    browser = await puppeteer.launch({
      executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('without JavaScript shows the four reader comments and a form that posts a comment, which then appears', async () => {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await page.setJavaScriptEnabled(false);
    await page.goto(`${server.url}/demo/`, {waitUntil: 'load'});
    const shown = await page.$$eval('confab-comments .confab-ssr article', (articles) =>
      articles.map((a) => ({id: a.id, text: (a as HTMLElement).innerText, visible: a.checkVisibility()}))
    );
    assert.deepEqual(
      shown.map((a) => a.id),
      ['comment-leadership-1', 'comment-leadership-2', 'comment-leadership-3', 'comment-leadership-4']
    );
    assert.ok(shown.every((a) => a.visible));
    assert.match(shown[0]!.text, /Love this one\. very helpful/);
    assert.equal(await page.$eval('confab-comments h2', (h) => (h as HTMLElement).innerText), '4 comments');

    await page.type('confab-comments form [name=author]', 'Reader without scripts');
    await page.type('confab-comments form [name=body]', 'Posted with **JavaScript off**.');
    await Promise.all([page.waitForNavigation({waitUntil: 'load'}), page.click('confab-comments form button')]);
    const url = new URL(page.url());
    assert.equal(url.pathname, '/demo/');
    assert.match(url.hash, /^#comment-/);
    const posted = await page.$eval(url.hash, (a) => ({
      text: (a as HTMLElement).innerText,
      visible: a.checkVisibility(),
    }));
    assert.ok(posted.visible);
    assert.match(posted.text, /Reader without scripts/);
    assert.match(posted.text, /Posted with JavaScript off\./);
    assert.equal(await page.$$eval('confab-comments .confab-ssr article', (a) => a.length), 5);
    await context.close();
  });

  it('with JavaScript takes the thread over: each comment once, no request for the first page, no layout shift', async () => {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await page.setViewport({width: 900, height: 800});
    const lists: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/comments') lists.push(request.url());
    });
    // Opened at the comments, so that the takeover happens in view (where a jump would be seen and counted).
    await page.evaluateOnNewDocument(() => {
      (window as unknown as {shifts: number}).shifts = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & {value: number})[])
          (window as unknown as {shifts: number}).shifts += entry.value;
      }).observe({type: 'layout-shift', buffered: true});
    });
    // The on-demand parts arrive late, as on a slow network or a busy machine: the takeover still waits for them.
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      if (/\/dist\/confab-(actions|inline)/.test(request.url())) setTimeout(() => void request.continue(), 400);
      else void request.continue();
    });
    await page.goto(`${server.url}/demo/#comment-leadership-3`, {waitUntil: 'load'});
    await page.waitForFunction(
      () => document.querySelector('confab-comments')?.shadowRoot?.querySelector('[part~="thread"]'),
      {timeout: 10_000}
    );
    const state = await page.evaluate(async () => {
      const el = document.querySelector('confab-comments') as HTMLElement & {loadComplete: Promise<void>};
      await el.loadComplete;
      const ids = Array.from(el.shadowRoot!.querySelectorAll('[part~="comment"]')).map((a) => a.id);
      const light = el.querySelector('.confab-ssr')!;
      return {
        ids,
        lightArticles: light.querySelectorAll('article').length,
        lightVisible: light.checkVisibility(),
        form: !!el.shadowRoot!.querySelector('confab-composer'),
      };
    });
    // Each comment once: the element's own thread shows; the light DOM copy stays in the document, not on screen.
    assert.equal(new Set(state.ids).size, state.ids.length);
    assert.ok(state.ids.includes('comment-leadership-1') && state.ids.includes('comment-leadership-4'));
    assert.equal(state.lightArticles, state.ids.length);
    assert.equal(state.lightVisible, false);
    assert.ok(state.form, 'the composer replaces the form');
    assert.deepEqual(lists, [], 'the first page came with the page');
    const shifts = await page.evaluate(() => (window as unknown as {shifts: number}).shifts);
    console.log(`# layout shift of the takeover: ${shifts.toFixed(4)}`);
    assert.ok(shifts < 0.1, `layout shift ${shifts} (0.1 is the "good" limit of Cumulative Layout Shift)`);
    await context.close();
  });

  it('opens every demo page with a working thread and no script error', async () => {
    for (const page of ['/demo/', '/demo/offline.html', '/demo/npm.html']) {
      const context = await browser.createBrowserContext();
      const tab = await context.newPage();
      const errors: string[] = [];
      tab.on('pageerror', (error) => errors.push(String(error)));
      tab.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      await tab.goto(`${server.url}${page}`, {waitUntil: 'load'});
      await tab.evaluate(() => document.querySelector('confab-comments')?.scrollIntoView());
      await tab.waitForFunction(
        () => document.querySelector('confab-comments')?.shadowRoot?.querySelector('confab-composer'),
        {timeout: 10_000}
      );
      // A comment posted there shows in the thread.
      await tab.evaluate(async () => {
        const el = document.querySelector('confab-comments') as HTMLElement & {loadComplete: Promise<void>};
        await el.loadComplete;
        const composer = el.shadowRoot!.querySelector('confab-composer')!;
        const body = composer.shadowRoot!.querySelector('textarea')!;
        body.value = 'Posted on this demo page';
        body.dispatchEvent(new Event('input', {bubbles: true, composed: true}));
        composer.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit-button"]')!.click();
      });
      await tab.waitForFunction(
        () =>
          Array.from(document.querySelector('confab-comments')!.shadowRoot!.querySelectorAll('[part~="body"]')).some(
            (b) => b.textContent!.includes('Posted on this demo page')
          ),
        {timeout: 10_000}
      );
      assert.deepEqual(errors, [], page);
      await context.close();
    }
  });
});
