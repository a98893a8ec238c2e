// Written by scripts/dates.mjs from CLDR 48.0 (Node's Intl): do not edit.
import type {DateTable} from '../time.js';

export const dates: DateTable = {
  tags: ['ja', 'ja-JP'],
  pattern: '{y}年{M}月{d}日 {h}:{mm}',
  months: null,
  hour12: false,
  dayPeriods: null,
  relative: {
    year: {
      past: {
        other: '{n} 年前',
      },
      words: {
        '-1': '昨年',
      },
    },
    month: {
      past: {
        other: '{n} か月前',
      },
      words: {
        '-1': '先月',
      },
    },
    week: {
      past: {
        other: '{n} 週間前',
      },
      words: {
        '-1': '先週',
      },
    },
    day: {
      past: {
        other: '{n} 日前',
      },
      words: {
        '-2': '一昨日',
        '-1': '昨日',
      },
    },
    hour: {
      past: {
        other: '{n} 時間前',
      },
      words: {},
    },
    minute: {
      past: {
        other: '{n} 分前',
      },
      words: {},
    },
    second: {
      words: {
        '0': '今',
      },
    },
  },
};
