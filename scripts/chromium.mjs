import puppeteer from 'puppeteer-core';

/**
 * Debian's Chromium, headless, for the benchmarks and the demo's tests: with the flags that keep it quiet on a closed
 * network (no background requests, updates or sync). `CHROME_PATH` names another binary.
 */
export function launchChromium() {
  return puppeteer.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
