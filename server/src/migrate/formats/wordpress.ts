import {isoDate, SourceError, type SourceComment, type SourceFormat} from '../source.js';
import {records, textOf, type XmlElement} from '../xml.js';

/** The wp: namespace of every WXR version, over http or https. */
const WP = /^https?:\/\/wordpress\.org\/export\/(1\.[012])\/$/;

/**
 * A WordPress export (Tools > Export > All content): WXR 1.0, 1.1 or 1.2, an RSS file whose `<item>`s are posts and
 * pages with their `<wp:comment>`s (HTML content, author, GMT date, approved / 0 / spam / trash, parent, type:
 * comment, pingback or trackback). A comment by the post's own author (its user id is the author's) is marked so.
 */
export const wordpress: SourceFormat = {
  name: 'wordpress',
  async *read(file) {
    let version = '';
    const authors = new Map<string, string>();
    const source = records(
      file,
      (path) => path.length === 3 && path[1] === 'channel' && ['item', 'wxr_version', 'author'].includes(path[2]!),
      (tag) => {
        if (tag.local !== 'rss') {
          throw new SourceError(
            `This is not a WordPress export: its root element is <${tag.name}>, not <rss>.${tag.local === 'disqus' ? ' A Disqus export? Use --from disqus.' : ''}`
          );
        }
      }
    );
    for await (const el of source) {
      if (el.name === 'wxr_version') {
        version = el.text.trim();
        const ns = WP.exec(el.uri);
        if (!ns || !/^1\.[012]$/.test(version))
          throw new SourceError(`WXR version ${version || '(none)'} is not one this importer reads (1.0, 1.1, 1.2).`);
        continue;
      }
      if (!WP.test(el.uri) && el.name !== 'item') continue;
      if (el.name === 'author') {
        authors.set(textOf(el, 'author_login'), textOf(el, 'author_id'));
        continue;
      }
      if (!version) throw new SourceError('This RSS file has no <wp:wxr_version>: it is not a WordPress export (WXR).');
      yield* comments(el, authors);
    }
    if (!version) throw new SourceError('This RSS file has no <wp:wxr_version>: it is not a WordPress export (WXR).');
  },
};

function* comments(item: XmlElement, authors: Map<string, string>): Generator<SourceComment> {
  const url = textOf(item, 'link') || textOf(item, 'guid');
  const title = textOf(item, 'title');
  const authorId = authors.get(textOf(item, 'creator'));
  for (const c of item.children.filter((x) => x.name === 'comment' && WP.test(x.uri))) {
    const id = textOf(c, 'comment_id');
    if (!id) throw new SourceError(`A comment on "${title || url}" has no <wp:comment_id>.`);
    const createdAt = isoDate(textOf(c, 'comment_date_gmt')) ?? isoDate(textOf(c, 'comment_date'));
    if (!createdAt) throw new SourceError(`Comment ${id} on "${title || url}" has no valid date.`);
    const approved = textOf(c, 'comment_approved');
    const type = textOf(c, 'comment_type');
    const parent = textOf(c, 'comment_parent');
    const user = textOf(c, 'comment_user_id');
    yield {
      sourceId: id,
      url,
      title,
      parent: parent && parent !== '0' ? parent : null,
      author: textOf(c, 'comment_author'),
      text: textOf(c, 'comment_content'),
      textFormat: 'html',
      createdAt,
      status: approved === '1' || /trash/.test(approved) ? 'published' : approved === 'spam' ? 'spam' : 'pending',
      deleted: /trash/.test(approved),
      isPostAuthor: !!authorId && user === authorId && user !== '0',
      kind: type === 'pingback' || type === 'trackback' ? type : 'comment',
      ip: textOf(c, 'comment_author_IP') || undefined,
    };
  }
}
