import type {Comment} from 'confab/core';
import type {LiveEvent} from './hub.js';
import type {Change, Store} from './store/index.js';
import {toPublic, type StoredComment} from './store/rows.js';
import {reachable, visibleTo, type Viewer} from './store/visibility.js';

/**
 * Builds every response that carries comments, for the one who asks: lists, threads, a reaction's answer and live
 * events all come through here, so the visibility rule (`store/visibility.ts`) and the public shape (`toPublic`) are
 * applied in one place, and nothing server-side (reader hashes, statuses of others' comments) can leave.
 */
export function presenter(store: Store) {
  /** Public comments with their reaction counts and the viewer's own reactions. */
  async function publish(comments: StoredComment[], viewer: Viewer): Promise<Comment[]> {
    const summaries = await store.reactions(
      comments.map((c) => c.id),
      viewer
    );
    return comments.map((c) => toPublic(c, summaries.get(c.id)));
  }

  return {
    /** What a viewer may see of these comments. */
    comments(comments: StoredComment[], viewer: Viewer): Promise<Comment[]> {
      return publish(reachable(comments.filter(visibleTo(viewer))), viewer);
    },

    /**
     * Live events for every reader of a post (a stream knows no reader): a comment everyone may see is sent as it
     * now is; one that was shown and is now hidden (held after an edit, deleted, marked spam) is sent as a removal;
     * one that was never shown is not mentioned at all.
     */
    async live(changes: Change[]): Promise<LiveEvent[]> {
      const everyone = visibleTo(null);
      const shown = changes.filter((c) => everyone(c.comment));
      const published = new Map(
        (
          await publish(
            shown.map((c) => c.comment),
            null
          )
        ).map((c) => [c.id, c])
      );
      const events: LiveEvent[] = [];
      for (const {seq, comment} of changes) {
        const visible = published.get(comment.id);
        if (visible) events.push({seq, event: 'comment', data: JSON.stringify(visible)});
        else if (comment.wasPublic) events.push({seq, event: 'remove', data: JSON.stringify({id: comment.id})});
      }
      return events;
    },
  };
}

export type Presenter = ReturnType<typeof presenter>;
