import {COMMANDS_USAGE, runCommand} from './commands.js';
import {loadConfig, USAGE} from './config.js';
import {startServer} from './server.js';

const COMMANDS = ['import', 'export', 'move', 'render', 'moderator'];

/** `confab-server`: starts the server (SIGINT/SIGTERM shut it down gracefully), or runs one of its commands. */
async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  if (command && COMMANDS.includes(command)) {
    try {
      process.exitCode = await runCommand(command, rest, process.env);
    } catch (error) {
      console.error(`[confab] ${(error as Error).message}`);
      console.error(`\n${COMMANDS_USAGE}`);
      process.exitCode = 2;
    }
    return;
  }
  let config;
  try {
    config = loadConfig(process.argv.slice(2), process.env);
  } catch (error) {
    console.error(
      (error as Error).message.startsWith('[confab]')
        ? (error as Error).message
        : `[confab] ${(error as Error).message}`
    );
    console.error(`\n${USAGE}\n\n${COMMANDS_USAGE}`);
    process.exit(2);
  }
  if (config === 'help') {
    console.log(`${USAGE}\n\n${COMMANDS_USAGE}`);
    return;
  }
  const server = await startServer(config);
  console.log(`[confab] listening on ${server.url} (${server.store.kind}, schema v${server.schemaVersion})`);
  if (config.demo) console.log(`\nConfab demo: ${server.url}/demo/\nModeration:  ${server.url}/admin\n`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[confab] ${signal}: finishing in-flight requests, then stopping`);
    const force = setTimeout(() => process.exit(1), 5000);
    force.unref();
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error) => {
  console.error('[confab] Could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
