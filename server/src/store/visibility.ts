import type {StoredComment} from './rows.js';

/**
 * Who may see a comment: the one rule behind every route that emits comments (list, thread, stream and its replay,
 * reactions, counts, feeds). A comment is shown to everyone when it is published, and to its own author (known by the
 * hashed reader id) while it is held; a deleted comment is shown, as a placeholder, only while it has published
 * replies; and a reply is shown only where its parent is (a held parent holds its replies back with it).
 *
 * The SQL form filters before the page limit (so held comments never eat a page), with the viewer bound at its `?`;
 * the function form decides for one comment already read (a live change). Both say the same; tests hold them to it.
 *
 * The status test is a CASE so that no index can serve it: every query that uses it is driven by its post, thread or
 * id. Written as `status = 'published' OR reader_hash = ?`, SQLite (without statistics) read it through the status and
 * reader indexes instead, that is every published comment of the whole site for each page of one post.
 */
export const VISIBLE_SQL = `CASE WHEN c.status = 'published' THEN 1 WHEN c.reader_hash = ? THEN 1 ELSE 0 END = 1
  AND (c.deleted_at IS NULL OR EXISTS (SELECT 1 FROM comments AS r WHERE r.parent_id = c.id AND r.status = 'published'))`;

/** The value bound for VISIBLE_SQL's `?`: the viewer's hashed reader id, or null (a reader the server cannot name). */
export type Viewer = string | null;

/** Whether one stored comment may be shown to a viewer, by itself (see `reachable` for its parents). */
export const visibleTo = (viewer: Viewer) => (c: StoredComment) =>
  (c.moderation === 'published' || (viewer !== null && c.readerHash === viewer)) && (!c.deleted || c.hasReplies);

/**
 * Of comments that are visible by themselves, those whose parents are shown too: a top-level comment always, a reply
 * only when its parent is among the shown ones. (A reply's thread is known by `rootId`: a reply whose parent was
 * never stored is its own thread and counts as top-level.)
 */
export function reachable<T extends StoredComment>(comments: readonly T[]): T[] {
  const byId = new Map(comments.map((c) => [c.id, c]));
  const shown = new Map<string, boolean>();
  // Iterative (reply chains are reader input, as deep as readers make them), and safe from loops in bad data.
  for (const start of comments) {
    const chain: T[] = [];
    let verdict: boolean | undefined;
    for (let c: T | undefined = start; c;) {
      verdict = shown.get(c.id);
      if (verdict !== undefined) break;
      if (c.rootId === c.id) {
        verdict = true;
        chain.push(c);
        break;
      }
      if (chain.length > comments.length) {
        verdict = false;
        break;
      }
      chain.push(c);
      c = c.parentId ? byId.get(c.parentId) : undefined;
    }
    for (const c of chain) shown.set(c.id, verdict ?? false);
  }
  return comments.filter((c) => shown.get(c.id));
}
