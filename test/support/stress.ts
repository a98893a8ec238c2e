/**
 * Bodies made to break a renderer: 5,000 of each markdown metacharacter (and of runs of them), and seeded mixtures.
 * Every one is a legal comment (1 to 5,000 characters). Shared by the tests (each renders) and the benchmark
 * (scripts/bench-hostile.mjs, the time each takes).
 */
export const METACHARACTERS = [
  '>',
  '*',
  '_',
  '`',
  '[',
  ']',
  '(',
  ')',
  '#',
  '-',
  '+',
  '!',
  '\\',
  '~',
  '|',
  '<',
  '&',
  '1.',
  '> ',
  '**',
  '__',
  '*a',
  '_a',
  '[a](',
  '](',
  '``',
  '```\n',
  '> > ',
  '- ',
  '\n>',
];

const fill = (unit: string) => unit.repeat(Math.ceil(5000 / unit.length)).slice(0, 5000);

/** One body per metacharacter, then `mixtures` seeded random mixtures of them, each 5,000 characters. */
export function stressBodies(mixtures = 20): {name: string; body: string}[] {
  const out = METACHARACTERS.map((m) => ({name: `5,000 × ${JSON.stringify(m)}`, body: fill(m)}));
  out.push({name: 'nested emphasis', body: ('**__'.repeat(625) + 'a' + '__**'.repeat(625)).slice(0, 5000)});
  out.push({name: 'links in links', body: fill('[x](https://a.example/[y](')});
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let k = 0; k < mixtures; k++) {
    let body = '';
    while (body.length < 5000) body += METACHARACTERS[Math.floor(next() * METACHARACTERS.length)];
    out.push({name: `mixture ${k + 1}`, body: body.slice(0, 5000)});
  }
  // A body may not be only white space: the few that are get a letter.
  return out.map((b) => (b.body.trim() ? b : {...b, body: `x${b.body.slice(1)}`}));
}
