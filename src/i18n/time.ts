const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

// Making an Intl formatter costs far more than using one: one of each per language.
const relative = new Map<string | undefined, Intl.RelativeTimeFormat>();
const absolute = new Map<string | undefined, Intl.DateTimeFormat>();

/** "3 minutes ago", "yesterday", "just now"-style text for a past or future date. */
export function relativeTime(iso: string, now: number, locale?: string): string {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  let rtf = relative.get(locale);
  if (!rtf) relative.set(locale, (rtf = new Intl.RelativeTimeFormat(locale, {numeric: 'auto'})));
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return rtf.format(Math.trunc(seconds / size), unit);
  }
  return rtf.format(0, 'second');
}

/** The full date and time, for the tooltip. */
export function absoluteTime(iso: string, locale?: string): string {
  let format = absolute.get(locale);
  if (!format)
    absolute.set(locale, (format = new Intl.DateTimeFormat(locale, {dateStyle: 'long', timeStyle: 'short'})));
  return format.format(new Date(iso));
}

/**
 * Makes a language's formatters ahead of the first render. A page's first Intl formatter loads the browser's locale
 * data (25-70 ms here); called in a task of its own while comments load, that is not part of the task that shows them.
 */
export function prepareTimes(locale?: string): void {
  relativeTime(new Date(0).toISOString(), 0, locale);
  absoluteTime(new Date(0).toISOString(), locale);
}
