import {readFile} from 'node:fs/promises';
import Database from 'better-sqlite3';
import {isoDate, SourceError, type SourceComment, type SourceFormat} from '../source.js';

interface IssoComment {
  tid?: number;
  id: number;
  parent: number | null;
  created: number;
  modified?: number | null;
  mode: number;
  remote_addr?: string | null;
  text: string;
  author?: string | null;
  likes?: number;
}
interface IssoThread {
  id?: number;
  uri: string;
  title?: string | null;
  comments?: IssoComment[];
}

/**
 * Isso: its SQLite database itself (the `comments.db` its config names), or the same tables as JSON
 * (`{"threads": [...], "comments": [...]}`, or threads with their `comments`). Text is markdown already. Modes: 1
 * accepted, 2 waiting for moderation, 4 deleted (kept by Isso for its replies).
 */
export const isso: SourceFormat = {
  name: 'isso',
  async *read(file) {
    const head = (await readFile(file)).subarray(0, 16).toString('latin1');
    const {threads, comments} = head.startsWith('SQLite format 3')
      ? fromDatabase(file)
      : fromJson(await readFile(file, 'utf8'));
    const byId = new Map(threads.map((t) => [t.id, t]));
    for (const c of comments) {
      const thread = byId.get(c.tid);
      if (!thread) throw new SourceError(`Isso comment ${c.id} names thread ${c.tid}, which the file does not have.`);
      const createdAt = isoDate(c.created);
      if (!createdAt) throw new SourceError(`Isso comment ${c.id} has no valid "created" time.`);
      yield {
        sourceId: String(c.id),
        url: thread.uri,
        title: thread.title ?? undefined,
        parent: c.parent ? String(c.parent) : null,
        author: c.author ?? '',
        text: c.text ?? '',
        textFormat: 'markdown',
        createdAt,
        editedAt: isoDate(c.modified) ?? undefined,
        status: c.mode === 2 ? 'pending' : 'published',
        deleted: c.mode === 4,
        ip: c.remote_addr ?? undefined,
        reactions: c.likes ? {up: c.likes} : undefined,
      } satisfies SourceComment;
    }
  },
};

function fromDatabase(file: string): {threads: IssoThread[]; comments: (IssoComment & {tid: number})[]} {
  const db = new Database(file, {readonly: true, fileMustExist: true});
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
    if (!tables.includes('threads') || !tables.includes('comments'))
      throw new SourceError('This SQLite database has no Isso tables (threads, comments).');
    return {
      threads: db.prepare('SELECT id, uri, title FROM threads').all() as IssoThread[],
      comments: db
        .prepare(
          'SELECT tid, id, parent, created, modified, mode, remote_addr, text, author, likes FROM comments ORDER BY id'
        )
        .all() as (IssoComment & {tid: number})[],
    };
  } finally {
    db.close();
  }
}

function fromJson(text: string): {threads: IssoThread[]; comments: (IssoComment & {tid: number})[]} {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new SourceError(`The file is neither an Isso database nor JSON: ${(error as Error).message}.`);
  }
  const d = data as {threads?: IssoThread[]; comments?: (IssoComment & {tid: number})[]} | IssoThread[];
  if (Array.isArray(d)) {
    const threads = d.map((t, i) => ({...t, id: t.id ?? i + 1}));
    return {
      threads,
      comments: threads.flatMap((t) => (t.comments ?? []).map((c) => ({...c, tid: t.id}))).sort((a, b) => a.id - b.id),
    };
  }
  if (!Array.isArray(d?.threads) || !Array.isArray(d?.comments))
    throw new SourceError('This JSON is not an Isso export: it needs "threads" and "comments".');
  return {threads: d.threads, comments: d.comments};
}
