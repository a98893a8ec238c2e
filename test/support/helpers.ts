import 'axe-core/axe.min.js';
import type {ConfabComments} from '../../src/components/confab-comments/confab-comments.js';
import type {ConfabComposer} from '../../src/components/confab-composer/confab-composer.js';

/** Waits for a condition, a few milliseconds at a time (the test runner's timeout bounds it). */
export async function until(condition: () => unknown): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

export const $ = <T extends Element = HTMLElement>(root: Element, selector: string) =>
  root.shadowRoot!.querySelector<T>(selector);
export const $$ = <T extends Element = HTMLElement>(root: Element, selector: string) => [
  ...root.shadowRoot!.querySelectorAll<T>(selector),
];

/** The main composer, or the reply composer under a comment. */
export function composerOf(el: ConfabComments, replyTo?: string): ConfabComposer {
  const selector = replyTo ? '.reply-composer confab-composer' : 'confab-composer[parent-id=""]';
  return $<ConfabComposer>(el, selector)!;
}

export function field(composer: ConfabComposer, name: 'author' | 'body') {
  return composer.shadowRoot!.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[name="${name}"]`)!;
}

export async function type(composer: ConfabComposer, name: 'author' | 'body', value: string): Promise<void> {
  const input = field(composer, name);
  input.value = value;
  input.dispatchEvent(new Event('input', {bubbles: true, composed: true}));
  await composer.updateComplete;
}

export function submitButton(composer: ConfabComposer): HTMLButtonElement {
  return composer.shadowRoot!.querySelector('[part~="submit-button"]')!;
}

/** Clicks submit and waits until the composer has finished saving (stored or failed). */
export async function submit(composer: ConfabComposer): Promise<void> {
  submitButton(composer).click();
  await composer.updateComplete;
  await until(() => !submitButton(composer).disabled);
  await composer.updateComplete;
}

/** Clicks "Load more" until every page is shown. */
export async function loadAll(el: ConfabComments): Promise<void> {
  for (
    let button = $<HTMLButtonElement>(el, '[part~="load-more-button"]');
    button;
    button = $(el, '[part~="load-more-button"]')
  ) {
    const before = $$(el, '[part~="comment"]').length;
    button.click();
    await until(() => $$(el, '[part~="comment"]').length > before || !$(el, '[part~="load-more-button"]'));
    await el.updateComplete;
  }
}

export function uniquePostId(prefix = 'post'): string {
  return `/${prefix}/${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/** Comment articles in document order, as [author, body text, depth] rows. */
export function rows(el: ConfabComments): string[] {
  return $$(el, '[part~="comment"]').map((article) => {
    let depth = 0;
    for (let li = article.closest('li')?.parentElement?.closest('li'); li; li = li.parentElement?.closest('li'))
      depth++;
    const author = article.querySelector('[part~="author"]')!.textContent!.trim();
    const body = article.querySelector('[part~="body"]')!.textContent!.trim();
    return `${depth}:${author}:${body}`;
  });
}

// Every `expect(el).to.be.accessible()` also checks WCAG 2.2's target size, which axe leaves off by default.
(window as unknown as {axe: {configure(spec: object): void}}).axe.configure({
  rules: [{id: 'target-size', enabled: true}],
});
