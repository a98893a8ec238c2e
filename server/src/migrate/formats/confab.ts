import {parseAnchor, REACTIONS, type Reaction} from 'confab/core';
import {readText} from './commento.js';
import {isoDate, SourceError, type SourceComment, type SourceFormat} from '../source.js';
import {SITE_ID} from '../../sites.js';

/** One comment of a Confab export (see `ExportedComment` in server/openapi.yaml). */
export interface ExportedComment {
  id: string;
  postId: string;
  /** The site (other than a server's default one) the post is on. */
  site?: string;
  parentId: string | null;
  author: string;
  body: string;
  createdAt: string;
  editedAt?: string;
  edits?: number;
  isPostAuthor?: boolean;
  status: 'published' | 'pending' | 'spam';
  heldWithParent?: boolean;
  deleted?: boolean;
  anchor?: unknown;
  reactions?: Partial<Record<Reaction, number>>;
}

/** Confab's own export (`confab-server export`, `GET /api/admin/export`): `{"format": "confab", "version": 1, "comments"}`. */
export const confab: SourceFormat = {
  name: 'confab',
  async *read(file) {
    let data: {format?: unknown; version?: unknown; comments?: unknown};
    try {
      data = JSON.parse(await readText(file));
    } catch (error) {
      throw new SourceError(`The file is not JSON: ${(error as Error).message}.`);
    }
    if (data?.format !== 'confab') throw new SourceError('This is not a Confab export: it has no "format": "confab".');
    if (data.version !== 1)
      throw new SourceError(`Confab export version ${String(data.version)} is not one this server reads (1).`);
    if (!Array.isArray(data.comments)) throw new SourceError('This Confab export has no "comments" array.');
    for (const [i, c] of (data.comments as ExportedComment[]).entries()) {
      const createdAt = isoDate(c?.createdAt);
      if (!c?.id || !c.postId || !createdAt)
        throw new SourceError(`Comment ${i + 1} of the export needs "id", "postId" and "createdAt".`);
      const reactions: Partial<Record<Reaction, number>> = {};
      for (const kind of REACTIONS)
        if (Number.isSafeInteger(c.reactions?.[kind]) && c.reactions![kind]! > 0) reactions[kind] = c.reactions![kind];
      yield {
        sourceId: c.id,
        url: c.postId,
        ...(typeof c.site === 'string' && SITE_ID.test(c.site) ? {site: c.site} : {}),
        parent: c.parentId ?? null,
        author: c.author ?? '',
        text: c.body ?? '',
        textFormat: 'markdown',
        createdAt,
        editedAt: isoDate(c.editedAt) ?? undefined,
        edits: Number.isSafeInteger(c.edits) ? c.edits : undefined,
        status: c.status === 'spam' || c.status === 'pending' ? c.status : 'published',
        deleted: c.deleted === true,
        heldWithParent: c.heldWithParent === true,
        isPostAuthor: c.isPostAuthor === true,
        anchor: parseAnchor(c.anchor),
        reactions: Object.keys(reactions).length ? reactions : undefined,
      } satisfies SourceComment;
    }
  },
};
