import {readFile} from 'node:fs/promises';
import {isoDate, SourceError, type SourceComment, type SourceFormat} from '../source.js';

interface CommentoExport {
  version?: number;
  comments?: {
    commentHex: string;
    domain?: string;
    path?: string;
    commenterHex?: string;
    markdown?: string;
    html?: string;
    parentHex?: string;
    score?: number;
    state?: string;
    creationDate?: string;
    deleted?: boolean;
  }[];
  commenters?: {commenterHex: string; name?: string; isModerator?: boolean}[];
}

/**
 * Commento's export (Dashboard > General > Export data: `commento-export.json.gz` or its JSON) and Comentario's,
 * which keeps that format: `comments` (markdown, state approved / unapproved / flagged, parentHex "root" for a
 * top-level comment, deleted) and `commenters`. A moderator's comment is marked as the post author's.
 */
export const commento: SourceFormat = {
  name: 'commento',
  async *read(file) {
    let data: CommentoExport;
    try {
      data = JSON.parse(await readText(file)) as CommentoExport;
    } catch (error) {
      throw new SourceError(`The file is not JSON: ${(error as Error).message}.`);
    }
    if (!Array.isArray(data?.comments) || !Array.isArray(data?.commenters))
      throw new SourceError('This JSON is not a Commento export: it needs "comments" and "commenters".');
    const people = new Map(data.commenters.map((c) => [c.commenterHex, c]));
    for (const [i, c] of data.comments.entries()) {
      if (!c.commentHex) throw new SourceError(`Comment ${i + 1} of the file has no commentHex.`);
      const createdAt = isoDate(c.creationDate);
      if (!createdAt) throw new SourceError(`Comment ${c.commentHex} has no valid creationDate.`);
      const person = people.get(c.commenterHex ?? '');
      yield {
        sourceId: c.commentHex,
        url: c.domain ? `https://${c.domain}${c.path ?? '/'}` : (c.path ?? '/'),
        parent: c.parentHex && c.parentHex !== 'root' ? c.parentHex : null,
        author: c.commenterHex === 'anonymous' ? '' : (person?.name ?? ''),
        text: c.markdown ?? c.html ?? '',
        textFormat: c.markdown !== undefined ? 'markdown' : 'html',
        createdAt,
        status: c.state === 'flagged' ? 'spam' : c.state === 'unapproved' ? 'pending' : 'published',
        deleted: !!c.deleted,
        isPostAuthor: !!person?.isModerator,
        reactions: c.score && c.score > 0 ? {up: c.score} : undefined,
      } satisfies SourceComment;
    }
  },
};

/** A file's text, gunzipped when it is gzip (as Commento and Remark42 export). */
export async function readText(file: string): Promise<string> {
  const bytes = await readFile(file);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return (await import('node:zlib')).gunzipSync(bytes).toString('utf8');
  return bytes.toString('utf8');
}
