/**
 * Starts real Confab servers (the built server/dist/cli.js, on SQLite) for the browser tests, and tells a test their
 * URLs through `executeServerCommand('confab-server', {name})`. Stopped when the test run ends.
 */
import {spawn} from 'node:child_process';
import {createServer, request} from 'node:http';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

function start(args) {
  const child = spawn(process.execPath, ['server/bin/confab-server.js', '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve({url: match[1], child});
    });
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => reject(new Error(`[confab] test server exited with ${code}: ${output}`)));
  });
}

/**
 * A proxy in front of a server that loses the answer to the first create of each comment (by its text): the request
 * reaches the server and is stored, then the connection drops as the answer starts, as when a phone loses its signal.
 */
function lossyProxy(target) {
  const lost = new Set();
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      let text = null;
      try {
        if (req.method === 'POST' && req.url.startsWith('/api/comments')) text = JSON.parse(String(body)).body;
      } catch {
        // Not a create.
      }
      const loseIt = typeof text === 'string' && !lost.has(text);
      if (loseIt) lost.add(text);
      const upstream = request(new URL(req.url, target), {method: req.method, headers: req.headers}, (answer) => {
        if (loseIt) {
          // Some bytes of the answer come back (a browser retries by itself a request whose connection closed
          // before any did), then the line drops.
          answer.resume();
          answer.on('end', () => {
            res.socket.write(`HTTP/1.1 ${answer.statusCode} OK\r\n`);
            res.socket.destroy();
          });
          return;
        }
        res.writeHead(answer.statusCode, answer.headers);
        answer.pipe(res);
      });
      upstream.on('error', () => res.destroy());
      upstream.end(body);
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({url: `http://127.0.0.1:${server.address().port}`, server}))
  );
}

/** A real SMTP server (smtp-server) that keeps what it is sent: recipient, subject and plain text. */
async function smtpServer(received) {
  const {SMTPServer} = await import('smtp-server');
  const {simpleParser} = await import('mailparser');
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    closeTimeout: 200,
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          for (const {address} of session.envelope.rcptTo)
            received.push({to: address, subject: mail.subject, text: mail.text});
          callback();
        },
        (error) => callback(error)
      );
    },
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

export function confabServerPlugin({origin}) {
  const dir = mkdtempSync(join(tmpdir(), 'confab-wtr-'));
  const servers = new Map();
  const variants = {
    main: ['--rate-limit', '0', '--post-rate-limit', '0', '--min-submit', '0'],
    limited: ['--rate-limit', '2', '--rate-window', '600'],
    moderated: [
      '--rate-limit',
      '0',
      '--post-rate-limit',
      '0',
      '--moderation',
      'all',
      '--admin-secret',
      'browser-test-admin-secret',
    ],
    // Two sites (the test page's origin is allowed for both, through --origins, and belongs to neither).
    sites: [
      '--rate-limit',
      '0',
      '--post-rate-limit',
      '0',
      '--min-submit',
      '0',
      '--site',
      'blog=https://blog.example',
      '--site',
      'docs=https://docs.example',
      '--admin-secret',
      'browser-test-admin-secret',
    ],
    // Its database can be locked by another process on request (`confab-server-lock`): every write then fails
    // after half a second, as with a database that is down.
    outage: ['--rate-limit', '0', '--post-rate-limit', '0', '--db-statement-timeout', '0.5'],
    // Sends mail to a real SMTP server in this process (`confab-mail` tells what it received).
    mail: [
      '--rate-limit',
      '0',
      '--post-rate-limit',
      '0',
      '--min-submit',
      '0',
      '--mail-batch',
      '1',
      '--public-url',
      'http://127.0.0.1:9',
      '--admin-secret',
      'browser-test-admin-secret',
      '--author-name',
      'Site Author',
    ],
  };
  /** What the mail variant's SMTP server received. */
  const received = [];
  let smtp = null;
  /** Another process's write lock on a server's SQLite file, while a test wants the database unavailable. */
  const locks = new Map();
  return {
    name: 'confab-server',
    async serverStart() {
      smtp = await smtpServer(received);
      variants.mail.push('--smtp', `smtp://127.0.0.1:${smtp.server.address().port}`);
      for (const [name, args] of Object.entries(variants)) {
        servers.set(name, await start(['--database', join(dir, `${name}.db`), '--origins', origin, ...args]));
      }
      servers.set('lossy', await lossyProxy(servers.get('main').url));
    },
    async serverStop() {
      for (const db of locks.values()) db.close();
      for (const {child, server} of servers.values()) {
        child?.kill('SIGTERM');
        server?.close();
      }
      smtp?.close();
      rmSync(dir, {recursive: true, force: true});
    },
    async executeCommand({command, payload}) {
      if (command === 'confab-server-lock') {
        const file = join(dir, `${payload.name}.db`);
        if (payload.locked && !locks.has(file)) {
          const {default: Database} = await import('better-sqlite3');
          const db = new Database(file);
          db.exec('BEGIN IMMEDIATE');
          locks.set(file, db);
        } else if (!payload.locked && locks.has(file)) {
          const db = locks.get(file);
          db.exec('ROLLBACK');
          db.close();
          locks.delete(file);
        }
        return true;
      }
      if (command === 'confab-mail') return received.filter((m) => !payload?.to || m.to === payload.to);
      if (command !== 'confab-server') return undefined;
      const server = servers.get(payload?.name ?? 'main');
      return server ? {url: server.url} : null;
    },
  };
}
