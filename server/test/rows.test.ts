import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {toStored, type CommentRow} from '../src/store/rows.js';

const row = (anchor: string | null): CommentRow => ({
  id: 'c1',
  post_id: '/p',
  parent_id: null,
  author: 'A',
  body: 'text',
  created_at: '2026-01-01T00:00:00.000Z',
  edited_at: null,
  is_post_author: 0,
  deleted_at: null,
  anchor,
  up_count: 0,
  status: 'published',
  reader_hash: null,
  seq: 1,
  was_public: 1,
  awaits_parent: 0,
  has_replies: 0,
  root_id: 'c1',
  pinned_at: null,
});

describe('reading stored rows', () => {
  it('keeps a comment whose stored anchor is damaged, without the anchor', () => {
    for (const damaged of [
      '{not json',
      '"a string"',
      '{"quote": 5}',
      JSON.stringify({quote: 'q'.repeat(2000), prefix: '', suffix: '', position: 0}),
    ]) {
      const comment = toStored(row(damaged));
      assert.equal(comment.body, 'text', damaged);
      assert.equal(comment.anchor, undefined, damaged);
    }
  });

  it('reads a sound anchor', () => {
    const anchor = {quote: 'a passage', prefix: 'before ', suffix: ' after', position: 12};
    assert.deepEqual(toStored(row(JSON.stringify(anchor))).anchor, anchor);
  });
});
