/**
 * Types for Confab's tags in JSX (React 19) and in Vue templates: `import type {} from 'confab/jsx'` once in the
 * application (types only; nothing runs). Attributes are written as in HTML (`post-id`), as React 19 and Vue pass
 * them to custom elements.
 */

/** The attributes of `<confab-comments>` (see the element reference). */
export interface ConfabCommentsAttributes {
  'post-id'?: string;
  storage?: 'indexeddb' | 'memory' | 'rest';
  endpoint?: string;
  site?: string;
  import?: string;
  theme?: 'auto' | 'light' | 'dark';
  loading?: 'eager' | 'lazy' | 'manual';
  /** JSON of per-string overrides. */
  strings?: string;
  inline?: string;
  lang?: string;
}

/** The attributes of `<confab-count>`. */
export interface ConfabCountAttributes {
  'post-id'?: string;
  storage?: 'indexeddb' | 'memory' | 'rest';
  endpoint?: string;
  site?: string;
  strings?: string;
  lang?: string;
}

type ReactElementProps<A> = import('react').DetailedHTMLProps<
  import('react').HTMLAttributes<HTMLElement>,
  HTMLElement
> &
  A;

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'confab-comments': ReactElementProps<ConfabCommentsAttributes>;
      'confab-count': ReactElementProps<ConfabCountAttributes>;
    }
  }
}

declare module 'vue' {
  interface GlobalComponents {
    'confab-comments': import('vue').DefineComponent<ConfabCommentsAttributes>;
    'confab-count': import('vue').DefineComponent<ConfabCountAttributes>;
  }
}
