import {createWriteStream} from 'node:fs';
import {parseArgs} from 'node:util';
import {isValidPostId} from 'confab/core';
import {exportConfab, exportWxr} from './migrate/export.js';
import {FORMATS, importFile, type ImportSummary} from './migrate/import.js';
import {readMap} from './migrate/post-ids.js';
import {SourceError} from './migrate/source.js';
import {openStore} from './store/index.js';

export const COMMANDS_USAGE = `Commands (each with --database <file|url>, as for the server):
  confab-server import --from <format> <file> [--dry-run] [--json] [--map <rules>]
      formats: ${Object.keys(FORMATS).join(', ')}
      --dry-run  read and check everything, say what would happen, write nothing
      --json     the summary as JSON
      --map      a file of "old -> new" post id rules (* matches any text)
  confab-server export [--format confab|wxr] [--post <id>] [--out <file>] [--site-url <url>]
  confab-server move --from <old post id> --to <new post id>`;

/** Runs a command of the CLI other than the server itself; resolves to the exit code. */
export async function runCommand(name: string, argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const {values, positionals} = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: {
      database: {type: 'string'},
      from: {type: 'string'},
      to: {type: 'string'},
      'dry-run': {type: 'boolean'},
      json: {type: 'boolean'},
      map: {type: 'string'},
      format: {type: 'string'},
      post: {type: 'string'},
      out: {type: 'string'},
      'site-url': {type: 'string'},
    },
  });
  const store = openStore(values.database ?? env.DATABASE_URL ?? 'confab.db');
  try {
    await store.migrate();
    if (name === 'import') {
      const file = positionals[0];
      if (!values.from || !file)
        throw new SourceError('Say what to import: confab-server import --from <format> <file>.');
      const summary = await importFile(store, {
        format: values.from,
        file,
        dryRun: values['dry-run'],
        map: values.map ? await readMap(values.map) : [],
        salt: await store.secret('ip-salt'),
      });
      console.log(values.json ? JSON.stringify(summary, null, 2) : describe(summary));
      return 0;
    }
    if (name === 'export') {
      const format = values.format ?? 'confab';
      if (format !== 'confab' && format !== 'wxr') throw new SourceError('--format is confab or wxr.');
      const out: NodeJS.WritableStream = values.out ? createWriteStream(values.out) : process.stdout;
      const chunks =
        format === 'wxr'
          ? exportWxr(store, {postId: values.post, siteUrl: values['site-url']})
          : exportConfab(store, {postId: values.post});
      for await (const chunk of chunks)
        if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
      if (out !== process.stdout) await new Promise<void>((r) => out.end(() => r()));
      return 0;
    }
    if (name === 'move') {
      if (!values.from || !values.to)
        throw new SourceError('Say what moves where: confab-server move --from <old post id> --to <new post id>.');
      for (const id of [values.from, values.to])
        if (!isValidPostId(id)) throw new SourceError(`${JSON.stringify(id)} is not a valid post id.`);
      const moved = await store.move(values.from, values.to);
      console.log(`[confab] moved ${moved} comment${moved === 1 ? '' : 's'} from ${values.from} to ${values.to}.`);
      return 0;
    }
    throw new SourceError(`No command "${name}".`);
  } catch (error) {
    if (!(error instanceof SourceError)) throw error;
    console.error(error.message);
    return 1;
  } finally {
    await store.close();
  }
}

/** The summary, for people. */
export function describe(s: ImportSummary): string {
  const reasons = (skipped: ImportSummary['skipped']) =>
    Object.entries(skipped)
      .map(([reason, n]) => `${n} ${reason}`)
      .join(', ');
  const lines = [
    `${s.dryRun ? 'Dry run (nothing written): ' : ''}${s.format} export ${s.file}: ${s.read} comments read, ${s.imported} ${s.dryRun ? 'would be ' : ''}imported.`,
  ];
  for (const t of s.threads) {
    const held = [
      t.pending && `${t.pending} pending`,
      t.spam && `${t.spam} spam`,
      t.placeholders && `${t.placeholders} placeholders`,
    ]
      .filter(Boolean)
      .join(', ');
    const notes = [
      t.remappedFrom && `renamed from ${t.remappedFrom}`,
      t.reattached && `${t.reattached} replies attached further up`,
      t.shortened && `${t.shortened} shortened to 5,000 characters`,
      Object.keys(t.skipped).length && `skipped: ${reasons(t.skipped)}`,
    ].filter(Boolean);
    lines.push(
      `  ${t.postId}${t.title ? ` "${t.title}"` : ''}: ${t.imported}${held ? ` (${held})` : ''}${notes.length ? `; ${notes.join('; ')}` : ''}`
    );
  }
  if (Object.keys(s.skipped).length) lines.push(`Skipped: ${reasons(s.skipped)}.`);
  return lines.join('\n');
}
