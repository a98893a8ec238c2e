import {escapeHtml} from 'confab/sanitize';

/** HTML that is already safe: produced by `html` or by the sanitizer, never by pasting strings together. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Part = SafeHtml | string | number | null | undefined | false | readonly Part[];

const part = (p: Part): string =>
  p === null || p === undefined || p === false
    ? ''
    : p instanceof SafeHtml
      ? p.value
      : Array.isArray(p)
        ? p.map(part).join('')
        : escapeHtml(String(p));

/** A template of HTML whose interpolated values are escaped, unless they are `SafeHtml` already. */
export function html(strings: TemplateStringsArray, ...values: Part[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((value, i) => (out += part(value) + strings[i + 1]!));
  return new SafeHtml(out);
}
