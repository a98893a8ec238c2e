import type * as Lit from 'lit';

/**
 * What on-demand parts of the script-tag build use in place of `lit`: the host bundle's own Lit, handed over by
 * `inject()` when the part is loaded, so the page holds one copy. A part built this way must not use Lit while it
 * is being evaluated, only in the functions it exports.
 */
export let html: typeof Lit.html;
export let svg: typeof Lit.svg;
export let nothing: typeof Lit.nothing;
export let render: typeof Lit.render;

export type InjectedLit = Pick<typeof Lit, 'html' | 'svg' | 'nothing' | 'render'>;

export function inject(lit: InjectedLit): void {
  ({html, svg, nothing, render} = lit);
}
