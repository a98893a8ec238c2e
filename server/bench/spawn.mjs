import {spawn} from 'node:child_process';

const CLI = new URL('../bin/confab-server.js', import.meta.url).pathname;

/**
 * Starts the built `confab-server` in a process of its own (for the benchmarks: measured apart from the load that
 * drives it) with `args` after `--port 0`; resolves with its URL once it listens, and the child to stop it with.
 */
export async function startCli(args) {
  const child = spawn(process.execPath, [CLI, '--port', '0', ...args], {stdio: ['ignore', 'pipe', 'inherit']});
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`[confab] the server exited with ${code}`)));
  });
  return {url, child};
}
