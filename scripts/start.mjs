#!/usr/bin/env node
/**
 * `npm start`: builds the widget and the server only where their sources changed since the last build, then starts the
 * Confab server with the demo on SQLite. Arguments after `--` go to the server (`npm start -- --port 8080`).
 */
import {spawn, spawnSync} from 'node:child_process';
import {readdirSync, statSync} from 'node:fs';
import {join} from 'node:path';

const root = new URL('..', import.meta.url).pathname;

/** The newest modification time of files under these paths (0 when none exists). */
function newest(paths) {
  let time = 0;
  for (const path of paths) {
    let stat;
    try {
      stat = statSync(join(root, path));
    } catch {
      continue;
    }
    if (stat.isDirectory()) time = Math.max(time, newest(readdirSync(join(root, path)).map((f) => join(path, f))));
    else time = Math.max(time, stat.mtimeMs);
  }
  return time;
}

const builds = [
  {
    name: 'the widget',
    sources: ['src', 'demo/npm-app.js', 'rollup.config.ts', 'tsconfig.json', 'tsconfig.build.json', 'package.json'],
    output: 'dist/custom-elements.json',
    command: ['run', 'build'],
  },
  {
    name: 'the server',
    sources: ['server/src', 'server/package.json', 'src/core', 'src/sanitize', 'src/admin.ts'],
    output: 'server/dist/cli.js',
    command: ['run', 'build', '-w', 'server'],
  },
];

for (const build of builds) {
  const built = newest([build.output]);
  if (built && built >= newest(build.sources)) continue;
  console.log(`Building ${build.name}…`);
  const result = spawnSync('npm', ['--silent', ...build.command], {cwd: root, stdio: 'inherit'});
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const args = ['server/bin/confab-server.js', '--demo', '.', '--seed', 'demo/leadership-comments.json'];
args.push('--database', 'server/data/demo.db', ...process.argv.slice(2));
const server = spawn(process.execPath, args, {cwd: root, stdio: 'inherit'});
// Ctrl-C or a stop reaches the server, which shuts down gracefully; this process ends with it.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
