// Characters that show nothing (zero-width, joiners, fillers, soft hyphen, bidi marks): left out of a name's skeleton
// (invisible combining marks, such as variation selectors, go with the other marks).
const INVISIBLE = /[\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufeff\uffa0]/g;

// Letters of other scripts that look like Latin ones (Cyrillic, Greek, Armenian and the like), and digits and
// symbols read as letters: each to the Latin letter it passes for.
const LOOKALIKES: Record<string, string> = {
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  ѕ: 's',
  і: 'i',
  ї: 'i',
  ј: 'j',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  ӏ: 'l',
  һ: 'h',
  ү: 'y',
  ɡ: 'g',
  ɑ: 'a',
  ı: 'i',
  ȷ: 'j',
  α: 'a',
  β: 'b',
  ε: 'e',
  η: 'n',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  γ: 'y',
  ω: 'w',
  օ: 'o',
  ս: 'u',
  հ: 'h',
  ո: 'n',
  ց: 'g',
  ք: 'p',
  '0': 'o',
  '1': 'l',
  '3': 'e',
  '5': 's',
  '|': 'l',
  $: 's',
  '@': 'a',
};

/**
 * What a name looks like, for telling whether a reader's name passes for a reserved one: compatibility-decomposed
 * (full-width and styled letters become plain ones), without accents, invisible characters, spaces or punctuation,
 * lower-cased, with lookalike letters of other scripts as the Latin letters they pass for, and `i` read as `l` (the
 * two are one stroke in many fonts).
 */
export function nameSkeleton(name: string): string {
  let out = '';
  for (const ch of name.normalize('NFKD').replace(INVISIBLE, '').toLowerCase()) {
    if (/\p{M}/u.test(ch)) continue;
    const letter = LOOKALIKES[ch] ?? ch;
    if (/[\p{L}\p{N}]/u.test(letter)) out += letter === 'i' ? 'l' : letter;
  }
  return out;
}

/** Whether `name` passes for one of `reserved` (by skeleton); an empty skeleton reserves nothing. */
export function isReservedName(name: string, reserved: readonly string[]): boolean {
  const skeleton = nameSkeleton(name);
  return !!skeleton && reserved.some((r) => nameSkeleton(r) === skeleton);
}
