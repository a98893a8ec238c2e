import {executeServerCommand} from '@web/test-runner-commands';

/** The API URL of a real Confab server started for this test run (see confab-server-plugin.mjs). */
export async function serverEndpoint(name: 'main' | 'limited' | 'moderated' = 'main'): Promise<string> {
  const server = await executeServerCommand<{url: string} | null, {name: string}>('confab-server', {name});
  if (!server) throw new Error(`[confab] no test server "${name}"`);
  return `${server.url}/api`;
}
