import {executeServerCommand} from '@web/test-runner-commands';

/** The API URL of a real Confab server started for this test run (see confab-server-plugin.mjs). */
export async function serverEndpoint(
  name: 'main' | 'limited' | 'moderated' | 'lossy' | 'outage' | 'mail' | 'sites' = 'main'
): Promise<string> {
  const server = await executeServerCommand<{url: string} | null, {name: string}>('confab-server', {name});
  if (!server) throw new Error(`[confab] no test server "${name}"`);
  return `${server.url}/api`;
}

/** Makes a test server's database unavailable (another process holds its write lock), or available again. */
export async function lockDatabase(name: 'outage', locked: boolean): Promise<void> {
  await executeServerCommand('confab-server-lock', {name, locked});
}

/** The mails the `mail` test server has sent (to one address), as its SMTP server received them. */
export async function mailReceived(to?: string): Promise<{to: string; subject: string; text: string}[]> {
  return executeServerCommand('confab-mail', {to});
}
