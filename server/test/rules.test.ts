import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {createServer} from 'node:http';
import type {AddressInfo} from 'node:net';
import {after, before, describe, it} from 'node:test';
import type {RunningServer} from '../src/server.js';
import {ADMIN_SECRET, BACKENDS, call, openStream, startTestServer} from './support/harness.js';

const admin = {authorization: `Bearer ${ADMIN_SECRET}`};
const reader = (n: number) => ({'x-confab-reader': `rules-reader-${n}`.padEnd(43, 'x')});
const CLI = new URL('../bin/confab-server.js', import.meta.url).pathname;

for (const backend of BACKENDS) {
  describe(`who may say what where, on ${backend.name}`, () => {
    let server: RunningServer;
    let base: string;
    let database: string;
    before(async () => {
      database = await backend.database();
      server = await startTestServer(database, {authorNames: ['Jane Doe'], reportThreshold: 3});
      base = server.url;
    });
    after(() => server.close());

    let n = 0;
    const post = () => `/rules/${backend.name}/${++n}`;
    const create = (json: Record<string, unknown>, who = 1) =>
      call(base, 'POST', '/api/comments', {json, headers: reader(who)});
    const list = async (postId: string, query = '') =>
      (await call(base, 'GET', `/api/comments?post=${encodeURIComponent(postId)}${query}`)).body;
    const act = (id: string, action: string, headers = admin) =>
      call(base, 'POST', `/api/admin/comments/${id}`, {json: {action}, headers});

    it('lets a moderator reply as the Author from /admin, and no other path set the badge', async () => {
      const postId = post();
      const question = (await create({postId, author: 'Reader', body: 'A question for the author'})).body.comment;
      const reply = await call(base, 'POST', '/api/admin/comments', {
        json: {postId, parentId: question.id, body: 'The answer, from the author.'},
        headers: admin,
      });
      assert.equal(reply.status, 201);
      assert.equal(reply.body.comment.isPostAuthor, true);
      assert.equal(reply.body.comment.author, 'Jane Doe', 'the admin secret writes as the first --author-name');
      const shown = (await list(postId)).comments.find((c: {id: string}) => c.id === reply.body.comment.id);
      assert.equal(shown.isPostAuthor, true);
      // A hostile client cannot set it: the public schema has no such field.
      const forged = await create({postId, body: 'I am the author', isPostAuthor: true});
      assert.equal(forged.status, 400);
      const pinnedByReader = await create({postId, body: 'Pin me', pinned: true});
      assert.equal(pinnedByReader.status, 400);
      // A moderator edits or deletes their own reply at any time.
      const edited = await call(base, 'PATCH', `/api/admin/comments/${reply.body.comment.id}`, {
        json: {body: 'The answer, corrected.'},
        headers: admin,
      });
      assert.equal(edited.status, 200);
      assert.ok(
        (await list(postId)).comments.some(
          (c: {body: string; isPostAuthor?: boolean}) => c.body === 'The answer, corrected.' && c.isPostAuthor
        )
      );
      assert.equal((await act(reply.body.comment.id, 'delete')).status, 200);
      assert.ok(!(await list(postId)).comments.some((c: {id: string}) => c.id === reply.body.comment.id));
    });

    it('reserves the author’s and the moderators’ names, whatever they look like', async () => {
      const postId = post();
      for (const name of [
        'Jane Doe',
        'jane doe',
        'JÁNE DÔE',
        'J\u0430ne Doe',
        'Ja\u200bne\u200d Doe',
        'Ｊａｎｅ Ｄｏｅ',
        'Jane_Doe',
        'Jane Doe\u3164',
      ]) {
        const res = await create({postId, author: name, body: `posing as ${name}`});
        assert.equal(res.status, 400, JSON.stringify(name));
        assert.equal(res.body.error.code, 'name-reserved');
        assert.equal(res.body.error.message, "This name is reserved for the site's author.");
      }
      assert.equal((await create({postId, author: 'Jane Doering', body: 'another name'})).status, 201);
      assert.deepEqual(
        (await list(postId)).comments.map((c: {author: string}) => c.author),
        ['Jane Doering']
      );
    });

    it('pins at most three comments, first in every order, live for open pages', async () => {
      const postId = post();
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push((await create({postId, body: `comment ${i}`})).body.comment.id);
      const stream = await openStream(base, postId);
      try {
        assert.equal((await act(ids[3]!, 'pin')).status, 200);
        const live = JSON.parse((await stream.nextComment()).data);
        assert.equal(live.id, ids[3]);
        assert.equal(live.pinned, true);
      } finally {
        stream.close();
      }
      await act(ids[4]!, 'pin');
      for (const sort of ['oldest', 'newest', 'top']) {
        const page = await list(postId, `&sort=${sort}&limit=2`);
        const roots = page.comments.filter((c: {pinned?: boolean}) => c.pinned).map((c: {id: string}) => c.id);
        assert.deepEqual(roots.sort(), [ids[3], ids[4]].sort(), `pinned on the first page, sorted ${sort}`);
      }
      await act(ids[0]!, 'pin');
      const fourth = await act(ids[1]!, 'pin');
      assert.equal(fourth.status, 409);
      assert.equal(fourth.body.error.code, 'too-many-pins');
      const reply = (await create({postId, body: 'a reply', parentId: ids[2]})).body.comment;
      assert.equal((await act(ids[0]!, 'unpin')).status, 200);
      assert.equal((await act(reply.id, 'pin')).status, 400, 'replies are not pinned');
      assert.equal((await act(ids[1]!, 'pin')).status, 200, 'after an unpin there is room again');
    });

    it('closes a thread: comments stay, new ones and replies are refused with 403 thread-closed', async () => {
      const postId = post();
      const first = (await create({postId, body: 'Before closing'})).body.comment;
      const closed = await call(base, 'PUT', '/api/admin/posts', {json: {postId, closed: true}, headers: admin});
      assert.equal(closed.status, 200);
      const page = await list(postId);
      assert.equal(page.closed, true);
      assert.equal(page.comments.length, 1);
      for (const json of [
        {postId, body: 'After'},
        {postId, body: 'A reply after', parentId: first.id},
      ]) {
        const res = await create(json);
        assert.equal(res.status, 403);
        assert.equal(res.body.error.code, 'thread-closed');
      }
      const html = (await call(base, 'GET', `/api/comments.html?post=${encodeURIComponent(postId)}`)).text;
      assert.match(html, /Comments are closed\./);
      assert.doesNotMatch(html, /<form/);
      // The author may still answer; opening it again lets readers in.
      const author = await call(base, 'POST', '/api/admin/comments', {
        json: {postId, parentId: first.id, body: 'Closing words'},
        headers: admin,
      });
      assert.equal(author.status, 201);
      await call(base, 'PUT', '/api/admin/posts', {json: {postId, closed: false}, headers: admin});
      assert.equal((await list(postId)).closed, undefined);
      assert.equal((await create({postId, body: 'Open again'})).status, 201);
    });

    it('holds a comment for review after three readers report it; approval clears the reports', async () => {
      const postId = post();
      const bad = (await create({postId, body: 'Something abusive'}, 10)).body.comment;
      const stream = await openStream(base, postId);
      try {
        const report = (who: number) => call(base, 'PUT', `/api/comments/${bad.id}/report`, {headers: reader(who)});
        assert.equal((await report(11)).status, 200);
        assert.equal((await report(11)).status, 200, 'the same reader again');
        assert.equal((await report(12)).status, 200);
        assert.equal((await list(postId)).comments.length, 1, 'two readers do not hold it');
        const queue = (await call(base, 'GET', '/api/admin/comments?queue=reported', {headers: admin})).body.comments;
        const entry = queue.find((c: {id: string}) => c.id === bad.id);
        assert.equal(entry.reports, 2, 'one report per reader');
        assert.ok(Date.parse(entry.reportedAt) > 0);
        assert.equal((await report(13)).status, 200);
        assert.deepEqual((await list(postId)).comments, [], 'held for review at three');
        let event;
        do event = await stream.next();
        while (event.event !== 'remove');
        assert.equal(JSON.parse(event.data).id, bad.id, 'live readers see it go');
        assert.equal((await report(14)).status, 404, 'a held comment is not reported');
        assert.equal((await call(base, 'PUT', `/api/comments/${bad.id}/report`)).status, 400, 'a reader id is needed');
      } finally {
        stream.close();
      }
      assert.equal((await act(bad.id, 'approve')).status, 200);
      assert.equal((await list(postId)).comments.length, 1);
      const after = (await call(base, 'GET', '/api/admin/comments?queue=reported', {headers: admin})).body.comments;
      assert.ok(!after.some((c: {id: string}) => c.id === bad.id), 'approval clears the reports');
    });

    it('gives named moderators their own secret: their replies carry their name, the log says who did what', async () => {
      const added = spawnSync(process.execPath, [CLI, 'moderator', 'add', 'Sam Moderator', '--database', database], {
        encoding: 'utf8',
      });
      assert.equal(added.status, 0, added.stderr);
      const secret = /^\s+(\S{43})$/m.exec(added.stdout)![1]!;
      const sam = {authorization: `Bearer ${secret}`};
      assert.equal((await call(base, 'GET', '/api/admin/me', {headers: sam})).body.name, 'Sam Moderator');
      const postId = post();
      const question = (await create({postId, body: 'For Sam'})).body.comment;
      const reply = await call(base, 'POST', '/api/admin/comments', {
        json: {postId, parentId: question.id, body: 'Sam here.'},
        headers: sam,
      });
      assert.equal(reply.body.comment.author, 'Sam Moderator');
      assert.equal(reply.body.comment.isPostAuthor, true);
      await act(question.id, 'pin', sam);
      const log = (await call(base, 'GET', '/api/admin/log', {headers: admin})).body.entries;
      assert.ok(
        log.some(
          (e: {actor: string; action: string; target: string}) =>
            e.actor === 'Sam Moderator' && e.action === 'pin' && e.target === question.id
        )
      );
      // A moderator's name is reserved as soon as they are one.
      assert.equal((await create({postId, author: 'sam moderat0r', body: 'posing'})).body.error?.code, 'name-reserved');
      const removed = spawnSync(
        process.execPath,
        [CLI, 'moderator', 'remove', 'Sam Moderator', '--database', database],
        {encoding: 'utf8'}
      );
      assert.equal(removed.status, 0, removed.stderr);
      assert.equal((await call(base, 'GET', '/api/admin/me', {headers: sam})).status, 401, 'revoked');
    });
  });
}

describe('--close-after', () => {
  it('closes threads whose first comment is older than that many days', async () => {
    const {freshSqlite} = await import('./support/harness.js');
    const database = await freshSqlite();
    const server = await startTestServer(database, {closeAfterDays: 30});
    try {
      const {openStore} = await import('../src/store/index.js');
      const store = openStore(database);
      await store.importMany([
        {
          id: 'old-1',
          postId: '/old',
          parentId: null,
          author: 'A',
          body: 'Long ago',
          createdAt: '2020-01-01T00:00:00.000Z',
          ipHash: null,
          tokenHash: null,
        },
      ]);
      await store.close();
      const old = await call(server.url, 'POST', '/api/comments', {json: {postId: '/old', body: 'Late'}});
      assert.equal(old.status, 403);
      assert.equal(old.body.error.code, 'thread-closed');
      assert.equal((await call(server.url, 'GET', '/api/comments?post=/old')).body.closed, true);
      assert.equal(
        (await call(server.url, 'POST', '/api/comments', {json: {postId: '/new', body: 'Fresh'}})).status,
        201
      );
    } finally {
      await server.close();
    }
  });

  for (const backend of BACKENDS) {
    it(`counts from the date the post's own page gives, read by the server (${backend.name})`, async () => {
      // The blog: pages that give their date in the ways blogs do, one that gives none, one that is another post's.
      const pages: Record<string, string> = {
        '/2013/old': '<meta property="article:published_time" content="2013-09-01T08:00:00Z"><p>An old post',
        '/2013/ld': '<script type="application/ld+json">{"@type":"BlogPosting","datePublished":"2013-10-02"}</script>',
        '/fresh': `<meta itemprop="datePublished" content="${new Date().toISOString()}">`,
        '/undated': '<p>No date here',
        '/named': '<meta property="article:published_time" content="2014-01-01"><div data-post-id="custom-id"></div>',
      };
      let reads = 0;
      const blog = createServer((req, res) => {
        reads++;
        const page = pages[new URL(req.url!, 'http://x').pathname];
        res.writeHead(page ? 200 : 404, {'content-type': 'text/html'}).end(page ? `<!doctype html>${page}` : '');
      });
      await new Promise<void>((resolve) => blog.listen(0, '127.0.0.1', resolve));
      const origin = `http://127.0.0.1:${(blog.address() as AddressInfo).port}`;
      const server = await startTestServer(await backend.database(), {closeAfterDays: 30, origins: [origin]});
      const create = (postId: string, page: string, body = 'A comment') =>
        call(server.url, 'POST', '/api/comments', {json: {postId, body, page}});
      try {
        const old = await create('/2013/old', `${origin}/2013/old`);
        assert.equal(old.status, 403, 'a page dated 2013 has been closed since October 2013');
        assert.equal(old.body.error.code, 'thread-closed');
        assert.equal((await call(server.url, 'GET', '/api/comments?post=/2013/old')).body.closed, true);
        assert.equal((await create('/2013/ld', `${origin}/2013/ld`)).status, 403, 'JSON-LD datePublished');
        assert.equal((await create('/fresh', `${origin}/fresh`)).status, 201);
        assert.equal((await create('/undated', `${origin}/undated`)).status, 201, 'no date: counted from the comment');
        assert.equal((await create('custom-id', `${origin}/named`)).status, 403, 'the page names the post id');
        // A page that is another post's says nothing about this one; nor does a page off the site (never fetched).
        assert.equal((await create('/elsewhere', `${origin}/2013/old`)).status, 201);
        const before = reads;
        assert.equal((await create('/offsite', 'http://192.0.2.1/2013/old')).status, 201);
        assert.equal(reads, before);
        // Each page is read once for its date, not at every comment.
        await create('/fresh', `${origin}/fresh`, 'Another');
        await create('/undated', `${origin}/undated`, 'Another');
        assert.equal(reads, before);
      } finally {
        await server.close();
        blog.close();
      }
    });
  }
});
