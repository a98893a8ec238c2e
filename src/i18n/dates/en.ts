// Written by scripts/dates.mjs from CLDR 48.0 (Node's Intl): do not edit.
import type {DateTable} from '../time.js';

export const dates: DateTable = {
  tags: ['en', 'en-US'],
  pattern: '{MMMM} {d}, {y} at {h}:{mm} {a}',
  months: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
  hour12: true,
  dayPeriods: ['AM', 'PM'],
  relative: {
    year: {
      past: {
        other: '{n} years ago',
        one: '{n} year ago',
      },
      words: {
        '-1': 'last year',
      },
    },
    month: {
      past: {
        other: '{n} months ago',
        one: '{n} month ago',
      },
      words: {
        '-1': 'last month',
      },
    },
    week: {
      past: {
        other: '{n} weeks ago',
        one: '{n} week ago',
      },
      words: {
        '-1': 'last week',
      },
    },
    day: {
      past: {
        other: '{n} days ago',
        one: '{n} day ago',
      },
      words: {
        '-1': 'yesterday',
      },
    },
    hour: {
      past: {
        other: '{n} hours ago',
        one: '{n} hour ago',
      },
      words: {},
    },
    minute: {
      past: {
        other: '{n} minutes ago',
        one: '{n} minute ago',
      },
      words: {},
    },
    second: {
      words: {
        '0': 'now',
      },
    },
  },
};
