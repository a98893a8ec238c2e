import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {SaxesParser} from 'saxes';
import {ADMIN_SECRET, call, freshSqlite, startTestServer} from './support/harness.js';

const ATOM = 'http://www.w3.org/2005/Atom';
const admin = {authorization: `Bearer ${ADMIN_SECRET}`};

interface El {
  name: string;
  ns: string;
  attributes: Record<string, string>;
  children: El[];
  text: string;
}

/** Parses XML strictly (saxes throws on anything not well-formed) into a small tree. */
function parse(xml: string): El {
  const parser = new SaxesParser({xmlns: true});
  const stack: El[] = [];
  let root: El | null = null;
  parser.on('opentag', (tag) => {
    const el: El = {
      name: tag.local,
      ns: tag.uri,
      attributes: Object.fromEntries(Object.values(tag.attributes).map((a) => [a.local, a.value])),
      children: [],
      text: '',
    };
    stack.at(-1)?.children.push(el);
    stack.push(el);
    root ??= el;
  });
  parser.on('text', (text) => stack.at(-1) && (stack.at(-1)!.text += text));
  parser.on('closetag', () => stack.pop());
  parser.write(xml).close();
  return root!;
}

const kids = (el: El, name: string) => el.children.filter((c) => c.name === name && c.ns === ATOM);
const one = (el: El, name: string) => {
  const found = kids(el, name);
  assert.equal(found.length, 1, `exactly one atom:${name} in atom:${el.name}`);
  return found[0]!;
};
const isDate = (s: string) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(s) && !Number.isNaN(Date.parse(s));

/** The rules of RFC 4287 a feed reader relies on: the feed's and each entry's id, title, updated, author and link. */
function checkAtom(xml: string): El[] {
  const feed = parse(xml);
  assert.equal(feed.name, 'feed');
  assert.equal(feed.ns, ATOM);
  assert.ok(URL.canParse(one(feed, 'id').text), 'the feed id is an IRI');
  assert.ok(one(feed, 'title').text);
  assert.ok(isDate(one(feed, 'updated').text));
  assert.ok(kids(feed, 'link').some((l) => l.attributes.rel === 'self' && URL.canParse(l.attributes.href!)));
  const entries = kids(feed, 'entry');
  for (const entry of entries) {
    assert.ok(URL.canParse(one(entry, 'id').text));
    assert.ok(one(entry, 'title').text);
    assert.ok(isDate(one(entry, 'updated').text));
    assert.ok(isDate(one(entry, 'published').text));
    assert.ok(one(one(entry, 'author'), 'name').text, 'every entry names its author (the feed has none)');
    const alternate = kids(entry, 'link').find((l) => l.attributes.rel === 'alternate');
    assert.ok(alternate && URL.canParse(alternate.attributes.href!));
    assert.equal(one(entry, 'content').attributes.type, 'html');
  }
  return entries;
}

describe('feeds', () => {
  it("publishes a post's and the site's comments as valid Atom, published ones only, with safe content", async () => {
    const server = await startTestServer(await freshSqlite(), {siteUrl: 'https://blog.test'});
    const make = (postId: string, body: string, extra: object = {}) =>
      call(server.url, 'POST', '/api/comments', {json: {postId, body, author: 'Alice', ...extra}});
    try {
      const first = await make('/post', 'Plain **words** & <b>tags</b> <script>alert(1)</script>');
      assert.equal(first.status, 201, first.text);
      await make('/post', 'Second comment.');
      const hidden = await make('/post', 'This one is filed as spam.');
      await call(server.url, 'POST', `/api/admin/comments/${hidden.body.comment.id}`, {
        json: {action: 'spam'},
        headers: admin,
      });
      await make('/other', 'On another post.');

      const feed = await call(server.url, 'GET', '/api/feeds/comments.atom?post=/post');
      assert.equal(feed.status, 200);
      assert.match(feed.headers.get('content-type')!, /^application\/atom\+xml/);
      const entries = checkAtom(feed.text);
      assert.equal(entries.length, 2, 'the held comment is not in the feed');
      const oldest = entries.at(-1)!;
      assert.equal(one(oldest, 'id').text, `https://blog.test/post#comment-${first.body.comment.id}`);
      const content = one(oldest, 'content').text;
      assert.match(content, /<strong>words<\/strong>/);
      assert.ok(!content.includes('<script'), 'the content is the sanitized body');
      assert.ok(!feed.text.includes('spam'));

      const latest = await call(server.url, 'GET', '/api/feeds/latest.atom');
      const all = checkAtom(latest.text);
      assert.equal(all.length, 3);
      assert.match(one(all[0]!, 'title').text, /^Alice on blog\.test\/other: On another post\.$/);
      assert.equal((await call(server.url, 'GET', '/api/feeds/comments.atom')).status, 400);
    } finally {
      await server.close();
    }
  });

  it('gives each reader a private feed of replies to their comments at a secret address', async () => {
    const server = await startTestServer(await freshSqlite(), {siteUrl: 'https://blog.test'});
    const as = (reader: string, json: object) =>
      call(server.url, 'POST', '/api/comments', {
        json: {postId: '/post', ...json},
        headers: {'x-confab-reader': reader},
      });
    const alice = 'a'.repeat(43);
    const bob = 'b'.repeat(43);
    try {
      const mine = await as(alice, {author: 'Alice', body: 'Reply to me.'});
      await as(alice, {author: 'Alice', body: 'Talking to myself.', parentId: mine.body.comment.id});
      await as(bob, {author: 'Bob', body: 'Here is your reply.', parentId: mine.body.comment.id});
      await as(bob, {author: 'Bob', body: 'Not a reply to Alice.'});
      const address = await call(server.url, 'GET', '/api/me/feed', {headers: {'x-confab-reader': alice}});
      assert.equal(address.status, 200);
      const url = new URL(address.body.url);
      assert.ok(!address.text.includes(alice), 'the reader id is not in the address');
      const feed = await fetch(url).then((r) => r.text());
      const entries = checkAtom(feed);
      assert.deepEqual(
        entries.map((e) => one(one(e, 'author'), 'name').text),
        ['Bob'],
        'only replies to her comments, by others'
      );
      const forged = new URL(url);
      forged.searchParams.set('key', `${url.searchParams.get('key')!.slice(0, -1)}x`);
      assert.equal((await fetch(forged)).status, 404);
      assert.equal((await call(server.url, 'GET', '/api/me/feed')).status, 400);
    } finally {
      await server.close();
    }
  });
});
