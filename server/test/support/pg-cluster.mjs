/**
 * A throwaway PostgreSQL cluster for tests and benchmarks: the installed PostgreSQL's initdb in a temporary folder,
 * on a free port, run as the "postgres" user when we are root, removed by stop().
 */
import {spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, readdirSync, rmSync, chownSync} from 'node:fs';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

function findPgBin() {
  const fromConfig = spawnSync('pg_config', ['--bindir'], {encoding: 'utf8'});
  const candidates = [];
  if (fromConfig.status === 0) candidates.push(fromConfig.stdout.trim());
  if (existsSync('/usr/lib/postgresql')) {
    for (const v of readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a))) candidates.push(`/usr/lib/postgresql/${v}/bin`);
  }
  return candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
}

export const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const {port} = s.address();
      s.close(() => resolve(port));
    });
  });

export async function startCluster() {
  const bin = findPgBin();
  if (!bin) {
    console.error('[confab] The server tests need PostgreSQL: install it (Debian: apt-get install -y postgresql)');
    console.error('[confab] or set CONFAB_TEST_DATABASE_URL to a role that may create databases.');
    process.exit(1);
  }
  // initdb refuses to run as root: run the cluster as the postgres user when we are root, in /tmp, which that user
  // can reach whatever the permissions of the checkout's folders.
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(asRoot ? '/tmp' : tmpdir(), 'confab-pg-'));
  const data = join(dir, 'data');
  let user = [];
  if (asRoot) {
    const id = spawnSync('id', ['-u', 'postgres'], {encoding: 'utf8'});
    const gid = spawnSync('id', ['-g', 'postgres'], {encoding: 'utf8'});
    if (id.status !== 0) {
      console.error('[confab] Running as root, the test cluster needs the "postgres" user (created by the postgresql package).');
      process.exit(1);
    }
    chownSync(dir, Number(id.stdout), Number(gid.stdout));
    user = ['runuser', '-u', 'postgres', '--'];
  }
  const run = (cmd, args) => {
    const full = [...user, cmd, ...args];
    const result = spawnSync(full[0], full.slice(1), {encoding: 'utf8'});
    if (result.status !== 0) throw new Error(`${cmd} failed: ${result.stderr || result.stdout}`);
  };
  const port = await freePort();
  run(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  run(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`, 'start']);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(dir, {recursive: true, force: true});
      }
    },
  };
}
