// Written by scripts/dates.mjs: do not edit.
/** The language tags with a date table (lower case). */
export const DATE_TAGS = [
  'en',
  'en-us',
  'es',
  'es-es',
  'fr',
  'fr-fr',
  'de',
  'de-de',
  'pt',
  'pt-br',
  'ja',
  'ja-jp',
  'zh',
  'zh-cn',
  'zh-hans',
  'zh-hans-cn',
];
