// Written by scripts/dates.mjs from CLDR 48.0 (Node's Intl): do not edit.
import type {DateTable} from '../time.js';

export const dates: DateTable = {
  tags: ['zh', 'zh-CN', 'zh-Hans', 'zh-Hans-CN'],
  pattern: '{y}年{M}月{d}日 {hh}:{mm}',
  months: null,
  hour12: false,
  dayPeriods: null,
  relative: {
    year: {
      past: {
        other: '{n}年前',
      },
      words: {
        '-1': '去年',
      },
    },
    month: {
      past: {
        other: '{n}个月前',
      },
      words: {
        '-1': '上个月',
      },
    },
    week: {
      past: {
        other: '{n}周前',
      },
      words: {
        '-1': '上周',
      },
    },
    day: {
      past: {
        other: '{n}天前',
      },
      words: {
        '-2': '前天',
        '-1': '昨天',
      },
    },
    hour: {
      past: {
        other: '{n}小时前',
      },
      words: {},
    },
    minute: {
      past: {
        other: '{n}分钟前',
      },
      words: {},
    },
    second: {
      words: {
        '0': '现在',
      },
    },
  },
};
