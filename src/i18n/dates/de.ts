// Written by scripts/dates.mjs from CLDR 48.0 (Node's Intl): do not edit.
import type {DateTable} from '../time.js';

export const dates: DateTable = {
  tags: ['de', 'de-DE'],
  pattern: '{d}. {MMMM} {y} um {hh}:{mm}',
  months: [
    'Januar',
    'Februar',
    'März',
    'April',
    'Mai',
    'Juni',
    'Juli',
    'August',
    'September',
    'Oktober',
    'November',
    'Dezember',
  ],
  hour12: false,
  dayPeriods: null,
  relative: {
    year: {
      past: {
        other: 'vor {n} Jahren',
        one: 'vor {n} Jahr',
      },
      words: {
        '-1': 'letztes Jahr',
      },
    },
    month: {
      past: {
        other: 'vor {n} Monaten',
        one: 'vor {n} Monat',
      },
      words: {
        '-1': 'letzten Monat',
      },
    },
    week: {
      past: {
        other: 'vor {n} Wochen',
        one: 'vor {n} Woche',
      },
      words: {
        '-1': 'letzte Woche',
      },
    },
    day: {
      past: {
        other: 'vor {n} Tagen',
        one: 'vor {n} Tag',
      },
      words: {
        '-2': 'vorgestern',
        '-1': 'gestern',
      },
    },
    hour: {
      past: {
        other: 'vor {n} Stunden',
        one: 'vor {n} Stunde',
      },
      words: {},
    },
    minute: {
      past: {
        other: 'vor {n} Minuten',
        one: 'vor {n} Minute',
      },
      words: {},
    },
    second: {
      words: {
        '0': 'jetzt',
      },
    },
  },
};
