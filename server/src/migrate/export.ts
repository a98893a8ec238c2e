import {JSDOM} from 'jsdom';
import {escapeHtml, renderBody, sanitizerFor} from 'confab/sanitize';
import type {Store} from '../store/index.js';
import type {ExportedComment} from './formats/confab.js';
import {bareId, siteKey} from '../sites.js';

/**
 * Every comment as Confab JSON (`{"format": "confab", "version": 1, "comments": [...]}`, see `ConfabExport` in
 * server/openapi.yaml), written a comment at a time: status, thread, anchor, reactions and edits, in a fixed order,
 * so that exporting, importing into an empty database and exporting again gives the same file.
 */
export async function* exportConfab(
  store: Store,
  options: {postId?: string; sites?: readonly string[]} = {}
): AsyncGenerator<string> {
  yield '{"format":"confab","version":1,"comments":[';
  let first = true;
  for await (const c of store.exportAll(options)) {
    const out: ExportedComment = {
      id: c.id,
      postId: bareId(c.postId),
      // A whole server's export says which site each post is on; one site's export is that site's alone.
      ...(siteKey(c.postId) && !options.sites ? {site: siteKey(c.postId)} : {}),
      parentId: c.parentId,
      author: c.author,
      body: c.body,
      createdAt: c.createdAt,
      status: c.moderation,
    };
    if (c.editedAt) out.editedAt = c.editedAt;
    if (c.edits) out.edits = c.edits;
    if (c.isPostAuthor) out.isPostAuthor = true;
    if (c.awaitsParent) out.heldWithParent = true;
    if (c.deleted) out.deleted = true;
    if (c.anchor) out.anchor = c.anchor;
    if (Object.keys(c.reactionCounts).length) out.reactions = c.reactionCounts;
    yield `${first ? '' : ','}\n${JSON.stringify(out)}`;
    first = false;
  }
  yield '\n]}\n';
}

const cdata = (text: string) => `<![CDATA[${text.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
const wxrDate = (iso: string) => iso.slice(0, 19).replace('T', ' ');

/**
 * Every comment as a WordPress export (WXR 1.2), which WordPress's importer and the peers that read WXR take: one
 * `<item>` per post (titled with its post id, linked at `siteUrl`), its comments in `<wp:comment>`s with their
 * replies, status (1, 0 or spam; a deletion placeholder as trash) and HTML rendered from the markdown. Comment
 * ids are numbered in the file, as WXR wants.
 */
export async function* exportWxr(
  store: Store,
  options: {postId?: string; siteUrl?: string; sites?: readonly string[]} = {}
): AsyncGenerator<string> {
  const site = (options.siteUrl ?? 'https://example.invalid').replace(/\/+$/, '');
  const sanitizer = sanitizerFor(new JSDOM('').window as never);
  yield `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>${escapeHtml(site)}</title>
<link>${escapeHtml(site)}</link>
<wp:wxr_version>1.2</wp:wxr_version>
`;
  const numbers = new Map<string, number>();
  let post: string | null = null;
  let items = 0;
  for await (const c of store.exportAll(options)) {
    if (c.postId !== post) {
      if (post !== null) yield '</item>\n';
      post = c.postId;
      items++;
      yield `<item>
<title>${cdata(bareId(c.postId))}</title>
<link>${escapeHtml(site + (bareId(c.postId).startsWith('/') ? bareId(c.postId) : `/${bareId(c.postId)}`))}</link>
<wp:post_id>${items}</wp:post_id>
<wp:post_type>post</wp:post_type>
<wp:status>publish</wp:status>
<wp:comment_status>open</wp:comment_status>
`;
    }
    const n = numbers.size + 1;
    numbers.set(c.id, n);
    const html = c.deleted ? '' : (renderBody(c.body, sanitizer) ?? escapeHtml(c.body));
    const approved = c.deleted ? 'trash' : c.moderation === 'published' ? '1' : c.moderation === 'spam' ? 'spam' : '0';
    yield `<wp:comment>
<wp:comment_id>${n}</wp:comment_id>
<wp:comment_author>${cdata(c.author)}</wp:comment_author>
<wp:comment_date>${wxrDate(c.createdAt)}</wp:comment_date>
<wp:comment_date_gmt>${wxrDate(c.createdAt)}</wp:comment_date_gmt>
<wp:comment_content>${cdata(html)}</wp:comment_content>
<wp:comment_approved>${approved}</wp:comment_approved>
<wp:comment_type>comment</wp:comment_type>
<wp:comment_parent>${c.parentId ? (numbers.get(c.parentId) ?? 0) : 0}</wp:comment_parent>
</wp:comment>
`;
  }
  if (post !== null) yield '</item>\n';
  yield '</channel>\n</rss>\n';
}
