import {closeSync, openSync, writeSync} from 'node:fs';
import Database from 'better-sqlite3';

/** An Isso database, with the tables Isso itself creates (isso/db/threads.py, isso/db/comments.py). */
export function issoDatabase(file: string): void {
  const db = new Database(file);
  db.exec(`
    CREATE TABLE IF NOT EXISTS preferences (key VARCHAR PRIMARY KEY, value VARCHAR);
    CREATE TABLE IF NOT EXISTS threads (id INTEGER PRIMARY KEY, uri VARCHAR(256) UNIQUE, title VARCHAR(256));
    CREATE TABLE IF NOT EXISTS comments (
      tid REFERENCES threads(id), id INTEGER PRIMARY KEY, parent INTEGER, created FLOAT NOT NULL, modified FLOAT,
      mode INTEGER, remote_addr VARCHAR, text VARCHAR, author VARCHAR, email VARCHAR, website VARCHAR,
      likes INTEGER DEFAULT 0, dislikes INTEGER DEFAULT 0, voters BLOB NOT NULL, notification INTEGER DEFAULT 0);
  `);
  db.prepare('INSERT INTO threads (id, uri, title) VALUES (?, ?, ?)').run(
    1,
    '/2013/09/leadership-vs-management/',
    'Leadership vs. Management'
  );
  db.prepare('INSERT INTO threads (id, uri, title) VALUES (?, ?, ?)').run(2, '/about.html', 'About');
  const insert = db.prepare(
    'INSERT INTO comments (tid, id, parent, created, modified, mode, remote_addr, text, author, email, website, likes, dislikes, voters) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'
  );
  const t0 = Date.UTC(2018, 0, 1) / 1000;
  insert.run(
    1,
    1,
    null,
    t0,
    null,
    1,
    '203.0.113.0',
    'A *markdown* comment from Isso.',
    'Ann',
    'ann@example.org',
    null,
    2,
    0,
    Buffer.alloc(256)
  );
  insert.run(
    1,
    2,
    1,
    t0 + 60,
    t0 + 90,
    1,
    '198.51.100.0',
    'A reply, edited.',
    'Bob',
    null,
    'https://bob.example',
    0,
    0,
    Buffer.alloc(256)
  );
  insert.run(
    1,
    3,
    null,
    t0 + 120,
    null,
    2,
    '192.0.2.0',
    'Waiting in the moderation queue.',
    null,
    null,
    null,
    0,
    0,
    Buffer.alloc(256)
  );
  insert.run(1, 4, null, t0 + 180, null, 4, '', '', null, null, null, 0, 0, Buffer.alloc(256));
  insert.run(
    1,
    5,
    4,
    t0 + 240,
    null,
    1,
    '192.0.2.1',
    'Under a deleted comment.',
    'Carol',
    null,
    null,
    0,
    0,
    Buffer.alloc(256)
  );
  insert.run(
    2,
    6,
    null,
    t0 + 300,
    null,
    1,
    '192.0.2.2',
    'On the about page.',
    'Dan',
    null,
    null,
    0,
    0,
    Buffer.alloc(256)
  );
  db.close();
}

/**
 * A Disqus export of `n` comments over `n / 50` threads (a fifth of them replies), written a line at a time, as big
 * as asked without being held in memory.
 */
export function largeDisqus(file: string, n: number): void {
  const fd = openSync(file, 'w');
  const line = (text: string) => writeSync(fd, `${text}\n`);
  line('<?xml version="1.0" encoding="utf-8"?>');
  line('<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">');
  const threads = Math.max(1, Math.ceil(n / 50));
  for (let t = 0; t < threads; t++) {
    line(
      `<thread dsq:id="t${t}"><id /><forum>big</forum><link>https://big.example/posts/${t}/</link><title>Post ${t}</title><message /><createdAt>2015-01-01T00:00:00Z</createdAt><isClosed>false</isClosed><isDeleted>false</isDeleted></thread>`
    );
  }
  for (let i = 0; i < n; i++) {
    const thread = i % threads;
    const parent = i >= threads * 2 && i % 5 === 0 ? `<parent dsq:id="p${i - threads}" />` : '';
    const date = new Date(Date.UTC(2015, 0, 1) + i * 60_000).toISOString();
    line(
      `<post dsq:id="p${i}"><id /><message><![CDATA[<p>Comment <b>${i}</b> of a long export, with <a href="https://example.org/${i}">a link</a> and some words to make it the size of a real comment.</p>]]></message><createdAt>${date}</createdAt><isDeleted>false</isDeleted><isSpam>false</isSpam><author><name>Reader ${i % 97}</name><isAnonymous>false</isAnonymous></author><ipAddress>203.0.113.${i % 250}</ipAddress><thread dsq:id="t${thread}" />${parent}</post>`
    );
  }
  line('</disqus>');
  closeSync(fd);
}
