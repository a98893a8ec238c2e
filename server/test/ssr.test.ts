import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {JSDOM} from 'jsdom';
import {fileFor} from '../src/commands.js';
import type * as Declared from '../render.js';
import {openRenderer} from '../src/render-api.js';
import type {RunningServer} from '../src/server.js';
import {ADMIN_SECRET, BACKENDS, call, freshSqlite, startTestServer} from './support/harness.js';

// The package's hand-written declarations (server/render.d.ts) and the module agree, in both directions.
export const declared: typeof Declared.openRenderer = openRenderer;
export const implemented: typeof openRenderer = openRenderer as typeof Declared.openRenderer;

const admin = {authorization: `Bearer ${ADMIN_SECRET}`};
const reader = (n: number) => ({'x-confab-reader': `ssr-reader-${n}`.padEnd(43, 'x')});
const CLI = new URL('../bin/confab-server.js', import.meta.url).pathname;

/** The fragment as a document (jsdom parses HTML as a browser does). */
const parse = (html: string) => (new JSDOM(`<!doctype html><body>${html}`).window as unknown as Window).document;
const fragment = async (base: string, postId: string, query = '') =>
  call(base, 'GET', `/api/comments.html?post=${encodeURIComponent(postId)}${query}`);

/** Posts the no-script form as a browser does (urlencoded, with the page's Origin), not following the redirect. */
async function postForm(base: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}/api/comments/form`, {
    method: 'POST',
    redirect: 'manual',
    headers: {'content-type': 'application/x-www-form-urlencoded', origin: base, ...headers},
    body: new URLSearchParams(fields).toString(),
  });
  return {status: response.status, headers: response.headers, text: await response.text()};
}

/** The hidden fields of the fragment's form, as a browser would send them. */
function formFields(html: string): Record<string, string> {
  const form = parse(html).querySelector('form')!;
  return Object.fromEntries(
    Array.from(form.querySelectorAll<HTMLInputElement>('input[type=hidden]')).map((i) => [i.name, i.value])
  );
}

for (const backend of BACKENDS) {
  describe(`the server-rendered thread on ${backend.name}`, () => {
    let server: RunningServer;
    let base: string;
    before(async () => {
      server = await startTestServer(await backend.database());
      base = server.url;
    });
    after(() => server.close());

    it('renders the published thread as the widget’s first page: order, nesting, ids, microdata, escaped text', async () => {
      const postId = `/ssr/thread/${backend.name}`;
      const make = async (json: Record<string, unknown>, n = 1) =>
        (await call(base, 'POST', '/api/comments', {json: {postId, ...json}, headers: reader(n)})).body.comment;
      const first = await make({
        author: 'Ada <b>Lovelace</b>',
        body: 'First, with **bold** and a [link](https://example.org).',
      });
      const reply = await make({author: 'Grace', body: 'A reply.', parentId: first.id}, 2);
      await make({author: 'Edsger', body: 'A reply to the reply.', parentId: reply.id}, 3);
      const second = await make({author: 'Barbara', body: 'Second & last <script>alert(1)</script>'}, 4);
      const gone = await make({body: 'Deleted, with a reply.'}, 5);
      await make({body: 'Still here under a deleted one.', parentId: gone.id}, 6);
      const moderate = (id: string, action: string) =>
        call(base, 'POST', `/api/admin/comments/${id}`, {json: {action}, headers: admin});
      assert.equal((await moderate(gone.id, 'delete')).status, 200);
      // Held: spam (the honeypot), marked spam after it was shown, and a reply waiting with its held parent.
      const spam = await make({body: 'Held as spam', website: 'http://spam.example'}, 7);
      const later = await make({body: 'Held after it was shown'}, 8);
      assert.equal((await moderate(later.id, 'spam')).status, 200);
      await make({body: 'Held with its parent', parentId: spam.id}, 9);

      const res = await fragment(base, postId);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type')!, /^text\/html/);
      assert.match(res.headers.get('cache-control')!, /public/);
      const doc = parse(res.text);
      assert.equal(doc.querySelector('h2')!.textContent, '5 comments', 'the deleted one is not counted');
      const top = Array.from(doc.querySelectorAll('.confab-thread > li > article')).map((a) => a.id);
      assert.deepEqual(top, [`comment-${first.id}`, `comment-${second.id}`, `comment-${gone.id}`]);
      const nested = doc
        .querySelector(`#comment-${first.id}`)!
        .parentElement!.querySelectorAll('.confab-replies article');
      assert.deepEqual(
        Array.from(nested).map((a) => a.querySelector('.confab-body')!.textContent),
        ['A reply.', 'A reply to the reply.']
      );
      assert.equal(doc.querySelector(`#comment-${gone.id}`)!.textContent, 'Comment deleted');
      for (const text of ['Held as spam', 'Held after it was shown', 'Held with its parent'])
        assert.ok(!res.text.includes(text), `held comments are absent: ${text}`);
      // Names are text; bodies are the widget's markdown, sanitized.
      const ada = doc.querySelector(`#comment-${first.id}`)!;
      assert.equal(ada.querySelector('[itemprop=name]')!.textContent, 'Ada <b>Lovelace</b>');
      assert.equal(ada.querySelector('.confab-body strong')!.textContent, 'bold');
      assert.equal(ada.querySelector('.confab-body a')!.getAttribute('rel'), 'nofollow ugc noopener noreferrer');
      assert.equal(
        doc.querySelector(`#comment-${second.id} .confab-body`)!.textContent,
        'Second & last <script>alert(1)</script>'
      );
      assert.equal(doc.querySelectorAll('script').length, 1, 'no script but the inert page data');
      // schema.org Comment microdata: author, date, text, url; replies as `comment` of their parent.
      assert.equal(ada.getAttribute('itemtype'), 'https://schema.org/Comment');
      assert.equal(ada.querySelector('[itemprop=dateCreated]')!.getAttribute('datetime'), first.createdAt);
      assert.equal(ada.querySelector('[itemprop=url]')!.getAttribute('href'), `#comment-${first.id}`);
      assert.equal(nested[0]!.getAttribute('itemprop'), 'comment');
      // The page data is what GET /api/comments answers a reader nobody knows.
      const data = JSON.parse(doc.querySelector('script[data-confab-page]')!.textContent!);
      const list = (await call(base, 'GET', `/api/comments?post=${encodeURIComponent(postId)}`)).body;
      assert.deepEqual(data, {postId, ...list});
    });

    it('answers 304 to a copy it still holds, and 400 to a bad post id', async () => {
      const postId = `/ssr/etag/${backend.name}`;
      await call(base, 'POST', '/api/comments', {json: {postId, body: 'cached'}});
      const first = await fragment(base, postId);
      const etag = first.headers.get('etag')!;
      const again = await call(base, 'GET', `/api/comments.html?post=${encodeURIComponent(postId)}`, {
        headers: {'if-none-match': etag},
      });
      assert.equal(again.status, 304);
      await call(base, 'POST', '/api/comments', {json: {postId, body: 'a change'}});
      const changed = await call(base, 'GET', `/api/comments.html?post=${encodeURIComponent(postId)}`, {
        headers: {'if-none-match': etag},
      });
      assert.equal(changed.status, 200);
      assert.notEqual(changed.headers.get('etag'), etag);
      assert.equal((await fragment(base, 'no spaces allowed')).status, 400);
    });
  });
}

describe('the no-script form', () => {
  let server: RunningServer;
  let base: string;
  let moderated: RunningServer;
  before(async () => {
    server = await startTestServer(await freshSqlite(), {minSubmitSeconds: 1, rateLimit: 3, rateWindowSeconds: 600});
    moderated = await startTestServer(await freshSqlite(), {moderation: 'all'});
    base = server.url;
  });
  after(async () => {
    await server.close();
    await moderated.close();
  });

  const fieldsFor = async (at: string, postId: string) => formFields((await fragment(at, postId)).text);
  const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('posts a comment and goes back to the page at its permalink', async () => {
    const postId = '/ssr/form/published';
    const page = `${base}/a-post/`;
    const fields = {...(await fieldsFor(base, postId)), page};
    await wait(1100);
    const res = await postForm(base, {...fields, author: 'No Script', body: 'Line one\r\nline two', website: ''});
    assert.equal(res.status, 303);
    const location = new URL(res.headers.get('location')!);
    assert.equal(`${location.origin}${location.pathname}`, page);
    const list = (await call(base, 'GET', `/api/comments?post=${encodeURIComponent(postId)}`)).body.comments;
    assert.equal(list.length, 1);
    assert.equal(location.hash, `#comment-${list[0].id}`);
    assert.equal(list[0].body, 'Line one\nline two', 'line breaks as the widget stores them');
    assert.equal(list[0].author, 'No Script');
    // The next render shows it.
    assert.ok((await fragment(base, postId)).text.includes(`id="comment-${list[0].id}"`));
  });

  it('answers a comment held for approval with the page’s "awaiting approval" message, and never shows it', async () => {
    const postId = '/ssr/form/held';
    const fields = {...(await fieldsFor(moderated.url, postId)), page: `${moderated.url}/held-post`};
    const res = await postForm(moderated.url, {...fields, body: 'Please approve me'});
    assert.equal(res.status, 303);
    assert.equal(new URL(res.headers.get('location')!).hash, '#confab-held');
    const doc = parse((await fragment(moderated.url, postId)).text);
    assert.ok(doc.querySelector('#confab-held'), 'the message the redirect points at is in the fragment');
    assert.ok(!doc.body.textContent!.includes('Please approve me'));
    const queue = (await call(moderated.url, 'GET', '/api/admin/comments?queue=pending', {headers: admin})).body;
    assert.ok(JSON.stringify(queue).includes('Please approve me'), 'it waits in the queue');
  });

  it('holds the text in a page to send again when it was sent too fast, changed, or is invalid (never JSON)', async () => {
    const postId = '/ssr/form/refused';
    const fields = await fieldsFor(base, postId);
    const tooFast = await postForm(base, {...fields, author: 'Quick', body: 'Sent at once'});
    assert.equal(tooFast.status, 400);
    assert.match(tooFast.headers.get('content-type')!, /^text\/html/);
    const page = parse(tooFast.text);
    assert.match(page.querySelector('[role=alert]')!.textContent!, /quick/);
    assert.equal(page.querySelector('textarea')!.textContent, 'Sent at once', 'the draft is kept');
    assert.equal(page.querySelector<HTMLInputElement>('input[name=author]')!.value, 'Quick');
    // The page's own form can be sent at once (its time is signed as already past the minimum), and works.
    const again = Object.fromEntries(
      Array.from(page.querySelectorAll<HTMLInputElement>('form input, form textarea')).map((i) => [i.name, i.value])
    );
    const resent = await postForm(base, {...again, body: 'Sent at once'});
    assert.equal(resent.status, 200, 'posted (no page to go back to: the server says so itself)');
    assert.match(resent.text, /Your comment was posted/);

    const forged = await postForm(base, {...fields, issued: `${Date.now() - 60_000}.forged`, body: 'forged time'});
    assert.equal(forged.status, 400);
    assert.match(forged.text, /changed or has expired/);
    const empty = await postForm(base, {...fields, issued: again.issued!, body: '   '});
    assert.equal(empty.status, 400);
    assert.match(parse(empty.text).querySelector('[role=alert]')!.textContent!, /empty/);
    const long = await postForm(base, {...fields, issued: again.issued!, body: 'x'.repeat(5001)});
    assert.equal(long.status, 400);
    assert.equal(parse(long.text).querySelector('textarea')!.textContent!.length, 5001, 'even a long draft is kept');
    const list = (await call(base, 'GET', `/api/comments?post=${encodeURIComponent(postId)}`)).body.comments;
    assert.deepEqual(
      list.map((c: {body: string}) => c.body),
      ['Sent at once']
    );
  });

  it('refuses a form sent from another site, and says when comments come too fast', async () => {
    const postId = '/ssr/form/limits';
    const fields = await fieldsFor(base, postId);
    await wait(1100);
    const forgedSite = await postForm(base, {...fields, body: 'from elsewhere'}, {origin: 'https://evil.example'});
    assert.equal(forgedSite.status, 403);
    assert.match(forgedSite.text, /only be sent from the site/);
    const viaReferer = await postForm(
      base,
      {...fields, body: 'from elsewhere'},
      {origin: '', referer: 'https://evil.example/page'}
    );
    assert.equal(viaReferer.status, 403);
    // The rate limit (3 per client here; one was used above... each test has its own posts, the limit is per client).
    let limited;
    for (let i = 0; i < 5 && !limited; i++) {
      const res = await postForm(base, {...fields, body: `flood ${i}`});
      if (res.status === 429) limited = res;
    }
    assert.ok(limited, 'the rate limit applies to the form');
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
    assert.match(limited.text, /too quickly/);
    assert.ok(limited.text.includes('flood'), 'the draft is kept');
    const list = (await call(base, 'GET', `/api/comments?post=${encodeURIComponent(postId)}`)).body.comments;
    assert.ok(!list.some((c: {body: string}) => c.body === 'from elsewhere'));
  });
});

describe('build-time rendering: confab-server render and confab-server/render', () => {
  it('writes the fragment of one post, and of every post into a folder, as the route renders it', async () => {
    const database = await freshSqlite();
    const server = await startTestServer(database);
    for (const [postId, body] of [
      ['/2013/09/leadership', 'On leadership'],
      ['/blog/', 'On the blog index'],
      ['/notes/a:b', 'With a colon'],
    ] as const)
      await call(server.url, 'POST', '/api/comments', {json: {postId, body}});
    await server.close();

    const one = spawnSync(
      process.execPath,
      [
        CLI,
        'render',
        '--database',
        database,
        '--post',
        '/2013/09/leadership',
        '--endpoint',
        'https://comments.example/api',
      ],
      {encoding: 'utf8'}
    );
    assert.equal(one.status, 0, one.stderr);
    const doc = parse(one.stdout);
    assert.equal(doc.querySelector('.confab-body')!.textContent, 'On leadership');
    assert.equal(doc.querySelector('form')!.getAttribute('action'), 'https://comments.example/api/comments/form');

    const out = mkdtempSync(join(tmpdir(), 'confab-render-'));
    const all = spawnSync(process.execPath, [CLI, 'render', '--database', database, '--all', '--out', out], {
      encoding: 'utf8',
    });
    assert.equal(all.status, 0, all.stderr);
    const index = JSON.parse(readFileSync(join(out, 'index.json'), 'utf8'));
    assert.deepEqual(index, {
      '/2013/09/leadership': '2013/09/leadership.html',
      '/blog/': 'blog/index.html',
      '/notes/a:b': 'notes/a:b.html',
    });
    assert.match(readFileSync(join(out, 'blog/index.html'), 'utf8'), /On the blog index/);
    assert.ok(!readFileSync(join(out, 'blog/index.html'), 'utf8').includes('<form'), 'no endpoint, no form');

    const renderer = await openRenderer({database, endpoint: 'https://comments.example/api'});
    try {
      assert.deepEqual(await renderer.posts(), ['/2013/09/leadership', '/blog/', '/notes/a:b']);
      assert.match(await renderer.render('/notes/a:b'), /With a colon/);
      await assert.rejects(renderer.render('not valid'), /not a valid post id/);
    } finally {
      await renderer.close();
    }
    const missing = spawnSync(process.execPath, [CLI, 'render', '--database', database, '--all'], {encoding: 'utf8'});
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /--out <folder>/);
  });

  it('never writes outside the folder, whatever the post id', () => {
    assert.equal(fileFor('/../../etc/passwd'), '%2E%2E/%2E%2E/etc/passwd.html');
    assert.equal(fileFor('/a/./b'), 'a/%2E/b.html');
    assert.equal(fileFor('/'), 'index.html');
    assert.equal(fileFor('post?id=3#x'), 'post%3Fid%3D3%23x.html');
  });
});
