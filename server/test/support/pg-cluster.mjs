/**
 * A throwaway PostgreSQL cluster for tests and benchmarks: the installed PostgreSQL's initdb in a temporary folder,
 * on a free port, run as the "postgres" user when we are root, removed by stop().
 */
import {spawn, spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, chownSync} from 'node:fs';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

function findPgBin() {
  const fromConfig = spawnSync('pg_config', ['--bindir'], {encoding: 'utf8'});
  const candidates = [];
  if (fromConfig.status === 0) candidates.push(fromConfig.stdout.trim());
  if (existsSync('/usr/lib/postgresql')) {
    for (const v of readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a)))
      candidates.push(`/usr/lib/postgresql/${v}/bin`);
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

/**
 * Starts a throwaway cluster. Besides `url` and `stop()`, fault tests use `restart(mode)` (pg_ctl restart: `fast`
 * ends sessions cleanly, `immediate` like a crash), `down()` and `up()` (the database stopped, then started again on
 * the same port), `pause()` and `resume()` (every PostgreSQL process frozen with SIGSTOP: it stops answering without
 * closing any connection), and `sql(statement)` (psql as the superuser).
 */
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
      console.error(
        '[confab] Running as root, the test cluster needs the "postgres" user (created by the postgresql package).'
      );
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
  // Faults are injected while the test's own load keeps running: the commands must not block its event loop.
  const runAsync = (cmd, args) =>
    new Promise((resolve, reject) => {
      const full = [...user, cmd, ...args];
      const child = spawn(full[0], full.slice(1), {stdio: ['ignore', 'pipe', 'pipe']});
      let output = '';
      child.stdout.on('data', (d) => (output += d));
      child.stderr.on('data', (d) => (output += d));
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} failed: ${output}`))));
    });
  const port = await freePort();
  run(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  const startArgs = ['-D', data, '-l', join(dir, 'log'), '-w', '-o', options, 'start'];
  run(join(bin, 'pg_ctl'), startArgs);
  /** The postmaster and every process it started. */
  const processes = () => {
    const main = readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0].trim();
    const children = spawnSync('pgrep', ['-P', main], {encoding: 'utf8'}).stdout.split('\n').filter(Boolean);
    return [main, ...children].map(Number);
  };
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    restart: (mode = 'fast') =>
      runAsync(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'log'), '-w', '-m', mode, '-o', options, 'restart']),
    down: (mode = 'fast') => runAsync(join(bin, 'pg_ctl'), ['-D', data, '-m', mode, '-w', 'stop']),
    up: () => runAsync(join(bin, 'pg_ctl'), startArgs),
    pause() {
      for (const pid of processes()) process.kill(pid, 'SIGSTOP');
    },
    resume() {
      for (const pid of processes()) process.kill(pid, 'SIGCONT');
    },
    sql: (statement) =>
      runAsync(join(bin, 'psql'), [
        '-h',
        dir,
        '-p',
        String(port),
        '-U',
        'postgres',
        '-d',
        'postgres',
        '-v',
        'ON_ERROR_STOP=1',
        '-c',
        statement,
      ]),
    stop() {
      try {
        spawnSync('kill', ['-CONT', ...processes().map(String)]);
        run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
      } catch {
        // Already stopped by a test.
      } finally {
        rmSync(dir, {recursive: true, force: true});
      }
    },
  };
}
