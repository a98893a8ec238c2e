/** Types of `confab-server/render` (src/render-api.ts): the server-rendered thread for build pipelines. */

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

export function openRenderer(options: RendererOptions): Promise<Renderer>;
