import {isoDate, SourceError, type SourceComment, type SourceFormat} from '../source.js';
import {readText} from './commento.js';

/** Artrans is all strings. */
type Artran = Partial<
  Record<
    | 'id'
    | 'rid'
    | 'content'
    | 'ip'
    | 'is_pending'
    | 'vote_up'
    | 'date'
    | 'created_at'
    | 'updated_at'
    | 'nick'
    | 'badge_name'
    | 'page_key'
    | 'page_title'
    | 'site_urls',
    string
  >
>;

/**
 * Artrans, Artalk's interchange format (Artalk's export, and what its `artransfer` tool makes of Waline, Valine and
 * Twikoo data): a JSON array of comments whose every value is a string: `id`, `rid` (parent), `content` (markdown),
 * `nick`, `date`, `is_pending`, `vote_up`, `page_key` (a URL, or a path of one of `site_urls`), `page_title`, and
 * `badge_name` (set on the site owner's comments).
 */
export const artrans: SourceFormat = {
  name: 'artrans',
  async *read(file) {
    let data: unknown;
    try {
      data = JSON.parse(await readText(file));
    } catch (error) {
      throw new SourceError(`The file is not JSON: ${(error as Error).message}.`);
    }
    if (!Array.isArray(data))
      throw new SourceError('This is not an Artrans file: it must be a JSON array of comments.');
    for (const [i, a] of (data as Artran[]).entries()) {
      if (!a?.id || !a.page_key) throw new SourceError(`Comment ${i + 1} of the file needs "id" and "page_key".`);
      const createdAt = isoDate(a.date) ?? isoDate(a.created_at);
      if (!createdAt) throw new SourceError(`Comment ${a.id} has no valid "date".`);
      const base = (a.site_urls ?? '').split(',')[0]?.trim();
      const url = /^https?:\/\//.test(a.page_key) ? a.page_key : base ? new URL(a.page_key, base).href : a.page_key;
      const text = a.content ?? '';
      const up = Number(a.vote_up) || 0;
      const updated = isoDate(a.updated_at);
      yield {
        sourceId: a.id,
        url,
        title: a.page_title,
        parent: a.rid && a.rid !== '0' ? a.rid : null,
        author: a.nick ?? '',
        text,
        // Artalk writes markdown; data carried over from other systems may be HTML.
        textFormat: /<(p|a|br|div|strong|em|blockquote|code|img)\b/i.test(text) ? 'html' : 'markdown',
        createdAt,
        editedAt: updated && updated > createdAt ? updated : undefined,
        status: a.is_pending === 'true' ? 'pending' : 'published',
        isPostAuthor: !!a.badge_name,
        ip: a.ip,
        reactions: up > 0 ? {up} : undefined,
      } satisfies SourceComment;
    }
  },
};
