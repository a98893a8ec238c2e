import {isoDate, SourceError, type SourceComment, type SourceFormat} from '../source.js';
import {child, records, textOf, type XmlElement} from '../xml.js';

/**
 * A Disqus XML export (Admin > Moderation > Export): `<thread>`s (pages: link, title, identifier) and `<post>`s
 * (comments: HTML message, author, date, thread, parent, and isDeleted/isSpam/isApproved). Threads come before the
 * posts that name them, so one pass keeps only the threads' links and streams the posts.
 */
export const disqus: SourceFormat = {
  name: 'disqus',
  async *read(file) {
    const threads = new Map<string, {url: string; title: string; author: string}>();
    const source = records(
      file,
      (path) => path.length === 2 && (path[1] === 'thread' || path[1] === 'post'),
      (tag) => {
        if (tag.local !== 'disqus') {
          throw new SourceError(
            `This is not a Disqus export: its root element is <${tag.name}>, not <disqus>.${tag.local === 'rss' ? ' A WordPress export? Use --from wordpress.' : ''}`
          );
        }
      }
    );
    for await (const el of source) {
      const id = el.attributes.id;
      if (el.name === 'thread') {
        if (id)
          threads.set(id, {
            url: textOf(el, 'link') || textOf(el, 'id'),
            title: textOf(el, 'title'),
            author: textOf(child(el, 'author'), 'username'),
          });
        continue;
      }
      const thread = threads.get(child(el, 'thread')?.attributes.id ?? '');
      if (!id || !thread)
        throw new SourceError(`Post ${id ? `dsq:id="${id}"` : 'without a dsq:id'} names no thread of the file.`);
      yield post(el, id, thread);
    }
  },
};

/** A post of the export; by the thread's own author (the same Disqus username), it is the post author's. */
function post(el: XmlElement, id: string, thread: {url: string; title: string; author: string}): SourceComment {
  const yes = (name: string) => textOf(el, name) === 'true';
  const author = child(el, 'author');
  const createdAt = isoDate(textOf(el, 'createdAt'));
  if (!createdAt) throw new SourceError(`Post dsq:id="${id}" has no valid createdAt.`);
  const approved = child(el, 'isApproved') ? yes('isApproved') : true;
  return {
    sourceId: id,
    url: thread.url,
    title: thread.title,
    parent: child(el, 'parent')?.attributes.id || null,
    author: textOf(author, 'name') || textOf(author, 'username'),
    text: child(el, 'message')?.text ?? '',
    textFormat: 'html',
    createdAt,
    status: yes('isSpam') ? 'spam' : approved ? 'published' : 'pending',
    deleted: yes('isDeleted'),
    isPostAuthor: !!thread.author && textOf(author, 'username') === thread.author,
    ip: textOf(el, 'ipAddress') || undefined,
  };
}
