/**
 * Starts real Confab servers (the built server/dist/cli.js, on SQLite) for the browser tests, and tells a test their
 * URLs through `executeServerCommand('confab-server', {name})`. Stopped when the test run ends.
 */
import {spawn} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

function start(args) {
  const child = spawn(process.execPath, ['server/bin/confab-server.js', '--port', '0', ...args], {stdio: ['ignore', 'pipe', 'pipe']});
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

export function confabServerPlugin({origin}) {
  const dir = mkdtempSync(join(tmpdir(), 'confab-wtr-'));
  const servers = new Map();
  const variants = {
    main: ['--rate-limit', '0', '--post-rate-limit', '0', '--min-submit', '0'],
    limited: ['--rate-limit', '2', '--rate-window', '600'],
    moderated: ['--rate-limit', '0', '--post-rate-limit', '0', '--moderation', 'all', '--admin-secret', 'browser-test-admin-secret'],
  };
  return {
    name: 'confab-server',
    async serverStart() {
      for (const [name, args] of Object.entries(variants)) {
        servers.set(name, await start(['--database', join(dir, `${name}.db`), '--origins', origin, ...args]));
      }
    },
    async serverStop() {
      for (const {child} of servers.values()) child.kill('SIGTERM');
      rmSync(dir, {recursive: true, force: true});
    },
    executeCommand({command, payload}) {
      if (command !== 'confab-server') return undefined;
      const server = servers.get(payload?.name ?? 'main');
      return server ? {url: server.url} : null;
    },
  };
}
