import type {StorageAdapter} from '../adapters/adapter.js';
import {ConfabError, kindOf} from '../core/errors.js';
import type {Comment} from '../core/types.js';

type Suite = (name: string, fn: () => void) => void;
type Test = (name: string, fn: () => Promise<void>) => void;

export interface AdapterContractOptions {
  /** Creates the adapter under test; called for every test. */
  create: () => StorageAdapter | Promise<StorageAdapter>;
  /** The test framework's `describe` and `it` (mocha, jest, vitest, node:test). Default: the globals. */
  describe?: Suite;
  it?: Test;
}

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`[confab] adapter contract: ${message}`);
}

async function rejects(work: () => Promise<unknown>, code: string | string[], message: string): Promise<void> {
  const codes = ([] as string[]).concat(code);
  try {
    await work();
  } catch (error) {
    assert(error instanceof ConfabError, `${message}: expected a ConfabError, got ${String(error)}`);
    // A more specific code of the same kind (body-empty is invalid, edit-window-closed is forbidden) is as good.
    assert(
      codes.includes(error.code) || codes.includes(kindOf(error.code)),
      `${message}: expected code "${codes.join('" or "')}", got "${error.code}"`
    );
    return;
  }
  throw new Error(`[confab] adapter contract: ${message}: expected a rejection`);
}

let counter = 0;
const uniquePost = () =>
  `/contract/${Date.now().toString(36)}-${(counter++).toString(36)}-${Math.random().toString(36).slice(2)}`;

async function listAll(adapter: StorageAdapter, postId: string, sort?: 'oldest' | 'newest', limit?: number) {
  const out: Comment[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await adapter.list(postId, {cursor, sort, limit});
    out.push(...page.comments);
    cursor = page.next ?? undefined;
    assert(++pages < 1000, 'pagination never ends');
  } while (cursor);
  return out;
}

/**
 * The behaviour every `StorageAdapter` must have. Run it against your own adapter:
 *
 * ```ts
 * import {runAdapterContract} from 'confab/testing';
 * runAdapterContract('my adapter', {create: () => new MyAdapter()});
 * ```
 */
export function runAdapterContract(name: string, options: AdapterContractOptions): void {
  const g = globalThis as unknown as {describe?: Suite; it?: Test};
  const describe = options.describe ?? g.describe;
  const it = options.it ?? g.it;
  if (!describe || !it) throw new Error('[confab] runAdapterContract needs describe and it (pass them in options).');

  describe(`StorageAdapter contract: ${name}`, () => {
    it('lists no comments for a post that has none', async () => {
      const adapter = await options.create();
      const page = await adapter.list(uniquePost());
      assert(Array.isArray(page.comments) && page.comments.length === 0, 'expected an empty list');
      assert(page.next === null, 'expected next to be null');
    });

    it('creates a comment and returns it as stored', async () => {
      const adapter = await options.create();
      const postId = uniquePost();
      const before = Date.now();
      const c = await adapter.create(postId, {parentId: null, author: 'Ada', body: 'Hello\nworld'});
      assert(typeof c.id === 'string' && c.id.length > 0, 'id is a non-empty string');
      assert(c.postId === postId, 'postId is kept');
      assert(c.parentId === null, 'parentId is null for a top-level comment');
      assert(c.author === 'Ada', 'author is kept');
      assert(c.body === 'Hello\nworld', 'body is kept exactly, line breaks included');
      assert(Date.parse(c.createdAt) >= before - 60_000, 'createdAt is an ISO time of now');
    });

    it('lists what it created, and nothing of other posts', async () => {
      const adapter = await options.create();
      const postId = uniquePost();
      const other = uniquePost();
      const a = await adapter.create(postId, {parentId: null, author: 'A', body: 'first'});
      await adapter.create(other, {parentId: null, author: 'B', body: 'elsewhere'});
      const listed = await listAll(adapter, postId);
      assert(listed.length === 1 && listed[0]!.id === a.id, "only the post's own comment is listed");
      assert(listed[0]!.body === 'first', 'the body reads back');
    });

    it('keeps replies linked to their parent', async () => {
      const adapter = await options.create();
      const postId = uniquePost();
      const parent = await adapter.create(postId, {parentId: null, author: 'A', body: 'question'});
      const reply = await adapter.create(postId, {parentId: parent.id, author: 'B', body: 'answer'});
      assert(reply.parentId === parent.id, 'create returns the parentId');
      const listed = await listAll(adapter, postId);
      assert(listed.find((c) => c.id === reply.id)?.parentId === parent.id, 'list returns the parentId');
    });

    it('names an empty author "Anonymous" and keeps hostile text as text', async () => {
      const adapter = await options.create();
      const postId = uniquePost();
      const body = '<img src=x onerror=alert(1)> {{constructor.constructor("x")()}}';
      const c = await adapter.create(postId, {parentId: null, author: '  ', body});
      assert(c.author === 'Anonymous', `expected Anonymous, got ${c.author}`);
      const [listed] = await listAll(adapter, postId);
      assert(listed?.body === body, 'the body is stored exactly as written, never rewritten');
    });

    it('refuses an empty or over-long body with code "invalid"', async () => {
      const adapter = await options.create();
      const postId = uniquePost();
      await rejects(() => adapter.create(postId, {parentId: null, author: 'A', body: '   '}), 'invalid', 'empty body');
      await rejects(
        () => adapter.create(postId, {parentId: null, author: 'A', body: 'x'.repeat(5001)}),
        'invalid',
        'body over 5,000 characters'
      );
      await rejects(
        () => adapter.create(postId, {parentId: null, author: 'n'.repeat(81), body: 'ok'}),
        'invalid',
        'name over 80 characters'
      );
      assert((await adapter.list(postId)).comments.length === 0, 'nothing was stored');
    });

    it('stores an inline comment\'s anchor with it, and refuses a malformed one with code "invalid"', async () => {
      const adapter = await options.create();
      const postId = uniquePost();
      const anchor = {
        quote: 'micromanage at the same time',
        prefix: "You can't lead and ",
        suffix: ', if you do,',
        position: 42,
      };
      const c = await adapter.create(postId, {parentId: null, author: 'A', body: 'inline', anchor});
      assert(
        JSON.stringify(c.anchor) === JSON.stringify(anchor),
        `anchor returned as stored, got ${JSON.stringify(c.anchor)}`
      );
      const [listed] = await listAll(adapter, postId);
      assert(JSON.stringify(listed?.anchor) === JSON.stringify(anchor), 'anchor listed');
      const bad = {...anchor, quote: 'q'.repeat(1001)};
      await rejects(
        () => adapter.create(postId, {parentId: null, author: 'A', body: 'too long a quote', anchor: bad}),
        'invalid',
        'quote over 1,000 characters'
      );
      await rejects(
        () =>
          adapter.create(postId, {
            parentId: null,
            author: 'A',
            body: 'control',
            anchor: {...anchor, quote: 'a\u0000b'},
          }),
        'invalid',
        'control character in a quote'
      );
      assert((await listAll(adapter, postId)).length === 1, 'nothing refused was stored');
    });

    it('lists the threads about a passage alone, all in one page (when it knows `anchored`)', async () => {
      const adapter = await options.create();
      const postId = uniquePost();
      const anchor = {quote: 'lead', prefix: '', suffix: '', position: 0};
      const ids: string[] = [];
      for (let i = 0; i < 6; i++) {
        const c = await adapter.create(postId, {
          parentId: null,
          author: 'A',
          body: `comment ${i}`,
          ...(i % 3 === 2 ? {anchor} : {}),
        });
        ids.push(c.id);
      }
      const reply = await adapter.create(postId, {parentId: ids[2]!, author: 'B', body: 'a reply to an inline one'});
      const page = await adapter.list(postId, {anchored: true, limit: 1});
      // An adapter that does not know the option answers a page as usual: one comment and a cursor.
      if (page.next !== null) return;
      const got = page.comments.map((c) => c.id).sort();
      const want = [ids[2]!, ids[5]!, reply.id].sort();
      assert(JSON.stringify(got) === JSON.stringify(want), `anchored threads, got ${JSON.stringify(got)}`);
    });

    it('keeps every comment of concurrent creates', async () => {
      const adapter = await options.create();
      const postId = uniquePost();
      const made = await Promise.all(
        Array.from({length: 20}, (_, i) => adapter.create(postId, {parentId: null, author: `R${i}`, body: `c${i}`}))
      );
      assert(new Set(made.map((c) => c.id)).size === 20, 'ids are unique');
      const listed = await listAll(adapter, postId);
      assert(listed.length === 20, `expected 20 comments, listed ${listed.length}`);
    });

    it('pages with a cursor, oldest and newest first, without gaps or repeats', async () => {
      const adapter = await options.create();
      const postId = uniquePost();
      const made: Comment[] = [];
      for (let i = 0; i < 7; i++) made.push(await adapter.create(postId, {parentId: null, author: 'A', body: `n${i}`}));
      const first = await adapter.list(postId, {limit: 3});
      assert(first.comments.length === 3 && first.next, 'a first page of 3 with a cursor');
      const oldest = await listAll(adapter, postId, 'oldest', 3);
      assert(oldest.map((c) => c.body).join() === made.map((c) => c.body).join(), 'oldest first, in order');
      const newest = await listAll(adapter, postId, 'newest', 2);
      assert(
        newest.map((c) => c.body).join() ===
          made
            .map((c) => c.body)
            .reverse()
            .join(),
        'newest first, in order'
      );
    });

    it('pages top-level comments, each with all its replies; thread() returns a whole thread', async () => {
      const adapter = await options.create();
      const postId = uniquePost();
      const first = await adapter.create(postId, {parentId: null, author: 'A', body: 'first'});
      const reply = await adapter.create(postId, {parentId: first.id, author: 'B', body: 'reply'});
      const deep = await adapter.create(postId, {parentId: reply.id, author: 'C', body: 'deeper'});
      const second = await adapter.create(postId, {parentId: null, author: 'D', body: 'second'});
      const page = await adapter.list(postId, {limit: 1});
      assert(
        page.comments.map((c) => c.id).join() === [first.id, reply.id, deep.id].join(),
        'page 1: one thread, whole'
      );
      assert(page.next !== null, 'a next page');
      const next = await adapter.list(postId, {limit: 1, cursor: page.next!});
      assert(next.comments.map((c) => c.id).join() === second.id && next.next === null, 'page 2: the other thread');
      if (adapter.thread) {
        const thread = await adapter.thread(postId, deep.id);
        assert(
          thread
            .map((c) => c.id)
            .sort()
            .join() === [first.id, reply.id, deep.id].sort().join(),
          'the thread of a reply'
        );
        assert((await adapter.thread(postId, 'no-such-comment')).length === 0, 'no thread for an unknown comment');
      }
    });

    it('counts the visible comments of many posts at once (when it can count)', async () => {
      const adapter = await options.create();
      if (!adapter.count) return;
      const a = uniquePost();
      const b = uniquePost();
      await adapter.create(a, {parentId: null, author: 'A', body: 'one'});
      const two = await adapter.create(a, {parentId: null, author: 'A', body: 'two'});
      const counts = await adapter.count([a, b]);
      assert(counts[a] === 2 && counts[b] === 0, `expected 2 and 0, got ${JSON.stringify(counts)}`);
      if (adapter.remove) {
        await adapter.remove(a, two.id);
        assert((await adapter.count([a]))[a] === 1, 'a deleted comment is not counted');
      }
    });

    it('refuses a forged cursor with code "invalid"', async () => {
      const adapter = await options.create();
      const postId = uniquePost();
      await adapter.create(postId, {parentId: null, author: 'A', body: 'x'});
      await rejects(() => adapter.list(postId, {cursor: 'not-a-cursor!'}), 'invalid', 'forged cursor');
    });

    it('imports existing comments once, keeping their ids (when it can import)', async () => {
      const adapter = await options.create();
      if (!adapter.import) return;
      const postId = uniquePost();
      const old: Comment = {
        id: 'imported-1',
        postId,
        parentId: null,
        author: 'Old',
        body: 'from before',
        createdAt: '2013-09-26T10:00:00.000Z',
      };
      assert((await adapter.import(postId, [old])) === 1, 'the first import adds one');
      assert((await adapter.import(postId, [old])) === 0, 'the second import adds none');
      const listed = await listAll(adapter, postId);
      assert(listed.length === 1 && listed[0]!.id === 'imported-1', 'listed once with its own id');
    });

    it('lets the browser that wrote a comment edit it (when it can update)', async () => {
      const adapter = await options.create();
      if (!adapter.update) return;
      const postId = uniquePost();
      const c = await adapter.create(postId, {parentId: null, author: 'A', body: 'tpyo'});
      assert((await adapter.owned?.())?.includes(c.id) ?? true, 'owned() lists the new comment');
      const edited = await adapter.update(postId, c.id, {body: 'typo'});
      assert(edited.body === 'typo' && typeof edited.editedAt === 'string', 'the edit is returned with editedAt');
      const [listed] = await listAll(adapter, postId);
      assert(listed?.body === 'typo' && listed.editedAt === edited.editedAt, 'the edit is stored');
      await rejects(() => adapter.update!(postId, c.id, {body: ' '}), 'invalid', 'an empty edit');
      // An adapter that holds no token for it may refuse before asking: "forbidden" is right too.
      await rejects(
        () => adapter.update!(postId, 'no-such-comment', {body: 'x'}),
        ['not-found', 'forbidden'],
        'an unknown comment'
      );
    });

    it('deletes: a comment with replies stays as a placeholder, one without disappears (when it can remove)', async () => {
      const adapter = await options.create();
      if (!adapter.remove) return;
      const postId = uniquePost();
      const parent = await adapter.create(postId, {parentId: null, author: 'A', body: 'parent'});
      await adapter.create(postId, {parentId: parent.id, author: 'B', body: 'reply'});
      const lone = await adapter.create(postId, {parentId: null, author: 'A', body: 'alone'});
      await adapter.remove(postId, parent.id);
      await adapter.remove(postId, lone.id);
      const listed = await listAll(adapter, postId);
      assert(!listed.some((c) => c.id === lone.id), 'a deleted comment without replies is gone');
      const kept = listed.find((c) => c.id === parent.id);
      assert(
        kept?.deleted === true && kept.body === '' && kept.author === '',
        'a deleted parent is an empty placeholder'
      );
      assert(
        listed.some((c) => c.body === 'reply' && c.parentId === parent.id),
        'its reply stays'
      );
      assert(!(await adapter.owned?.())?.includes(parent.id), 'a deleted comment is no longer owned');
    });

    it("gives back this browser's own comments, on every post, and nobody else's (when it has mine)", async () => {
      const adapter = await options.create();
      if (!adapter.mine) return;
      const [a, b] = [uniquePost(), uniquePost()];
      const first = await adapter.create(a, {parentId: null, author: 'A', body: 'mine on a'});
      const second = await adapter.create(b, {parentId: null, author: 'A', body: 'mine on b'});
      const ids = (await adapter.mine()).map((c) => c.id);
      assert(ids.includes(first.id) && ids.includes(second.id), "both of this browser's comments");
      if (adapter.remove) {
        await adapter.remove(a, first.id);
        assert(!(await adapter.mine()).some((c) => c.id === first.id), 'a deleted comment is no longer among them');
      }
    });

    it("counts each reader's reaction once, toggled, and sorts by upvotes (when it can react)", async () => {
      const adapter = await options.create();
      if (!adapter.react) return;
      const postId = uniquePost();
      const a = await adapter.create(postId, {parentId: null, author: 'A', body: 'first'});
      const b = await adapter.create(postId, {parentId: null, author: 'B', body: 'second'});
      let c = await adapter.react(postId, b.id, 'up', true);
      c = await adapter.react(postId, b.id, 'up', true);
      assert(c.reactions?.up === 1 && c.mine?.includes('up'), 'giving an upvote twice counts once');
      c = await adapter.react(postId, b.id, 'heart', true);
      assert(c.reactions?.heart === 1 && c.reactions.up === 1, 'kinds are counted apart');
      const top = (await adapter.list(postId, {sort: 'top'})).comments.map((x) => x.id);
      assert(top[0] === b.id && top[1] === a.id, 'top puts the upvoted comment first');
      const [listed] = (await adapter.list(postId, {sort: 'top'})).comments;
      assert(
        listed?.reactions?.up === 1 && !!listed.mine?.includes('heart'),
        "lists carry counts and the reader's own"
      );
      c = await adapter.react(postId, b.id, 'up', false);
      assert(!c.reactions?.up && !c.mine?.includes('up'), 'taking an upvote back');
      await rejects(() => adapter.react!(postId, 'no-such-comment', 'up', true), 'not-found', 'reacting to nothing');
    });

    it('tells subscribers about new comments (when it can subscribe)', async () => {
      const adapter = await options.create();
      if (!adapter.subscribe) return;
      const postId = uniquePost();
      const seen = new Set<string>();
      const waiting = new Map<string, () => void>();
      // `since: null`: the subscriber has no comments yet, so nothing added from now on may be missed.
      const stop = adapter.subscribe(
        postId,
        (c) => {
          seen.add(c.id);
          waiting.get(c.id)?.();
        },
        {since: null}
      );
      try {
        const c = await adapter.create(postId, {parentId: null, author: 'A', body: 'live'});
        if (!seen.has(c.id)) await new Promise<void>((resolve) => waiting.set(c.id, resolve));
        assert(seen.has(c.id), 'the subscriber saw the new comment');
      } finally {
        stop();
      }
    });
  });
}
