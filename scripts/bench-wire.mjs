#!/usr/bin/env node
/**
 * `npm run bench:wire` (after `npm run build` and `npm run build -w server`): the demo post served by the Confab
 * server, loaded in headless Chromium and scrolled to its comments, twice (a first visit, then a reload with the
 * browser's cache): what went over the wire for its scripts, its JSON and its HTML, against their size uncompressed.
 * A measurement, not a test.
 */
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {startCli} from '../server/bench/spawn.mjs';
import {launchChromium} from './chromium.mjs';

const dir = mkdtempSync(join(tmpdir(), 'confab-wire-'));
const {url, child: server} = await startCli([
  '--demo',
  '.',
  '--seed',
  'demo/leadership-comments.json',
  '--database',
  join(dir, 'wire.db'),
  '--quiet',
]);
const browser = await launchChromium();
const page = await browser.newPage();
const cdp = await page.createCDPSession();
await cdp.send('Network.enable');
let rows = new Map();
cdp.on('Network.responseReceived', ({requestId, response, type}) =>
  rows.set(requestId, {url: response.url, type, status: response.status, wire: 0, body: 0})
);
cdp.on('Network.dataReceived', ({requestId, dataLength}) => {
  const row = rows.get(requestId);
  if (row) row.body += dataLength;
});
cdp.on('Network.loadingFinished', ({requestId, encodedDataLength}) => {
  const row = rows.get(requestId);
  if (row) row.wire = encodedDataLength;
});
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`\nwire: the demo post from the Confab server, ${new Date().toISOString()}`);
for (const visit of ['first visit', 'reload (cached)']) {
  rows = new Map();
  await page.goto(`${url}/demo/`, {waitUntil: 'load'});
  await page.evaluate(() => document.querySelector('confab-comments').scrollIntoView());
  await page.waitForFunction(() =>
    document.querySelector('confab-comments')?.shadowRoot?.querySelector('confab-composer')
  );
  await new Promise((r) => setTimeout(r, 1000));
  const sum = (kind) => {
    const of = [...rows.values()].filter((r) => r.type === kind && !r.url.includes('/api/stream'));
    return {n: of.length, wire: of.reduce((s, r) => s + r.wire, 0), body: of.reduce((s, r) => s + r.body, 0)};
  };
  for (const [label, kind] of [
    ['scripts', 'Script'],
    ['HTML', 'Document'],
    ['JSON', 'Fetch'],
  ]) {
    const {n, wire, body} = sum(kind);
    console.log(
      `${visit.padEnd(16)} ${label.padEnd(8)} ${String(n).padStart(2)} files  ${kb(wire).padStart(9)} on the wire  ${kb(body).padStart(9)} uncompressed`
    );
  }
}
await browser.close();
server.kill('SIGTERM');
rmSync(dir, {recursive: true, force: true});
