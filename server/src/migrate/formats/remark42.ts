import {createReadStream} from 'node:fs';
import {open} from 'node:fs/promises';
import {createInterface} from 'node:readline';
import {createGunzip} from 'node:zlib';
import {isoDate, SourceError, type SourceComment, type SourceFormat} from '../source.js';

interface Remark42Comment {
  id?: string;
  pid?: string;
  text?: string;
  orig?: string;
  user?: {name?: string; ip?: string; admin?: boolean};
  locator?: {url?: string};
  time?: string;
  delete?: boolean;
  title?: string;
  edit?: {time?: string};
  score?: number;
}

/**
 * Remark42's backup (`remark42 backup`, or Admin > Export; gzip or not): JSON lines, a first line of metadata
 * (`{"version": 1, "users": [...], "posts": [...]}`), then one comment per line (`orig` is the markdown as written,
 * `text` the HTML; `pid` the parent; `delete` a deleted one; `user.admin` the site's own). Read line by line.
 */
export const remark42: SourceFormat = {
  name: 'remark42',
  async *read(file) {
    const handle = await open(file);
    const magic = Buffer.alloc(2);
    await handle.read(magic, 0, 2, 0);
    await handle.close();
    const raw = createReadStream(file);
    const lines = createInterface({
      input: magic[0] === 0x1f && magic[1] === 0x8b ? raw.pipe(createGunzip()) : raw,
      crlfDelay: Infinity,
    });
    let n = 0;
    for await (const line of lines) {
      n++;
      if (!line.trim()) continue;
      let record: unknown;
      try {
        record = JSON.parse(line);
      } catch (error) {
        throw new SourceError(`Line ${n} of the backup is not JSON (${(error as Error).message}).`);
      }
      if (n === 1) {
        if (typeof (record as {version?: unknown}).version !== 'number')
          throw new SourceError('This is not a Remark42 backup: its first line has no "version".');
        continue;
      }
      const c = record as Remark42Comment;
      if (!c.id || !c.locator?.url)
        throw new SourceError(`Line ${n} of the backup is not a comment (it needs "id" and "locator.url").`);
      const createdAt = isoDate(c.time);
      if (!createdAt) throw new SourceError(`Comment ${c.id} (line ${n}) has no valid "time".`);
      yield {
        sourceId: c.id,
        url: c.locator.url,
        title: c.title,
        parent: c.pid || null,
        author: c.user?.name ?? '',
        text: c.orig ?? c.text ?? '',
        textFormat: c.orig !== undefined ? 'markdown' : 'html',
        createdAt,
        editedAt: isoDate(c.edit?.time) ?? undefined,
        status: 'published',
        deleted: !!c.delete,
        isPostAuthor: !!c.user?.admin,
        ip: c.user?.ip,
        reactions: c.score && c.score > 0 ? {up: c.score} : undefined,
      } satisfies SourceComment;
    }
  },
};
