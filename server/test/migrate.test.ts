/**
 * Moving to Confab and away again: every importer on files as their systems write them (and synthetic edge cases),
 * asserting the exact threads, statuses and counts, on SQLite and PostgreSQL; refusals of bad files; re-runs that add
 * nothing; remapping and moving threads; export and the round trip.
 */
import assert from 'node:assert/strict';
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {gzipSync} from 'node:zlib';
import {spawnSync} from 'node:child_process';
import {after, before, describe, it} from 'node:test';
import {exportConfab, exportWxr} from '../src/migrate/export.js';
import {importFile, type ImportSummary} from '../src/migrate/import.js';
import {readMap} from '../src/migrate/post-ids.js';
import {openStore, type Store} from '../src/store/index.js';
import {BACKENDS} from './support/harness.js';
import {issoDatabase, largeDisqus} from './support/migrate.js';

const fixture = (name: string) => new URL(`./fixtures/migrate/${name}`, import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'confab-migrate-'));
const SALT = 'test-salt';

/** What a post holds after an import, compactly: `author:status:depth:body` lines in thread order. */
async function shape(store: Store, postId: string): Promise<string[]> {
  const rows: string[] = [];
  const all: {
    id: string;
    parentId: string | null;
    deleted?: boolean;
    author: string;
    moderation: string;
    body: string;
  }[] = [];
  for await (const c of store.exportAll({postId})) all.push(c);
  const depth = (id: string | null): number => {
    let d = 0;
    for (let p = all.find((c) => c.id === id); p?.parentId; p = all.find((c) => c.id === p!.parentId)) d++;
    return d;
  };
  for (const c of all)
    rows.push(
      `${c.deleted ? '(deleted)' : c.author}:${c.deleted ? 'placeholder' : c.moderation}:${depth(c.id)}:${c.body.replace(/\n/g, '\\n')}`
    );
  return rows;
}

const collect = async (chunks: AsyncIterable<string>) => {
  let out = '';
  for await (const chunk of chunks) out += chunk;
  return out;
};

for (const backend of BACKENDS) {
  describe(`moving to Confab on ${backend.name}`, () => {
    let store: Store;
    const fresh = async () => {
      const s = openStore(await backend.database());
      await s.migrate();
      return s;
    };
    before(async () => {
      store = await fresh();
    });
    after(() => store.close());
    const run = (format: string, file: string, extra: {dryRun?: boolean; into?: Store} = {}) =>
      importFile(extra.into ?? store, {format, file, dryRun: extra.dryRun, salt: SALT});

    it('imports a Disqus export: threads merged by URL, replies, spam, pending, placeholders, foreign and missing parents, HTML as markdown', async () => {
      const summary = await run('disqus', fixture('disqus.xml'));
      assert.equal(summary.read, 13);
      assert.equal(summary.imported, 11);
      assert.deepEqual(summary.skipped, {'deleted without replies': 1, 'duplicate id in the file': 1});
      assert.deepEqual(
        summary.threads.map((t) => t.postId),
        ['/2013/09/leadership-vs-management', '/?p=42', '/?p=43'],
        'the index.html variant is the same thread; ?p= keeps two posts apart'
      );
      assert.deepEqual(await shape(store, '/2013/09/leadership-vs-management'), [
        'Ann:published:0:Great article! I **fully** agree with [this piece](https://example.org/lead).\\n\\nSecond paragraph & more.\\nWith a line break.',
        'Blog Owner:published:1:Thanks Ann! *Indeed*.\\n\\n> fully agree\\n\\nCode: `lead()`',
        'Watches:spam:0:Buy cheap watches at [spam.example](http://spam.example)',
        'Bob:pending:1:Replying to the spammer, oops.',
        '(deleted):placeholder:0:',
        'Dan:published:1:But your reply was useful to me.',
        'حنان 🌙:published:0:素晴らしい記事です 👍 — مقال رائع tags & broken **markup**',
        'Frank:published:0:My parent is not in this file.',
        'Gina:pending:0:Waiting for approval.',
      ]);
      const thread = summary.threads[0]!;
      assert.equal(thread.spam, 1);
      assert.equal(thread.pending, 2);
      assert.equal(thread.placeholders, 1);
      assert.equal(thread.reattached, 1);
      assert.deepEqual(
        await shape(store, '/?p=43'),
        ['Hal:published:0:And to the second.'],
        'a parent in another thread: top-level'
      );
      // The post author's reply is marked; no email is stored, and the address only hashed.
      const owner = [];
      for await (const c of store.exportAll({postId: '/2013/09/leadership-vs-management'}))
        if (c.author === 'Blog Owner') owner.push(c);
      assert.equal(owner[0]!.isPostAuthor, true);
      const record = await store.get(owner[0]!.id);
      assert.match(record!.ipHash!, /^[0-9a-f]{32}$/);
      const everything = await collect(exportConfab(store));
      assert.ok(
        !everything.includes('owner@blog.example') && !everything.includes('198.51.100.7'),
        'no email, no address'
      );
    });

    it('adds nothing when the same export is imported again', async () => {
      const again = await run('disqus', fixture('disqus.xml'));
      assert.equal(again.imported, 0);
      assert.equal(again.skipped['already imported'], 11);
      assert.equal((await shape(store, '/2013/09/leadership-vs-management')).length, 9);
    });

    for (const [file, ns] of [
      ['wordpress.xml', 'WXR 1.2, https namespace'],
      ['wordpress-1.0.xml', 'WXR 1.0, http namespace'],
    ] as const) {
      it(`imports a WordPress export (${ns}): ?p= permalinks, pingbacks and trackbacks, spam, unapproved, trash, the author's own reply`, async () => {
        const into = await fresh();
        try {
          const summary = await run('wordpress', fixture(file), {into});
          assert.equal(summary.read, 8);
          assert.equal(summary.imported, 7);
          assert.deepEqual(summary.skipped, {'deleted without replies': 1});
          assert.deepEqual(await shape(into, '/?p=4'), [
            'Ann:published:0:Great post!\\n\\nI especially liked the part about *influence*.\\nThanks for writing it — really.',
            'Blog Owner:published:1:Thank you, Ann. See [my other post](https://blog.example/?p=5).',
            'Another Blog:published:0:\\[…\\] as this post about leadership says \\[…\\]',
            'Cheap Pills:spam:0:[buy now](http://spam.example)',
            'Waiting:pending:0:Not approved yet.',
          ]);
          assert.deepEqual(await shape(into, '/?page_id=7'), [
            'Anonymous:published:0:Nice about page. [a photo](https://blog.example/x.png)',
            'Track Back:published:0:**Track Back** mentioned this page',
          ]);
          let author = false;
          for await (const c of into.exportAll({postId: '/?p=4'}))
            if (c.author === 'Blog Owner') author = !!c.isPostAuthor;
          assert.equal(author, true);
        } finally {
          await into.close();
        }
      });
    }

    it('imports Isso, from its SQLite database and from JSON', async () => {
      const file = join(dir, `isso-${backend.name}.db`);
      issoDatabase(file);
      const into = await fresh();
      try {
        const summary = await run('isso', file, {into});
        assert.equal(summary.imported, 6);
        assert.deepEqual(await shape(into, '/2013/09/leadership-vs-management'), [
          'Ann:published:0:A *markdown* comment from Isso.',
          'Bob:published:1:A reply, edited.',
          'Anonymous:pending:0:Waiting in the moderation queue.',
          '(deleted):placeholder:0:',
          'Carol:published:1:Under a deleted comment.',
        ]);
        assert.deepEqual(await shape(into, '/about.html'), ['Dan:published:0:On the about page.']);
        let ann;
        for await (const c of into.exportAll({postId: '/2013/09/leadership-vs-management'}))
          if (c.author === 'Ann') ann = c;
        assert.deepEqual(ann!.reactionCounts, {up: 2});
        // The same data as JSON.
        const json = join(dir, `isso-${backend.name}.json`);
        writeFileSync(
          json,
          JSON.stringify({
            threads: [{id: 9, uri: '/json-post', title: 'JSON'}],
            comments: [{tid: 9, id: 1, parent: null, created: 1514764800, mode: 1, text: 'From JSON', author: 'Eve'}],
          })
        );
        assert.equal((await run('isso', json, {into})).imported, 1);
        assert.deepEqual(await shape(into, '/json-post'), ['Eve:published:0:From JSON']);
      } finally {
        await into.close();
      }
    });

    it('imports Commento (and Comentario) JSON: markdown, approved, unapproved, flagged, deleted, moderators', async () => {
      const into = await fresh();
      try {
        const summary = await run('commento', fixture('commento.json'), {into});
        assert.equal(summary.imported, 4);
        assert.deepEqual(summary.skipped, {'deleted without replies': 1});
        assert.deepEqual(await shape(into, '/2013/09/leadership-vs-management'), [
          'Ann:published:0:Really **good** read.\\n\\n> Influence and inspiration\\n\\nYes!',
          'Blog Owner:published:1:Thanks for reading!',
          'Anonymous:pending:0:Anonymous thought, waiting.',
          'Anonymous:spam:0:crypto giveaway http://spam.example',
        ]);
      } finally {
        await into.close();
      }
    });

    it('imports a Remark42 backup, plain or gzipped: markdown as written, edits, admins, deleted parents', async () => {
      const gz = join(dir, `remark42-${backend.name}.gz`);
      writeFileSync(gz, gzipSync(readFileSync(fixture('remark42.backup'))));
      for (const file of [fixture('remark42.backup'), gz]) {
        const into = await fresh();
        try {
          const summary = await run('remark42', file, {into});
          assert.equal(summary.imported, 5);
          assert.deepEqual(await shape(into, '/2013/09/leadership-vs-management'), [
            'Ann:published:0:First! *Great* post.',
            'Blog Owner:published:1:Welcome!',
            '(deleted):placeholder:2:',
            'Bob:published:3:Answering a deleted comment.',
          ]);
          assert.deepEqual(await shape(into, '/about'), ['Legacy:published:0:Old HTML only']);
        } finally {
          await into.close();
        }
      }
    });

    it('imports Artrans (Artalk, and Waline, Valine or Twikoo through it): strings everywhere, HTML carried over, loops broken', async () => {
      const into = await fresh();
      try {
        const summary = await run('artrans', fixture('artrans.json'), {into});
        assert.equal(summary.imported, 4);
        assert.deepEqual(await shape(into, '/2013/09/leadership-vs-management'), [
          '小明:published:0:很棒的文章！**Leadership** matters.',
          'Blog Owner:published:1:Thanks! (carried over from Valine as *HTML*)',
        ]);
        assert.deepEqual(await shape(into, '/?p=4'), [
          'Anonymous:pending:0:Pending from Twikoo',
          'Loop:published:0:I answer myself (a loop)',
        ]);
      } finally {
        await into.close();
      }
    });

    it('says what would happen with --dry-run, and writes nothing', async () => {
      const into = await fresh();
      try {
        const dry = await run('wordpress', fixture('wordpress.xml'), {into, dryRun: true});
        assert.equal(dry.dryRun, true);
        assert.equal(dry.imported, 7);
        assert.equal(dry.threads[0]!.spam, 1);
        assert.deepEqual(await shape(into, '/?p=4'), []);
      } finally {
        await into.close();
      }
    });

    it('refuses a file that is not well-formed, or not the format named, naming where, and imports nothing', async () => {
      const into = await fresh();
      try {
        const truncated = join(dir, 'truncated.xml');
        const full = readFileSync(fixture('disqus.xml'), 'utf8');
        writeFileSync(truncated, full.slice(0, full.indexOf('<post dsq:id="9006">') + 60));
        await assert.rejects(
          run('disqus', truncated, {into}),
          /not well-formed XML .*at line \d+, column \d+\. Nothing was imported\./
        );
        await assert.rejects(
          run('disqus', fixture('wordpress.xml'), {into}),
          /not a Disqus export: its root element is <rss>.*--from wordpress/
        );
        await assert.rejects(run('wordpress', fixture('disqus.xml'), {into}), /not a WordPress export/);
        const future = join(dir, 'wxr-9.xml');
        writeFileSync(
          future,
          readFileSync(fixture('wordpress.xml'), 'utf8').replace('<wp:wxr_version>1.2', '<wp:wxr_version>9.9')
        );
        await assert.rejects(run('wordpress', future, {into}), /WXR version 9\.9/);
        await assert.rejects(run('commento', fixture('artrans.json'), {into}), /not a Commento export/);
        await assert.rejects(run('remark42', fixture('commento.json'), {into}), /Line 1 of the backup is not JSON/);
        await assert.rejects(run('confab', fixture('artrans.json'), {into}), /not a Confab export/);
        assert.deepEqual(await shape(into, '/2013/09/leadership-vs-management'), [], 'nothing of any of them');
      } finally {
        await into.close();
      }
    });

    it('renames post ids with --map rules, and moves a thread after a URL change', async () => {
      const into = await fresh();
      try {
        const rules = join(dir, 'map.txt');
        writeFileSync(rules, '# new permalinks\n/?p=4 -> /2013/09/leadership-vs-management\n/?page_* -> /pages/*\n');
        const summary = await importFile(into, {
          format: 'wordpress',
          file: fixture('wordpress.xml'),
          map: await readMap(rules),
          salt: SALT,
        });
        assert.deepEqual(
          summary.threads.map((t) => [t.postId, t.remappedFrom]),
          [
            ['/2013/09/leadership-vs-management', '/?p=4'],
            ['/pages/id=7', '/?page_id=7'],
          ]
        );
        assert.equal((await shape(into, '/2013/09/leadership-vs-management')).length, 5);
        assert.equal(await into.move('/2013/09/leadership-vs-management', '/leadership'), 5);
        assert.equal((await shape(into, '/leadership')).length, 5);
        assert.deepEqual(await shape(into, '/2013/09/leadership-vs-management'), []);
        await assert.rejects(
          readMap((writeFileSync(rules, 'no arrow here\n'), rules)),
          /Line 1 of the map is not "old -> new"/
        );
      } finally {
        await into.close();
      }
    });

    it('exports everything as Confab JSON that imports into an empty database and exports again identically', async () => {
      const first = await collect(exportConfab(store));
      const parsed = JSON.parse(first);
      assert.equal(parsed.format, 'confab');
      assert.ok(parsed.comments.some((c: {status: string}) => c.status === 'spam'));
      assert.ok(parsed.comments.some((c: {deleted?: boolean}) => c.deleted));
      const file = join(dir, `export-${backend.name}.json`);
      writeFileSync(file, first);
      const empty = await fresh();
      try {
        const summary = await run('confab', file, {into: empty});
        assert.equal(summary.imported, parsed.comments.length);
        assert.equal(await collect(exportConfab(empty)), first);
      } finally {
        await empty.close();
      }
    });

    it('exports WXR that the WordPress importer reads back with the same threads', async () => {
      const wxr = await collect(exportWxr(store, {siteUrl: 'https://blog.example'}));
      const file = join(dir, `export-${backend.name}.xml`);
      writeFileSync(file, wxr);
      const into = await fresh();
      try {
        const summary: ImportSummary = await run('wordpress', file, {into});
        assert.deepEqual(
          summary.threads.map((t) => t.postId),
          ['/2013/09/leadership-vs-management', '/?p=42', '/?p=43']
        );
        const original = (await shape(store, '/2013/09/leadership-vs-management')).map((r) =>
          r.split(':').slice(0, 3).join(':')
        );
        const again = (await shape(into, '/2013/09/leadership-vs-management')).map((r) =>
          r.split(':').slice(0, 3).join(':')
        );
        assert.deepEqual(again, original);
      } finally {
        await into.close();
      }
    });

    it('imports a 5,000-comment Disqus export in one go', async () => {
      const file = join(dir, 'large.xml');
      largeDisqus(file, 5000);
      const into = await fresh();
      try {
        const summary = await run('disqus', file, {into});
        assert.equal(summary.read, 5000);
        assert.equal(summary.imported, 5000);
        assert.equal(summary.threads.length, 100);
        const counts = await into.counts(['/posts/0', '/posts/99']);
        assert.deepEqual({...counts}, {'/posts/0': 50, '/posts/99': 50});
      } finally {
        await into.close();
      }
    });
  });
}

describe('confab-server import, export and move', () => {
  const cli = (...args: string[]) =>
    spawnSync(
      process.execPath,
      ['--import', import.meta.resolve('tsx'), new URL('../src/cli.ts', import.meta.url).pathname, ...args],
      {encoding: 'utf8'}
    );
  const database = join(dir, 'cli.db');

  it('says per thread what an import would do, for people and as JSON, and then does it', () => {
    const dry = cli('import', '--from', 'wordpress', fixture('wordpress.xml'), '--database', database, '--dry-run');
    assert.equal(dry.status, 0, dry.stderr);
    assert.match(
      dry.stdout,
      /^Dry run \(nothing written\): wordpress export wordpress\.xml: 8 comments read, 7 would be imported\./
    );
    assert.match(
      dry.stdout,
      /\/\?p=4 "Leadership vs\. Management": 5 \(1 pending, 1 spam\); skipped: 1 deleted without replies/
    );
    const real = cli('import', '--from', 'wordpress', fixture('wordpress.xml'), '--database', database, '--json');
    assert.equal(real.status, 0, real.stderr);
    assert.equal(JSON.parse(real.stdout).imported, 7);
    const exported = cli('export', '--database', database, '--post', '/?p=4');
    assert.equal(JSON.parse(exported.stdout).comments.length, 5);
    const moved = cli('move', '--from', '/?p=4', '--to', '/leadership', '--database', database);
    assert.match(moved.stdout, /moved 5 comments from \/\?p=4 to \/leadership/);
  });

  it('refuses a bad file with a clear message and exit code 1', () => {
    const wrong = cli('import', '--from', 'disqus', fixture('wordpress.xml'), '--database', database);
    assert.equal(wrong.status, 1);
    assert.match(wrong.stderr, /not a Disqus export.*Nothing was imported\./);
    const unknown = cli('import', '--from', 'livefyre', fixture('wordpress.xml'), '--database', database);
    assert.equal(unknown.status, 1);
    assert.match(
      unknown.stderr,
      /No importer for "livefyre": choose disqus, wordpress, isso, commento, remark42, artrans, confab/
    );
  });
});
