import type {StoredComment} from './rows.js';

/**
 * A status column's "is published", in a form no index can serve (a CASE). Queries that ask it beside their post,
 * thread, comment or client are then driven by that: written `status = 'published'`, SQLite (which plans without
 * statistics) read them through the status index instead, every published comment of the whole site per request.
 * (`server/test/query-plans.test.ts` holds the store's statements to it.)
 */
export const publishedSql = (status: string) => `CASE WHEN ${status} = 'published' THEN 1 ELSE 0 END = 1`;

/**
 * Who may see a comment: the one rule behind every route that emits comments (list, thread, stream and its replay,
 * reactions, counts, feeds). A comment is shown to everyone when it is published, and to its own author (known by the
 * hashed reader id) while it is held; a deleted comment is shown, as a placeholder, only while it has published
 * replies; and a reply is shown only where its parent is (a held parent holds its replies back with it).
 *
 * The SQL form filters before the page limit (so held comments never eat a page), with the viewer bound at its `?`;
 * the function form decides for one comment already read (a live change). Both say the same; tests hold them to it.
 */
export const VISIBLE_SQL = `(${publishedSql('c.status')} OR c.reader_hash = ?)
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
