/**
 * Writes `src/i18n/dates/<code>.ts`: how each language with a table and Latin digits writes a comment's relative time
 * ("3 days ago", "yesterday") and its full date and time, read from this Node's Intl (its CLDR data). With these, the
 * widget shows dates without making an Intl formatter, whose first use on a page costs 30-110 ms of main thread (the
 * browser loads its locale data). Every table is checked here against Intl over many dates before it is written, and
 * again in the browser by test/i18n/time.test.ts. Run after a Node upgrade: `node scripts/dates.mjs`.
 */
import {writeFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';
import * as prettier from 'prettier';

// Dates here are read in UTC, as the widget reads them in the reader's time zone.
process.env.TZ = 'UTC';

// Each language and the tags that write dates exactly as it does (checked below: a tag that differs is left out).
const LANGUAGES = {
  en: ['en', 'en-US'],
  es: ['es', 'es-ES'],
  fr: ['fr', 'fr-FR'],
  de: ['de', 'de-DE'],
  pt: ['pt', 'pt-BR'],
  ja: ['ja', 'ja-JP'],
  zh: ['zh', 'zh-CN', 'zh-Hans', 'zh-Hans-CN'],
};
const UNITS = ['year', 'month', 'week', 'day', 'hour', 'minute', 'second'];
const DATE_OPTIONS = {dateStyle: 'long', timeStyle: 'short'};

/** The pattern of a date: its literal text, with `{y}`, `{M}`/`{MM}`/`{MMMM}`, `{d}`/`{dd}`, `{h}`/`{hh}`, `{mm}`, `{a}`. */
function datePattern(tag) {
  const format = new Intl.DateTimeFormat(tag, DATE_OPTIONS);
  const {hourCycle} = format.resolvedOptions();
  if (hourCycle !== 'h12' && hourCycle !== 'h23') throw new Error(`${tag}: hour cycle ${hourCycle}`);
  // 9:07 on the 5th of March: every field that could be padded is a single digit.
  const sample = format.formatToParts(Date.UTC(2013, 2, 5, 9, 7));
  // Node's formatToParts keeps CLDR's narrow no-break space before "AM" where its format, and browsers, write a space.
  const spaces = !format.format(Date.UTC(2013, 2, 5, 9, 7)).includes('\u202f');
  let months = null;
  const fields = {
    literal: (value) => {
      if (/[{}]/.test(value)) throw new Error(`${tag}: a brace in "${value}"`);
      return spaces ? value.replaceAll('\u202f', ' ') : value;
    },
    year: () => '{y}',
    month: (value) => {
      if (!/^\d+$/.test(value)) {
        months = Array.from(
          {length: 12},
          (_, m) => format.formatToParts(Date.UTC(2013, m, 5)).find((part) => part.type === 'month').value
        );
        return '{MMMM}';
      }
      return value.length === 2 ? '{MM}' : '{M}';
    },
    day: (value) => (value.length === 2 ? '{dd}' : '{d}'),
    hour: (value) => (value.length === 2 ? '{hh}' : '{h}'),
    minute: () => '{mm}',
    dayPeriod: () => '{a}',
  };
  const pattern = sample
    .map(({type, value}) => {
      if (!fields[type]) throw new Error(`${tag}: a date part of type ${type}`);
      return fields[type](value);
    })
    .join('');
  const period = (hour) => format.formatToParts(Date.UTC(2013, 2, 5, hour)).find((p) => p.type === 'dayPeriod')?.value;
  return {
    pattern,
    months,
    hour12: hourCycle === 'h12',
    dayPeriods: hourCycle === 'h12' ? [period(9), period(21)] : null,
  };
}

/** "{n} days ago" by plural form, and the offsets said in words ("yesterday", "now"); comments are never ahead. */
function relativePatterns(tag) {
  const always = new Intl.RelativeTimeFormat(tag, {numeric: 'always'});
  const auto = new Intl.RelativeTimeFormat(tag, {numeric: 'auto'});
  const plurals = new Intl.PluralRules(tag);
  const samples = new Map();
  for (let n = 0; n < 1000; n++) {
    const form = plurals.select(n);
    if (!samples.has(form)) samples.set(form, n);
  }
  const pattern = (n, unit) =>
    always
      .formatToParts(n, unit)
      .map((part) => (part.type === 'integer' ? '{n}' : part.value))
      .join('');
  const out = {};
  for (const unit of UNITS) {
    const past = {};
    for (const [form, n] of samples) past[form] = pattern(-n, unit);
    const words = {};
    // The widget asks for 0 only of seconds ("now"), and for seconds only 0.
    for (let n = -2; n <= 0; n++) {
      if ((n === 0) !== (unit === 'second')) continue;
      const parts = auto.formatToParts(n, unit);
      if (!parts.some((part) => part.type === 'integer')) words[n] = parts.map((part) => part.value).join('');
    }
    out[unit] = unit === 'second' ? {words} : {past, words};
  }
  return out;
}

// The widget's own reading of a table (src/i18n/time.ts, bundled), to check a table against Intl before writing it.
const {outputFiles} = await build({
  entryPoints: [fileURLToPath(new URL('../src/i18n/time.ts', import.meta.url))],
  bundle: true,
  format: 'esm',
  write: false,
});
const {absoluteTime, inUnits} = await import('data:text/javascript,' + encodeURIComponent(outputFiles[0].text));

function check(tag, table) {
  const dates = new Intl.DateTimeFormat(tag, DATE_OPTIONS);
  for (let i = 0; i < 2000; i++) {
    const date = new Date(Date.UTC(1990 + (i % 40), i % 12, 1 + (i % 31), i % 24, (i * 7) % 60));
    const ours = absoluteTime(date.toISOString(), tag, table);
    if (ours !== dates.format(date)) throw new Error(`${tag}: "${ours}" for "${dates.format(date)}"`);
  }
  const relative = new Intl.RelativeTimeFormat(tag, {numeric: 'auto'});
  for (const unit of UNITS)
    for (let n = -400; n <= 0; n++) {
      if ((n === 0) !== (unit === 'second')) continue;
      const ours = inUnits(n, unit, tag, table);
      if (ours !== relative.format(n, unit)) throw new Error(`${tag}: "${ours}" for "${relative.format(n, unit)}"`);
    }
}

const written = [];
for (const [code, candidates] of Object.entries(LANGUAGES)) {
  const table = {...datePattern(code), relative: relativePatterns(code)};
  const text = JSON.stringify(table);
  const tags = candidates.filter((tag) => {
    const same = JSON.stringify({...datePattern(tag), relative: relativePatterns(tag)}) === text;
    if (same) check(tag, table);
    return same;
  });
  const source = `// Written by scripts/dates.mjs from CLDR ${process.versions.cldr} (Node's Intl): do not edit.
import type {DateTable} from '../time.js';

export const dates: DateTable = ${JSON.stringify({tags, ...table}, null, 2)};
`;
  const file = fileURLToPath(new URL(`../src/i18n/dates/${code}.ts`, import.meta.url));
  writeFileSync(file, await prettier.format(source, {...(await prettier.resolveConfig(file)), filepath: file}));
  console.log(`${code}: ${tags.join(', ')}`);
  written.push(...tags);
}
// The tags with a table, known to the main module before a table loads (those without one make Intl formatters early).
const file = fileURLToPath(new URL('../src/i18n/dates/tags.ts', import.meta.url));
const source = `// Written by scripts/dates.mjs: do not edit.\n/** The language tags with a date table (lower case). */\nexport const DATE_TAGS = ${JSON.stringify(written.map((tag) => tag.toLowerCase()))};\n`;
writeFileSync(file, await prettier.format(source, {...(await prettier.resolveConfig(file)), filepath: file}));
