/**
 * `confab-server/render`: the server-rendered thread for build pipelines (a static site generator's build step),
 * straight from the database, as `GET /api/comments.html` answers it.
 *
 * ```js
 * import {openRenderer} from 'confab-server/render';
 * const renderer = await openRenderer({database: 'confab.db', endpoint: 'https://comments.example/api'});
 * const html = await renderer.render('/2013/09/leadership-vs-management');
 * await renderer.close();
 * ```
 */
import {isValidPostId} from 'confab/core';
import {presenter} from './present.js';
import {siteRules} from './rules.js';
import {renderFragment} from './render/fragment.js';
import {bareId, scoped, siteKey} from './sites.js';
import {openStore} from './store/index.js';

export interface RendererOptions {
  /** The server's database: a SQLite file or a `postgres://` URL. */
  database: string;
  /** The API's public address, such as `https://comments.example/api`: the no-script form posts there. Without it, no form. */
  endpoint?: string;
  /** Minutes a comment may be edited after posting, as the server's `--edit-window` (default 15). */
  editWindowMinutes?: number;
  /** The server mails replies (`--smtp`): the widget's composer offers it from the first render. */
  mail?: boolean;
  /** Threads close this many days after their first comment, as the server's `--close-after` (default 0: never). */
  closeAfterDays?: number;
  /** A site of a server with several (`--site`), other than the first: its posts are rendered and listed. */
  site?: string;
}

export interface RenderPostOptions {
  /** The post's page, where the form's answer goes back to. Default: where the post was last read. */
  page?: string;
  /** Leave out the fragment's small default stylesheet. */
  bare?: boolean;
}

export interface Renderer {
  /** A post's thread as the HTML fragment to put inside `<confab-comments>`. */
  render(postId: string, options?: RenderPostOptions): Promise<string>;
  /** Every post with published comments. */
  posts(): Promise<string[]>;
  close(): Promise<void>;
}

export async function openRenderer(options: RendererOptions): Promise<Renderer> {
  const store = openStore(options.database);
  await store.migrate();
  const site = options.site ?? '';
  const source = {
    store,
    present: presenter(store),
    editWindowMs: (options.editWindowMinutes ?? 15) * 60_000,
    mailer: options.mail ? {offered: async () => true} : null,
    mailKey: await store.secret('mail-key'),
    rules: siteRules(store, {authorNames: [], closeAfterDays: options.closeAfterDays ?? 0}),
  };
  return {
    async render(postId, post = {}) {
      if (!isValidPostId(postId)) throw new Error(`[confab] ${JSON.stringify(postId)} is not a valid post id.`);
      return renderFragment(source, scoped(site, postId), {
        endpoint: options.endpoint,
        page: post.page,
        bare: post.bare,
      });
    },
    posts: async () => (await store.publishedPosts()).filter((id) => siteKey(id) === site).map(bareId),
    close: () => store.close(),
  };
}
