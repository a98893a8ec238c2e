/**
 * How SQLite runs the store's statements: each one a reader's request or a create makes is served by an index fitting
 * its post, thread, comment or client, never by reading a whole table, and never through the status index (which
 * holds every comment of the site). SQLite plans without statistics here, so a plan is the same on ten rows as on a
 * million: a statement that scans here scans a big site too, for every request. PostgreSQL plans from its own
 * statistics, except where it keeps a plan: the statements of a PL/pgSQL function (the create) are planned once for
 * any arguments, and that plan may have been made while the table was empty; those are checked below.
 */
import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import {newId} from 'confab/core';
import {openStore, type NewComment, type Store} from '../src/store/index.js';
import {freshPostgres, freshSqlite} from './support/harness.js';

/** Statements that do read widely, by design: a moderator's queues, and the site's feed, are newest first. */
const WIDE = [
  /FROM comments AS c LEFT JOIN \(SELECT comment_id, COUNT\(\*\)/,
  /WHERE c\.status = 'published' AND c\.deleted_at IS NULL\s+ORDER BY/,
];

describe('query plans on SQLite', () => {
  const prepared = new Set<string>();
  const prepare = Database.prototype.prepare;
  let store: Store;
  let file: string;

  before(async () => {
    file = await freshSqlite();
    store = openStore(file);
    await store.migrate();
    // From here on: the statements of requests, not of migrations.
    Database.prototype.prepare = function (this: Database.Database, sql: string) {
      prepared.add(sql);
      return prepare.call(this, sql);
    } as typeof prepare;
  });
  after(async () => {
    Database.prototype.prepare = prepare;
    await store.close();
  });

  it('serves every request of readers and writers by a fitting index', async () => {
    const postId = '/plans/post';
    let minute = 0;
    const draft = (over: Partial<NewComment> = {}): NewComment => ({
      id: newId(),
      postId,
      parentId: null,
      author: 'Ada',
      body: 'A comment long enough to be hashed.',
      createdAt: new Date(Date.UTC(2026, 0, 1, 0, ++minute)).toISOString(),
      ipHash: 'ip-a',
      tokenHash: 'tok',
      readerHash: 'reader-a',
      bodyHash: `hash-${minute}`,
      ...over,
    });
    const rate = {max: 5, perPost: 30, windowMs: 60_000};
    const first = await store.insert(draft({idempotencyKey: `key-${newId()}`}), rate);
    assert.ok(first.ok);
    const root = first.comment;
    const reply = await store.insert(draft({parentId: root.id, readerHash: 'reader-b', ipHash: 'ip-b'}), rate);
    assert.ok(reply.ok);
    await store.insert(draft({status: 'pending'}), rate);
    await store.insert(draft(), rate, async (db, stored) => {
      await store.mail.subscribe(db, {
        email: 'ada@example.com',
        readerHash: 'reader-a',
        ipHash: 'ip-a',
        commentId: stored.id,
        postId,
        thread: true,
        at: stored.createdAt,
      });
    });
    for (const viewer of [null, 'reader-a'])
      for (const sort of ['oldest', 'newest', 'top'] as const) {
        const page = await store.threads(postId, {limit: 2, sort, viewer});
        const last = page.roots.at(-1)!;
        await store.threads(postId, {limit: 2, sort, viewer, after: {createdAt: last.createdAt, id: last.id, up: 0}});
        await store.threads(postId, {limit: 2, sort, viewer, anchored: true});
      }
    await store.thread(reply.comment.id, 'reader-a');
    await store.changes(postId, 0, 10);
    await store.head(postId);
    await store.postingState(postId);
    await store.postState(postId);
    for (const readerHash of [null, 'reader-a'])
      await store.suspicion({ipHash: 'ip-a', readerHash, postId, bodyHash: 'h', author: 'Ada', since: root.createdAt});
    await store.react(
      root.id,
      {kind: 'up', readerHash: 'reader-b', ipHash: 'ip-b', on: true, at: root.createdAt},
      {
        perComment: 3,
      }
    );
    await store.reactions([root.id, reply.comment.id], 'reader-a');
    await store.counts([postId, '/plans/other']);
    await store.recent(postId, 10);
    await store.repliesTo('reader-a', 10);
    await store.update(root.id, 'An edited comment, long enough.', root.createdAt);
    await store.report(reply.comment.id, {readerHash: 'reader-a', ipHash: 'ip-a', at: root.createdAt}, 3);
    await store.remove(reply.comment.id, root.createdAt);
    await store.mail.forgetReader('reader-a');

    const db = new Database(file, {readonly: true});
    const scans: string[] = [];
    try {
      for (const sql of prepared) {
        if (!/^\s*(SELECT|WITH|INSERT|UPDATE|DELETE)\b/i.test(sql) || WIDE.some((p) => p.test(sql))) continue;
        const statement = prepare.call(db, `EXPLAIN QUERY PLAN ${sql}`);
        const values: string[] = Array.from({length: (sql.match(/\?/g) ?? []).length}, () => 'x');
        const plan = statement.all(values) as {detail: string}[];
        // `one` is a query's one-row FROM (see postingState), not a table.
        const bad = plan.map((p) => p.detail).filter((d) => /^SCAN (?!one$)\w+$|comments_by_status/.test(d));
        if (bad.length) scans.push(`${sql.replace(/\s+/g, ' ').slice(0, 200)}\n  ${bad.join('\n  ')}`);
      }
    } finally {
      db.close();
    }
    assert.ok(prepared.size > 40, `the workload ran the store's statements (${prepared.size})`);
    assert.deepEqual(scans, []);
  });
});

describe('query plans on PostgreSQL', () => {
  it("keeps plans for a create that read its parent and its post's limits by index, whatever the post holds", async () => {
    const url = await freshPostgres();
    const store = openStore(url);
    await store.migrate();
    await store.close();
    const client = new pg.Client({connectionString: url});
    await client.connect();
    try {
      // The plan a function keeps, made on the empty table (as on a new site), then used on a big post; each
      // statement's plan reported with what it read.
      await client.query("LOAD 'auto_explain'");
      for (const setting of [
        'plan_cache_mode = force_generic_plan',
        'auto_explain.log_min_duration = 0',
        'auto_explain.log_nested_statements = on',
        'auto_explain.log_analyze = on',
        'auto_explain.log_level = notice',
      ])
        await client.query(`SET ${setting}`);
      const plans: string[] = [];
      client.on('notice', (notice) => plans.push(notice.message ?? ''));
      const postId = '/plans/big';
      // confab_insert_comment's arguments: a published comment from one client, under both rate limits (`limits`).
      const args = (parentId: string | null, limits: number) => {
        const [at, since] = [new Date(), new Date(Date.now() - 60_000)].map((d) => d.toISOString());
        return [
          newId(),
          postId,
          parentId,
          'Ada',
          'text',
          at,
          false,
          'ip-a',
          'tok',
          'published',
          null,
          null,
          null,
          null,
          since,
          limits,
          limits,
          'confab_plans',
          '{}',
        ];
      };
      const create = async (parentId: string | null, limits = 0) => {
        const values = args(parentId, limits);
        const marks = values.map((_, i) => `$${i + 1}`).join(', ');
        return (await client.query<{id: string}>(`SELECT id FROM confab_insert_comment(${marks})`, values)).rows[0]!.id;
      };
      const root = await create(null);
      await create(root, 50);
      await client.query(
        `INSERT INTO comments (id, post_id, author, body, created_at, status, root_id, seq, was_public, token_hash)
         SELECT 'bulk-' || n, $1, 'Bob', 'text', now() - interval '1 day', 'published', 'bulk-' || n, 100 + n, TRUE, 'tok'
         FROM generate_series(1, 2000) AS n`,
        [postId]
      );
      plans.length = 0;
      await create(null);
      await create(root, 50);
      await create('bulk-5', 50);
      const batch = [null, root, 'bulk-7', 'no-such-parent'].map((parentId) => args(parentId, 50));
      const answers = await client.query<{o_refusal: string | null}>(
        'SELECT o_refusal FROM confab_insert_comments($1) ORDER BY o_ord',
        [JSON.stringify(batch)]
      );
      assert.deepEqual(
        answers.rows.map((row) => row.o_refusal),
        [null, null, null, 'confab:parent-not-found']
      );

      const nested = plans.filter((plan) => /on comments/.test(plan));
      assert.ok(nested.length >= 12, `the creates' statements were reported (${nested.length})`);
      const wide = nested.filter(
        (plan) =>
          /Seq Scan on comments/.test(plan) ||
          [...plan.matchAll(/Rows Removed by Filter: (\d+)/g)].some((m) => Number(m[1]) > 10)
      );
      assert.deepEqual(wide, []);
    } finally {
      await client.end();
    }
  });
});
