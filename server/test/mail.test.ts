import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import type {Config} from '../src/config.js';
import {startServer, type RunningServer} from '../src/server.js';
import {
  ADMIN_SECRET,
  call,
  eventually,
  exited,
  freshPostgres,
  freshSqlite,
  spawnServer,
  testConfig,
} from './support/harness.js';
import {freePort, linksOf, TestSmtp, type Received} from './support/smtp.js';

const reader = (ch: string) => ch.repeat(43);
const ALICE = reader('a');
const BOB = reader('b');
const admin = {authorization: `Bearer ${ADMIN_SECRET}`};

/** A server that sends mail through `smtp`, reachable at the address its links name. */
async function mailServer(smtp: TestSmtp, overrides: Partial<Config> = {}, database?: string): Promise<RunningServer> {
  const port = await freePort();
  return startServer(
    testConfig(database ?? (await freshSqlite()), {
      port,
      smtp: smtp.url,
      mailFrom: 'Blog comments <comments@blog.test>',
      publicUrl: `http://127.0.0.1:${port}`,
      siteUrl: 'https://blog.test',
      mailBatchSeconds: 1,
      ...overrides,
    })
  );
}

function post(
  server: RunningServer,
  who: string,
  json: {
    postId?: string;
    body: string;
    parentId?: string;
    author?: string;
    email?: string;
    notify?: 'replies' | 'thread';
  }
) {
  return call(server.url, 'POST', '/api/comments', {
    json: {postId: '/post', author: who === ALICE ? 'Alice' : 'Bob', ...json},
    headers: {'x-confab-reader': who},
  });
}

/** Follows a link from a mail: GET shows a page, POST (the page's button, or a one-click client) acts. */
const follow = (link: string, method: 'GET' | 'POST' = 'GET', body?: string) =>
  fetch(link, {
    method,
    body,
    headers: body ? {'content-type': 'application/x-www-form-urlencoded'} : {},
    redirect: 'manual',
  }).then(async (r) => ({status: r.status, text: await r.text(), headers: r.headers}));

/** A TCP server on `port` that takes connections and never says a word (an SMTP server that hangs). */
async function blackhole(port: number) {
  const {createServer} = await import('node:net');
  const sockets = new Set<import('node:net').Socket>();
  const server = createServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A header as it was sent (mailparser parses some, such as List-*, into objects). */
const header = (m: Received, name: string) =>
  m.mail.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]+:\s*/, '') ?? '';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('reply mail', () => {
  const smtp = new TestSmtp();
  before(() => smtp.start());
  after(() => smtp.stop());

  it('is offered only with --smtp, and without an address posting works as before', async () => {
    const plain = await startServer(testConfig(await freshSqlite()));
    try {
      const list = await call(plain.url, 'GET', '/api/comments?post=/post');
      assert.equal(list.body.mail, undefined, 'no mail offered without --smtp');
      const created = await post(plain, ALICE, {body: 'no mail here', email: 'alice@example.test'});
      assert.equal(created.status, 201);
      assert.equal(created.body.mail, 'off', 'the address is not kept, and the reader is told');
      const health = await call(plain.url, 'GET', '/api/health');
      assert.equal(health.body.mail, undefined);
    } finally {
      await plain.close();
    }
    const server = await mailServer(smtp);
    try {
      assert.equal((await call(server.url, 'GET', '/api/comments?post=/post')).body.mail, true);
      const created = await post(server, BOB, {body: 'no address given'});
      assert.equal(created.status, 201);
      assert.equal(created.body.mail, undefined);
      const bad = await post(server, BOB, {body: 'a bad address', email: 'not an address'});
      assert.equal(bad.status, 400);
      assert.match(bad.text, /email is not an email address/);
      const anonymous = await call(server.url, 'POST', '/api/comments', {
        json: {postId: '/post', body: 'no reader id', email: 'x@example.test'},
      });
      assert.equal(anonymous.status, 400, 'an address needs the browser it confirms in');
      // A moderator can turn the offer off; an address sent anyway is not kept, and the comment is stored.
      assert.equal(
        (await call(server.url, 'PUT', '/api/admin/settings', {json: {offerMail: false}, headers: admin})).body
          .offerMail,
        false
      );
      assert.equal((await call(server.url, 'GET', '/api/comments?post=/post')).body.mail, undefined);
      const off = await post(server, BOB, {body: 'offer is off', email: 'bob@example.test'});
      assert.equal(off.status, 201);
      assert.equal(off.body.mail, 'off');
      await call(server.url, 'PUT', '/api/admin/settings', {json: {offerMail: true}, headers: admin});
      await server.store.mail.stats(new Date().toISOString()).then((s) => assert.equal(s.queued + s.sent, 0));
    } finally {
      await server.close();
    }
  });

  it('confirms an address first (double opt-in), then mails published replies with safe text, links and headers', async () => {
    const server = await mailServer(smtp);
    const alice = 'alice+optin@example.test';
    try {
      const first = await post(server, ALICE, {body: 'Management is about **systems**.', email: alice});
      assert.equal(first.status, 201);
      assert.equal(first.body.mail, 'confirm');
      await eventually(() => smtp.to(alice).length === 1);
      const [confirm] = smtp.to(alice) as [Received];
      assert.match(confirm.mail.subject ?? '', /^Confirm your address for replies on blog\.test$/);
      assert.equal(confirm.mail.from?.value[0]?.address, 'comments@blog.test');
      assert.ok(!(confirm.mail.text ?? '').includes('systems'), "a confirmation carries nobody's words");
      const confirmLink = linksOf(confirm).find((l) => l.includes('/api/mail/confirm'))!;
      assert.ok(confirmLink.startsWith(`${server.url}/api/mail/confirm?t=`));

      // Unconfirmed: a reply is not mailed.
      await post(server, BOB, {body: 'Before you confirmed.', parentId: first.body.comment.id});
      // A link scanner fetches the link: nothing happens.
      const page = await follow(confirmLink);
      assert.equal(page.status, 200);
      assert.match(page.text, /<form method="post"><button type="submit"/);
      assert.equal((await server.store.mail.subscriber((await pendingSubscriber(server, alice))!))!.confirmed, false);
      const confirmed = await follow(confirmLink, 'POST');
      assert.equal(confirmed.status, 200);
      assert.match(confirmed.text, /Your address is confirmed/);
      assert.match(confirmed.headers.get('content-security-policy') ?? '', /default-src 'none'/);

      const reply = await post(server, BOB, {
        body: 'Leadership is **people**.\n\n<script>alert(1)</script><img src=x onerror=alert(2)> [x](javascript:alert(3))',
        parentId: first.body.comment.id,
      });
      await eventually(() => smtp.to(alice).length === 2);
      const mail = smtp.to(alice)[1]!;
      assert.equal(smtp.to(alice).length, 2, 'the reply before confirming was never mailed');
      assert.equal(mail.mail.subject, 'Bob replied to your comment on blog.test/post');
      const html = String(mail.mail.html);
      assert.match(html, /<strong>people<\/strong>/, 'markdown rendered');
      assert.ok(!/<script|<img|href="javascript:/i.test(html), 'hostile markup never reaches the mail as markup');
      assert.match(
        mail.mail.text ?? '',
        /> Leadership is \*\*people\*\*\./,
        'the plain part quotes the text as written'
      );
      const permalink = `https://blog.test/post#comment-${reply.body.comment.id}`;
      assert.ok(linksOf(mail).includes(permalink), 'a link to the reply');
      assert.ok(html.includes(`href="${permalink}"`));
      assert.match(
        mail.mail.text ?? '',
        /In reply to your comment: "Management is about systems\."/,
        'the excerpt is plain text'
      );
      const unsubscribe = header(mail, 'list-unsubscribe');
      assert.match(unsubscribe, /^<http:\/\/127\.0\.0\.1:\d+\/api\/mail\/unsubscribe\?t=[^>]+>$/);
      assert.equal(header(mail, 'list-unsubscribe-post'), 'List-Unsubscribe=One-Click');
      assert.equal(header(mail, 'auto-submitted'), 'auto-generated');

      // A later comment from the same browser with the same address: covered, no second confirmation.
      const second = await post(server, ALICE, {body: 'Another thought.', email: alice});
      assert.equal(second.body.mail, 'subscribed');
      // Her own reply to her own comment is not mailed to her.
      await post(server, ALICE, {body: 'Replying to myself.', parentId: second.body.comment.id});
      await post(server, BOB, {body: 'An answer to the other one.', parentId: second.body.comment.id});
      await eventually(() => smtp.to(alice).length === 3);
      await pause(300);
      assert.equal(smtp.to(alice).length, 3);
      assert.match(smtp.to(alice)[2]!.mail.text ?? '', /An answer to the other one/);
      assert.ok(!(smtp.to(alice)[2]!.mail.text ?? '').includes('Replying to myself'));

      // The address is in no answer of the API, not even to moderators.
      const answers = await Promise.all([
        call(server.url, 'GET', '/api/comments?post=/post'),
        call(server.url, 'GET', `/api/comments/${first.body.comment.id}/thread`),
        call(server.url, 'GET', '/api/admin/comments?queue=recent', {headers: admin}),
        call(server.url, 'GET', '/api/admin/mail', {headers: admin}),
        call(server.url, 'GET', '/api/admin/export', {headers: admin}),
        call(server.url, 'GET', '/api/feeds/comments.atom?post=/post'),
        call(server.url, 'GET', '/api/feeds/latest.atom'),
      ]);
      for (const answer of answers) {
        assert.equal(answer.status, 200);
        assert.ok(!answer.text.includes('alice+optin'), `no address in ${answer.text.slice(0, 80)}`);
      }
      assert.ok(!JSON.stringify(first.body).includes('alice+optin'), 'nor in the answer to the create');
    } finally {
      await server.close();
    }
  });

  it('sends nothing for a held reply until it is approved, and batches a flood into one mail per few seconds', async () => {
    const server = await mailServer(smtp, {moderation: 'first-time', mailBatchSeconds: 3});
    const alice = 'alice+held@example.test';
    try {
      const first = await post(server, ALICE, {body: 'My first comment here.', email: alice});
      await call(server.url, 'POST', `/api/admin/comments/${first.body.comment.id}`, {
        json: {action: 'approve'},
        headers: admin,
      });
      await eventually(() => smtp.to(alice).length === 1);
      await follow(
        linksOf(smtp.to(alice)[0]!).find((l) => l.includes('/confirm'))!,
        'POST'
      );

      const held = await post(server, BOB, {body: 'Held: my first comment too.', parentId: first.body.comment.id});
      assert.equal(held.body.comment.status, 'pending');
      await pause(1500);
      await server.store.mail.stats(new Date().toISOString());
      assert.equal(smtp.to(alice).length, 1, 'nothing while the reply is held');
      await call(server.url, 'POST', `/api/admin/comments/${held.body.comment.id}`, {
        json: {action: 'approve'},
        headers: admin,
      });
      await eventually(() => smtp.to(alice).length === 2);
      assert.match(smtp.to(alice)[1]!.mail.text ?? '', /Held: my first comment too/);

      // Bob is known now: his next replies publish at once. Three in a row within the batch: one more mail.
      for (const n of [1, 2, 3])
        await post(server, BOB, {body: `Flood reply number ${n}.`, parentId: first.body.comment.id});
      await eventually(() => smtp.to(alice).length === 3);
      const batched = smtp.to(alice)[2]!;
      assert.equal(batched.mail.subject, '3 new replies to your comment on blog.test/post');
      for (const n of [1, 2, 3]) assert.match(batched.mail.text ?? '', new RegExp(`Flood reply number ${n}`));
      const sent = Date.parse(String(smtp.to(alice)[1]!.mail.date));
      assert.ok(
        Date.parse(String(batched.mail.date)) - sent >= 2000,
        'the batch waited for the window after the last mail'
      );
      await pause(500);
      assert.equal(smtp.to(alice).length, 3);
    } finally {
      await server.close();
    }
  });

  it('stops mail about a post, or all mail, by a link or by one click (RFC 8058), without signing in', async () => {
    const server = await mailServer(smtp);
    const alice = 'alice+unsub@example.test';
    try {
      const one = await post(server, ALICE, {body: 'On post one.', email: alice, postId: '/one'});
      await eventually(() => smtp.to(alice).length === 1);
      await follow(
        linksOf(smtp.to(alice)[0]!).find((l) => l.includes('/confirm'))!,
        'POST'
      );
      const two = await post(server, ALICE, {body: 'On post two.', email: alice, postId: '/two'});
      await post(server, BOB, {body: 'Reply on one.', parentId: one.body.comment.id, postId: '/one'});
      await eventually(() => smtp.to(alice).length === 2);
      const mail = smtp.to(alice)[1]!;
      const perPost = linksOf(mail).find(
        (l) => l.includes('/unsubscribe') && !header(mail, 'list-unsubscribe').includes(l)
      )!;
      assert.ok(perPost, 'a link for this post only');
      // GET only asks.
      const asked = await follow(perPost);
      assert.match(asked.text, /Stop mail about this post\?/);
      await post(server, BOB, {body: 'Second reply on one.', parentId: one.body.comment.id, postId: '/one'});
      await eventually(() => smtp.to(alice).length === 3);
      assert.equal((await follow(perPost, 'POST')).status, 200);
      await post(server, BOB, {body: 'Third reply on one.', parentId: one.body.comment.id, postId: '/one'});
      await post(server, BOB, {body: 'Reply on two.', parentId: two.body.comment.id, postId: '/two'});
      await eventually(() => smtp.to(alice).length === 4);
      await pause(1500);
      assert.equal(smtp.to(alice).length, 4, 'nothing more about post one');
      assert.match(smtp.to(alice)[3]!.mail.text ?? '', /Reply on two/);

      // The header's one-click POST stops everything, and forgets the address.
      const oneClick = header(smtp.to(alice)[3]!, 'list-unsubscribe').slice(1, -1);
      const click = await follow(oneClick, 'POST', 'List-Unsubscribe=One-Click');
      assert.equal(click.status, 200);
      assert.equal(await pendingSubscriber(server, alice), null, 'the address is gone');
      await post(server, BOB, {body: 'Another reply on two.', parentId: two.body.comment.id, postId: '/two'});
      await pause(1500);
      assert.equal(smtp.to(alice).length, 4);

      // Links are signed and expire.
      const forged = oneClick.replace(/t=([^.]+)\.(.)/, (_m, payload, c) => `t=${payload}.${c === 'A' ? 'B' : 'A'}`);
      assert.equal((await follow(forged, 'POST', 'List-Unsubscribe=One-Click')).status, 400);
      const {signLink} = await import('../src/mail/links.js');
      const key = await server.store.secret('mail-key');
      const expired = `${server.url}/api/mail/unsubscribe?t=${signLink(key, 'unsubscribe', 'x', Date.now() - 1000)}`;
      assert.equal((await follow(expired, 'POST')).status, 410);
    } finally {
      await server.close();
    }
  });

  it('forgets an address never confirmed, and every address of a browser that asks', async () => {
    const server = await mailServer(smtp);
    try {
      await post(server, ALICE, {body: 'Never confirmed.', email: 'never@example.test'});
      await post(server, BOB, {body: 'Bob asks to be forgotten.', email: 'bob+forget@example.test'});
      assert.equal(
        await server.store.mail.forgetUnconfirmed(new Date(Date.now() - 3 * 86400_000).toISOString()),
        0,
        'kept for three days'
      );
      assert.equal(await server.store.mail.forgetUnconfirmed(new Date(Date.now() + 1000).toISOString()), 2);
      await post(server, BOB, {body: 'Again.', email: 'bob+forget@example.test'});
      const forgot = await call(server.url, 'POST', '/api/mail/forget', {headers: {'x-confab-reader': BOB}});
      assert.deepEqual(forgot.body, {forgotten: 1});
      assert.equal(await pendingSubscriber(server, 'bob+forget@example.test'), null);
    } finally {
      await server.close();
    }
  });
});

/** The subscriber id of an address (any browser), or null. */
const pendingSubscriber = (server: RunningServer, email: string) => server.store.mail.idOf(email);

describe('moderator mail', () => {
  const smtp = new TestSmtp();
  before(() => smtp.start());
  after(() => smtp.stop());
  const moderator = 'editor@blog.test';

  it('mails new and held comments with one-click actions that ask first, work once and land on the comment', async () => {
    const server = await mailServer(smtp, {notifyModerators: moderator, moderation: 'first-time'});
    try {
      const held = await post(server, ALICE, {body: 'Please *approve* me.'});
      assert.equal(held.body.comment.status, 'pending');
      await eventually(() => smtp.to(moderator).length === 1);
      const mail = smtp.to(moderator)[0]!;
      assert.equal(mail.mail.subject, 'Held for approval: Alice on blog.test/post');
      assert.match(String(mail.mail.html), /<em>approve<\/em>/);
      const links = linksOf(mail);
      const approve =
        links[links.findIndex((l) => l === 'Approve:') + 1] ?? links.find((l) => l.includes('/moderate'))!;
      assert.ok(links.includes(`${server.url}/admin`), 'a link into /admin');
      const actions = (mail.mail.text ?? '').match(/^(Approve|Mark as spam|Delete): (\S+)$/gm) ?? [];
      assert.deepEqual(
        actions.map((a) => a.split(':')[0]),
        ['Approve', 'Mark as spam', 'Delete']
      );
      const approveUrl = actions[0]!.slice('Approve: '.length);
      assert.ok(approve);
      // A scanner's GET shows the comment and a button; nothing changes.
      const page = await follow(approveUrl);
      assert.equal(page.status, 200);
      assert.match(page.text, /Please <em>approve<\/em> me\./);
      assert.match(page.text, /held for approval/);
      assert.equal((await server.store.get(held.body.comment.id))!.moderation, 'pending');
      const done = await follow(approveUrl, 'POST');
      assert.equal(done.status, 200);
      assert.match(done.text, /Approved/);
      assert.equal((await server.store.get(held.body.comment.id))!.moderation, 'published');
      assert.equal((await follow(approveUrl, 'POST')).status, 410, 'a link works once');
      assert.equal((await follow(approveUrl)).status, 410);
      // The other links of the same mail still work, each once: mark it as spam after all.
      const spam = actions[1]!.slice('Mark as spam: '.length);
      assert.equal((await follow(spam, 'POST')).status, 200);
      assert.equal((await server.store.get(held.body.comment.id))!.moderation, 'spam');
      assert.equal((await follow(`${server.url}/api/mail/moderate?t=made-up`, 'POST')).status, 410);
      const log = await call(server.url, 'GET', '/api/admin/comments?queue=spam', {headers: admin});
      assert.equal(log.body.comments[0].id, held.body.comment.id);
    } finally {
      await server.close();
    }
  });
});

describe('mail delivery', () => {
  it('never slows or fails a post when SMTP is down, and delivers once it is back', async () => {
    const smtp = new TestSmtp();
    await smtp.start();
    const server = await mailServer(smtp);
    const alice = 'alice+outage@example.test';
    try {
      const first = await post(server, ALICE, {body: 'Before the outage.', email: alice});
      await eventually(() => smtp.to(alice).length === 1);
      await follow(
        linksOf(smtp.to(alice)[0]!).find((l) => l.includes('/confirm'))!,
        'POST'
      );
      // The SMTP server hangs: it takes the connection and never answers.
      await smtp.stop();
      const hung = await blackhole(smtp.port);
      const reply = await post(server, BOB, {body: 'While SMTP is down.', parentId: first.body.comment.id});
      assert.equal(reply.status, 201);
      await eventually(async () => (await server.store.mail.stats(new Date().toISOString())).sending === 1);
      // The mail is stuck in SMTP; readers are not.
      assert.equal((await post(server, BOB, {body: 'Another while SMTP hangs.'})).status, 201);
      assert.equal((await call(server.url, 'GET', '/api/health')).status, 200);
      // Then it goes away entirely: the try fails, and waits to be tried again.
      await hung.close();
      await eventually(async () =>
        (await server.store.mail.list('queued')).some((m) => m.attempts >= 1 && m.lastError)
      );
      const health = await call(server.url, 'GET', '/api/health');
      assert.equal(health.status, 200, 'the comments still work');
      assert.equal(health.body.mail.queued, 1);
      const view = await call(server.url, 'GET', '/api/admin/mail', {headers: admin});
      assert.ok(view.body.mails.find((m: {status: string}) => m.status === 'queued').error, 'moderators see why');
      await smtp.start();
      await eventually(() => smtp.to(alice).length === 2, 200);
      assert.match(smtp.to(alice)[1]!.mail.text ?? '', /While SMTP is down/);
      assert.equal((await call(server.url, 'GET', '/api/health')).body.mail.queued, 0);
    } finally {
      await server.close();
      await smtp.stop();
    }
  });

  it('gives up on a mail the SMTP server refuses for good, logs it and shows it to moderators', async () => {
    const smtp = new TestSmtp();
    await smtp.start();
    smtp.beforeAccept = (m) => {
      if (m.to.startsWith('nobody')) throw Object.assign(new Error('5.1.1 No such mailbox'), {responseCode: 550});
    };
    const server = await mailServer(smtp);
    try {
      await post(server, ALICE, {body: 'To a dead mailbox.', email: 'nobody@example.test'});
      await eventually(async () => (await server.store.mail.list('failed')).length === 1);
      const view = await call(server.url, 'GET', '/api/admin/mail', {headers: admin});
      const failed = view.body.mails.find((m: {status: string}) => m.status === 'failed');
      assert.equal(failed.to, '…@example.test', 'moderators see the domain only');
      assert.match(failed.error, /No such mailbox/);
      assert.equal(failed.attempts, 1, 'a permanent refusal is not tried again');
      smtp.beforeAccept = () => {};
      assert.equal(
        (await call(server.url, 'POST', `/api/admin/mail/${failed.id}/retry`, {headers: admin})).status,
        200
      );
      await eventually(() => smtp.to('nobody@example.test').length === 1);
    } finally {
      await server.close();
      await smtp.stop();
    }
  });
});

describe('mail across processes', () => {
  it('sends nothing twice after a kill -9 in the middle of a send', async () => {
    const smtp = new TestSmtp();
    await smtp.start();
    const port = await freePort();
    const database = await freshSqlite();
    const args = [
      '--port',
      String(port),
      '--database',
      database,
      '--admin-secret',
      ADMIN_SECRET,
      '--smtp',
      smtp.url,
      '--public-url',
      `http://127.0.0.1:${port}`,
      '--site-url',
      'https://blog.test',
      '--mail-batch',
      '1',
      '--rate-limit',
      '0',
      '--min-submit',
      '0',
      '--quiet',
    ];
    let server = await spawnServer(args);
    const alice = 'alice+kill@example.test';
    const as = (url: string) => ({url}) as RunningServer;
    try {
      const first = await post(as(server.url), ALICE, {body: 'Will they mail me twice?', email: alice});
      await eventually(() => smtp.to(alice).length === 1);
      await follow(
        linksOf(smtp.to(alice)[0]!).find((l) => l.includes('/confirm'))!,
        'POST'
      );
      // The SMTP server has the reply mail when the process dies, before it could note it as sent.
      const victim = server.child;
      smtp.beforeAccept = async (m) => {
        if (m.to !== alice) return;
        smtp.beforeAccept = () => {};
        victim.kill('SIGKILL');
        await exited(victim);
      };
      await post(as(server.url), BOB, {body: 'A reply as the lights go out.', parentId: first.body.comment.id});
      await exited(victim);
      await eventually(() => smtp.to(alice).length === 2);

      server = await spawnServer(args);
      await post(as(server.url), BOB, {body: 'A reply after the restart.', parentId: first.body.comment.id});
      await eventually(() => smtp.to(alice).length === 3);
      // Several rounds of the new process's worker later, still once each.
      await pause(2500);
      const texts = smtp.to(alice).map((m) => m.mail.text ?? '');
      assert.equal(
        texts.filter((t) => t.includes('as the lights go out')).length,
        1,
        'the mail in flight was not sent again'
      );
      assert.equal(texts.filter((t) => t.includes('after the restart')).length, 1);
      assert.equal(new Set(smtp.to(alice).map((m) => m.mail.messageId)).size, 3);
    } finally {
      server.child.kill('SIGTERM');
      await exited(server.child);
      await smtp.stop();
    }
  });

  it('takes each mail once with two processes on one PostgreSQL database', async () => {
    const smtp = new TestSmtp();
    await smtp.start();
    const database = await freshPostgres();
    const a = await mailServer(smtp, {}, database);
    const b = await mailServer(smtp, {}, database);
    const alice = 'alice+pg@example.test';
    try {
      const roots: string[] = [];
      for (let i = 0; i < 12; i++) {
        const root = await post(i % 2 ? a : b, ALICE, {body: `Root ${i}.`, email: alice, postId: `/pg/${i}`});
        assert.equal(root.status, 201, root.text);
        roots.push(root.body.comment.id);
      }
      await eventually(() => smtp.to(alice).length === 1, 100);
      await follow(
        linksOf(smtp.to(alice)[0]!).find((l) => l.includes('/confirm'))!,
        'POST'
      );
      // Replies on twelve posts, through both processes at once: both workers race for the same outbox.
      await Promise.all(
        roots.map((id, i) => post(i % 2 ? b : a, BOB, {body: `Reply on post ${i}.`, parentId: id, postId: `/pg/${i}`}))
      );
      await eventually(() => smtp.to(alice).length === 13, 100);
      await pause(2000);
      assert.equal(smtp.to(alice).length, 13, 'one confirmation and one mail per post, none twice');
      for (let i = 0; i < 12; i++) {
        assert.equal(smtp.to(alice).filter((m) => (m.mail.text ?? '').includes(`Reply on post ${i}.`)).length, 1);
      }
    } finally {
      await a.close();
      await b.close();
      await smtp.stop();
    }
  });
});
