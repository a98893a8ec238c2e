import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import type {RunningServer} from '../src/server.js';
import {ADMIN_SECRET, BACKENDS, call, freshSqlite, openStream, startTestServer} from './support/harness.js';

const admin = {authorization: `Bearer ${ADMIN_SECRET}`};
const CLI = new URL('../bin/confab-server.js', import.meta.url).pathname;
const SITES = [
  {id: 'blog', origins: ['https://blog.example']},
  {id: 'docs', origins: ['https://docs.example', 'https://www.docs.example']},
];
type Listed = {comments: {body: string; postId: string; id: string; site?: string}[]};
const bodies = (answer: {body: Listed}) => answer.body.comments.map((c) => c.body);

for (const backend of BACKENDS) {
  describe(`several sites on one server, on ${backend.name}`, () => {
    let server: RunningServer;
    let base: string;
    let database: string;
    before(async () => {
      database = await backend.database();
      server = await startTestServer(database, {sites: SITES});
      base = server.url;
    });
    after(() => server.close());

    let n = 0;
    const post = () => `/about-${backend.name}-${++n}`;
    const create = (postId: string, body: string, query = '', headers: Record<string, string> = {}) =>
      call(base, 'POST', `/api/comments${query}`, {json: {postId, body}, headers});
    const list = (postId: string, query = '', headers: Record<string, string> = {}) =>
      call<Listed>(base, 'GET', `/api/comments?post=${encodeURIComponent(postId)}${query}`, {headers});

    it("keeps each site's posts apart: list, count, stream, feeds and the fragment", async () => {
      const about = post();
      assert.equal((await create(about, 'On the blog')).status, 201, 'no site named: the first, default site');
      const docs = await create(about, 'On the docs', '?site=docs');
      assert.equal(docs.status, 201);
      assert.equal(docs.body.comment.postId, about, 'answers carry the post id the page knows');

      assert.deepEqual(bodies(await list(about)), ['On the blog']);
      assert.deepEqual(bodies(await list(about, '&site=blog')), ['On the blog'], 'the default site by its name');
      const onDocs = await list(about, '&site=docs');
      assert.deepEqual(bodies(onDocs), ['On the docs']);
      assert.equal(onDocs.body.comments[0]!.postId, about);
      // A page of the docs site that names no site is on the docs site, with its CORS headers.
      const fromDocs = await list(about, '', {origin: 'https://www.docs.example'});
      assert.deepEqual(bodies(fromDocs), ['On the docs']);
      assert.equal(fromDocs.headers.get('access-control-allow-origin'), 'https://www.docs.example');

      const counts = (query: string) =>
        call(base, 'GET', `/api/counts?post=${encodeURIComponent(about)}&post=%2Fnone${query}`);
      assert.deepEqual((await counts('')).body.counts, {[about]: 1, '/none': 0});
      assert.deepEqual((await counts('&site=docs')).body.counts, {[about]: 1, '/none': 0});
      await create(about, 'More on the docs', '?site=docs');
      assert.deepEqual((await counts('&site=docs')).body.counts, {[about]: 2, '/none': 0});
      assert.deepEqual((await counts('')).body.counts, {[about]: 1, '/none': 0});

      // Live: a docs reader gets the docs comment, never the blog's.
      const stream = await openStream(base, about, undefined, undefined, '&site=docs');
      try {
        await create(about, 'Live on the blog');
        await create(about, 'Live on the docs', '?site=docs');
        assert.equal(JSON.parse((await stream.nextComment()).data).body, 'Live on the docs');
      } finally {
        stream.close();
      }

      const feed = (await call(base, 'GET', '/api/feeds/latest.atom?site=docs')).text;
      assert.match(feed, /Live on the docs/);
      assert.doesNotMatch(feed, /On the blog|Live on the blog/);
      assert.match(feed, /https:\/\/docs\.example\/about-/, "links go to the docs site's pages");
      const blogFeed = (await call(base, 'GET', '/api/feeds/latest.atom')).text;
      assert.match(blogFeed, /Live on the blog/);
      assert.doesNotMatch(blogFeed, /on the docs/i);
      const postFeed = (await call(base, 'GET', `/api/feeds/comments.atom?post=${encodeURIComponent(about)}&site=docs`))
        .text;
      assert.match(postFeed, /More on the docs/);
      assert.doesNotMatch(postFeed, /On the blog/);
      assert.match(postFeed, /comments\.atom\?post=[^"]*&amp;site=docs/);

      const fragment = (await call(base, 'GET', `/api/comments.html?post=${encodeURIComponent(about)}&site=docs`)).text;
      assert.match(fragment, /More on the docs/);
      assert.doesNotMatch(fragment, /On the blog/);
      assert.match(fragment, /action="[^"]*\/comments\/form\?site=docs"/);
      assert.match(fragment, new RegExp(`"postId":"${about}"`), 'the page data names the post as the page does');
    });

    it('posts the no-script form to its own site', async () => {
      const about = post();
      const fragment = (await call(base, 'GET', `/api/comments.html?post=${encodeURIComponent(about)}&site=docs`)).text;
      const issued = /name="issued" value="([^"]+)"/.exec(fragment)![1]!;
      const form = new URLSearchParams({postId: about, body: 'Sent without scripts', issued, page: ''});
      const sent = await fetch(`${base}/api/comments/form?site=docs`, {
        method: 'POST',
        headers: {'content-type': 'application/x-www-form-urlencoded'},
        body: form.toString(),
        redirect: 'manual',
      });
      assert.ok(sent.status === 200 || sent.status === 303, `answered ${sent.status}`);
      assert.deepEqual(bodies(await list(about, '&site=docs')), ['Sent without scripts']);
      assert.deepEqual(bodies(await list(about)), []);
      // The form's signed time is the docs post's: sent to the blog's post, it is refused.
      const forged = await fetch(`${base}/api/comments/form`, {
        method: 'POST',
        headers: {'content-type': 'application/x-www-form-urlencoded'},
        body: form.toString(),
        redirect: 'manual',
      });
      assert.equal(forged.status, 400);
      assert.deepEqual(bodies(await list(about)), []);
    });

    it('refuses an unknown site, and a page of one site speaking for another', async () => {
      const about = post();
      const unknown = await create(about, 'Where?', '?site=nope');
      assert.equal(unknown.status, 400);
      assert.equal(unknown.body.error.code, 'unknown-site');
      assert.equal((await list(about, '&site=nope')).status, 400);
      const forged = await create(about, 'Posing as the docs', '?site=docs', {origin: 'https://blog.example'});
      assert.equal(forged.status, 403);
      assert.equal(forged.body.error.code, 'forbidden');
      assert.equal((await list(about, '&site=docs', {origin: 'https://blog.example'})).status, 403);
      // A kept list of the default site is never given for another site's request.
      await create(about, 'Blog only');
      assert.deepEqual(bodies(await list(about)), ['Blog only']);
      assert.deepEqual(bodies(await list(about)), ['Blog only']);
      assert.deepEqual(bodies(await list(about, '&site=docs')), []);
      assert.equal(
        (await call(base, 'GET', `/api/comments.html?post=${encodeURIComponent(about)}&site=docs`)).text.includes(
          'Blog only'
        ),
        false
      );
      assert.equal((await list('/x y')).status, 400, 'a post id cannot name a stored site');
    });

    it('filters /admin by site; a moderator of one site acts on it alone; exports per site', async () => {
      const about = post();
      const onBlog = (await create(about, 'Blog comment for admin')).body.comment;
      const onDocs = (await create(about, 'Docs comment for admin', '?site=docs')).body.comment;
      const queue = async (query: string, headers = admin) =>
        (await call<Listed>(base, 'GET', `/api/admin/comments?queue=recent${query}`, {headers})).body.comments;
      const docsQueue = await queue('&site=docs');
      assert.ok(docsQueue.some((c) => c.id === onDocs.id && c.site === 'docs' && c.postId === about));
      assert.ok(!docsQueue.some((c) => c.id === onBlog.id));
      assert.ok(
        (await queue('')).some((c) => c.id === onBlog.id && c.site === 'blog'),
        'the admin sees every site'
      );
      const me = (await call(base, 'GET', '/api/admin/me', {headers: admin})).body;
      assert.deepEqual(me.serverSites, ['blog', 'docs']);

      const added = spawnSync(
        process.execPath,
        [CLI, 'moderator', 'add', `Docs Mod ${backend.name}`, '--site', 'docs', '--database', database],
        {encoding: 'utf8'}
      );
      assert.equal(added.status, 0, added.stderr);
      const mod = {authorization: `Bearer ${/^\s+(\S{43})$/m.exec(added.stdout)![1]!}`};
      const theirs = await queue('', mod);
      assert.ok(theirs.some((c) => c.id === onDocs.id));
      assert.ok(!theirs.some((c) => c.id === onBlog.id), "a docs moderator's queue holds no blog comment");
      assert.equal((await call(base, 'GET', '/api/admin/comments?queue=recent&site=blog', {headers: mod})).status, 403);
      const act = (id: string, action: string) =>
        call(base, 'POST', `/api/admin/comments/${id}`, {json: {action}, headers: mod});
      assert.equal((await act(onBlog.id, 'delete')).status, 403);
      assert.deepEqual(bodies(await list(about)), ['Blog comment for admin'], 'nothing happened to it');
      assert.equal((await act(onDocs.id, 'pin')).status, 200);
      const reply = (json: Record<string, unknown>) => call(base, 'POST', '/api/admin/comments', {json, headers: mod});
      assert.equal((await reply({postId: about, parentId: onBlog.id, body: 'Not mine'})).status, 403);
      const answered = await reply({postId: about, parentId: onDocs.id, body: 'From the docs team', site: 'docs'});
      assert.equal(answered.status, 201);
      assert.equal(answered.body.comment.isPostAuthor, true);
      const close = (site: string | undefined, headers = mod) =>
        call(base, 'PUT', '/api/admin/posts', {json: {postId: about, closed: true, ...(site ? {site} : {})}, headers});
      assert.equal((await close(undefined)).status, 403, 'the blog is not theirs');
      assert.equal((await close('docs')).status, 200);
      assert.equal((await create(about, 'Too late', '?site=docs')).body.error?.code, 'thread-closed');
      assert.equal(
        (await create(about, 'Still open on the blog')).status,
        201,
        "closing the docs' post leaves the blog's"
      );

      const exported = await call(base, 'GET', '/api/admin/export?site=docs', {headers: admin});
      const docsOnly = JSON.parse(exported.text).comments as {postId: string; site?: string; body: string}[];
      assert.ok(docsOnly.length > 0 && docsOnly.every((c) => !c.body.includes('Blog') && c.site === undefined));
      assert.ok(docsOnly.some((c) => c.postId === about));
      const mine = JSON.parse((await call(base, 'GET', '/api/admin/export', {headers: mod})).text).comments;
      assert.ok(
        mine.every((c: {body: string}) => !/blog/i.test(c.body)),
        "a docs moderator exports the docs' alone"
      );
    });

    it('exports a whole server with each post’s site, which imports back the same', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'confab-sites-'));
      const cli = (args: string[], db = database) =>
        spawnSync(process.execPath, [CLI, ...args, '--database', db], {encoding: 'utf8'});
      const first = cli(['export', '--out', join(dir, 'a.json')]);
      assert.equal(first.status, 0, first.stderr);
      const all = JSON.parse(readFileSync(join(dir, 'a.json'), 'utf8')).comments as {site?: string; body: string}[];
      assert.ok(all.some((c) => c.site === 'docs' && c.body === 'On the docs'));
      assert.ok(all.some((c) => c.site === undefined && c.body === 'On the blog'));
      const empty = await freshSqlite();
      assert.equal(cli(['import', '--from', 'confab', join(dir, 'a.json')], empty).status, 0);
      assert.equal(cli(['export', '--out', join(dir, 'b.json')], empty).status, 0);
      assert.equal(readFileSync(join(dir, 'b.json'), 'utf8'), readFileSync(join(dir, 'a.json'), 'utf8'));
      const docs = cli(['export', '--site', 'docs', '--out', join(dir, 'docs.json')]);
      assert.equal(docs.status, 0, docs.stderr);
      const docsOnly = JSON.parse(readFileSync(join(dir, 'docs.json'), 'utf8')).comments as {body: string}[];
      assert.ok(docsOnly.length && docsOnly.every((c) => !/blog/i.test(c.body)));
    });
  });
}

describe('a server without --site', () => {
  it('has one site, as before: naming one is a clear 400', async () => {
    const server = await startTestServer(await freshSqlite());
    try {
      const created = await call(server.url, 'POST', '/api/comments?site=blog', {json: {postId: '/p', body: 'Hi'}});
      assert.equal(created.status, 400);
      assert.equal(created.body.error.code, 'unknown-site');
      assert.equal((await call(server.url, 'POST', '/api/comments', {json: {postId: '/p', body: 'Hi'}})).status, 201);
    } finally {
      await server.close();
    }
  });
});
