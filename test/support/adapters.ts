import {MemoryAdapter} from '../../src/adapters/memory.js';
import type {Comment} from '../../src/core/types.js';

export const at = (minute: number) => new Date(Date.UTC(2024, 0, 1, 0, minute)).toISOString();
export const comment = (
  id: string,
  minute: number,
  parentId: string | null = null,
  extra: Partial<Comment> = {}
): Comment => ({
  id,
  postId: '/t',
  parentId,
  author: `Author ${id}`,
  body: `Body ${id}`,
  createdAt: at(minute),
  ...extra,
});

/** A memory adapter that counts what the element asks of it: lists, and live subscriptions still open. */
export class CountingAdapter extends MemoryAdapter {
  lists: string[] = [];
  open = 0;
  subscribed = 0;

  override list(...args: Parameters<MemoryAdapter['list']>) {
    this.lists.push(args[0]);
    return super.list(...args);
  }

  override subscribe(...args: Parameters<MemoryAdapter['subscribe']>) {
    const stop = super.subscribe(...args);
    this.open++;
    this.subscribed++;
    let stopped = false;
    return () => {
      if (!stopped) this.open--;
      stopped = true;
      stop();
    };
  }
}

/** The element that has focus, looking through shadow roots. */
export function focused(): Element | null {
  let el = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
}

/** A short name for the focused element: its first part, else its tag and name. */
export function focusName(): string {
  const el = focused();
  return (
    el?.getAttribute('part')?.split(' ')[0] ??
    `${el?.localName}${el?.getAttribute('name') ? `[${el.getAttribute('name')}]` : ''}`
  );
}
