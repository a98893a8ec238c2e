// Type checks of `confab/jsx` (run by `npm run lint`, through test/types/tsconfig.json): what must compile does,
// and each `@ts-expect-error` line must be an error (else tsc fails: the types would let it through).
import type {GlobalComponents} from 'vue';
import type {} from '../../src/jsx.js';

export const ok = (
  <div>
    <confab-comments
      post-id="/a-post"
      storage="rest"
      endpoint="https://comments.example/api"
      site="blog"
      theme="dark"
    />
    <confab-count post-id="/a-post" storage="rest" endpoint="https://comments.example/api" className="count" />
  </div>
);
// @ts-expect-error: not a theme
export const badTheme = <confab-comments theme="sepia" />;
// @ts-expect-error: not a storage
export const badStorage = <confab-count storage="cloud" />;

type VueProps<T> = T extends abstract new (...args: never[]) => {$props: infer P} ? P : never;
export const vueOk: VueProps<GlobalComponents['confab-comments']> = {'post-id': '/a-post', loading: 'lazy'};
// @ts-expect-error: not a loading mode
export const vueBad: VueProps<GlobalComponents['confab-comments']> = {loading: 'soon'};
