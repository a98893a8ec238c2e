import {createWriteStream} from 'node:fs';
import {mkdir, writeFile} from 'node:fs/promises';
import {dirname, join} from 'node:path';
import {parseArgs} from 'node:util';
import {cleanName, isValidPostId} from 'confab/core';
import {hashToken, newToken} from './http/tokens.js';
import {exportConfab, exportWxr} from './migrate/export.js';
import {scoped, SITE_ID} from './sites.js';
import {FORMATS, importFile, type ImportSummary} from './migrate/import.js';
import {readMap} from './migrate/post-ids.js';
import {SourceError} from './migrate/source.js';
import {openRenderer} from './render-api.js';
import {openStore} from './store/index.js';

export const COMMANDS_USAGE = `Commands (each with --database <file|url>, as for the server):
  confab-server import --from <format> <file> [--dry-run] [--json] [--map <rules>] [--site <id>]
      formats: ${Object.keys(FORMATS).join(', ')}
      --dry-run  read and check everything, say what would happen, write nothing
      --json     the summary as JSON
      --map      a file of "old -> new" post id rules (* matches any text)
  confab-server export [--format confab|wxr] [--post <id>] [--out <file>] [--site-url <url>] [--site <id>]
  confab-server move --from <old post id> --to <new post id> [--site <id>]
      --site  (import, export, move, render) a site other than the first of the server's --site list, whose
              posts need none; a whole export says which site each post is on, and imports back alike
  confab-server render --post <id> [--out <file>] | --all --out <folder>  [--endpoint <api url>] [--page <url>] [--mail] [--site <id>]
      the server-rendered thread (the fragment of GET /api/comments.html) for static sites, at build time:
      --all writes one file per post with published comments (/2013/09/x -> <folder>/2013/09/x.html)
      --endpoint  where its no-script form posts (the API's public address, such as https://comments.example/api)
  confab-server moderator add <name> [--site <id>]... | remove <name> | list
      moderators by name, each with their own secret for /admin (printed once, stored hashed); their replies carry
      the Author badge under their name, and their actions are logged under it`;

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
      all: {type: 'boolean'},
      endpoint: {type: 'string'},
      page: {type: 'string'},
      mail: {type: 'boolean'},
      site: {type: 'string', multiple: true},
    },
  });
  if (name === 'render') return render({...values, site: siteArg(values.site)}, env);
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
        site: siteArg(values.site),
      });
      console.log(values.json ? JSON.stringify(summary, null, 2) : describe(summary));
      return 0;
    }
    if (name === 'export') {
      const format = values.format ?? 'confab';
      if (format !== 'confab' && format !== 'wxr') throw new SourceError('--format is confab or wxr.');
      const site = siteArg(values.site);
      const sites = site === undefined ? undefined : [site];
      const post = values.post && scoped(site ?? '', values.post);
      const out: NodeJS.WritableStream = values.out ? createWriteStream(values.out) : process.stdout;
      const chunks =
        format === 'wxr'
          ? exportWxr(store, {postId: post, siteUrl: values['site-url'], sites})
          : exportConfab(store, {postId: post, sites});
      for await (const chunk of chunks)
        if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
      if (out !== process.stdout) await new Promise<void>((r) => out.end(() => r()));
      return 0;
    }
    if (name === 'moderator') {
      const [verb, who] = positionals;
      if (verb === 'list') {
        for (const m of await store.moderators())
          console.log(`${m.name}${m.sites ? ` (sites: ${m.sites.join(', ')})` : ''}`);
        return 0;
      }
      const moderator = cleanName(who ?? '');
      if ((verb !== 'add' && verb !== 'remove') || !moderator)
        throw new SourceError('Say what to do: confab-server moderator add <name> | remove <name> | list.');
      if (verb === 'remove') {
        if (!(await store.removeModerator(moderator))) throw new SourceError(`No moderator "${moderator}".`);
        console.log(`[confab] ${moderator} is no longer a moderator: their secret no longer signs in.`);
        return 0;
      }
      const secret = newToken();
      const sites = values.site?.length ? values.site : null;
      if (!(await store.addModerator(moderator, hashToken(secret), sites, new Date().toISOString())))
        throw new SourceError(`"${moderator}" is a moderator already (remove them first to give a new secret).`);
      console.log(
        `[confab] ${moderator} is a moderator${sites ? ` of ${sites.join(', ')}` : ''}. Their secret for /admin (shown once):\n\n  ${secret}\n`
      );
      return 0;
    }
    if (name === 'move') {
      if (!values.from || !values.to)
        throw new SourceError('Say what moves where: confab-server move --from <old post id> --to <new post id>.');
      for (const id of [values.from, values.to])
        if (!isValidPostId(id)) throw new SourceError(`${JSON.stringify(id)} is not a valid post id.`);
      const site = siteArg(values.site) ?? '';
      const moved = await store.move(scoped(site, values.from), scoped(site, values.to));
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

async function render(
  values: {
    post?: string;
    all?: boolean;
    out?: string;
    endpoint?: string;
    page?: string;
    mail?: boolean;
    database?: string;
    site?: string;
  },
  env: NodeJS.ProcessEnv
): Promise<number> {
  if (!values.all && !values.post) throw new SourceError('Say what to render: --post <id>, or --all --out <folder>.');
  if (values.all && !values.out)
    throw new SourceError('--all writes one file per post: say where, with --out <folder>.');
  if (values.post && !isValidPostId(values.post))
    throw new SourceError(`${JSON.stringify(values.post)} is not a valid post id.`);
  const renderer = await openRenderer({
    database: values.database ?? env.DATABASE_URL ?? 'confab.db',
    endpoint: values.endpoint ?? env.CONFAB_PUBLIC_URL?.replace(/\/*$/, '/api'),
    mail: values.mail,
    site: values.site,
  });
  try {
    if (!values.all) {
      const html = await renderer.render(values.post!, {page: values.page});
      if (values.out) await writeFile(values.out, html);
      else process.stdout.write(html);
      return 0;
    }
    const posts = await renderer.posts();
    const index: Record<string, string> = {};
    for (const postId of posts) {
      const file = fileFor(postId);
      await mkdir(dirname(join(values.out!, file)), {recursive: true});
      await writeFile(join(values.out!, file), await renderer.render(postId));
      index[postId] = file;
    }
    await writeFile(join(values.out!, 'index.json'), JSON.stringify(index, null, 2) + '\n');
    console.log(`[confab] rendered ${posts.length} post${posts.length === 1 ? '' : 's'} into ${values.out}.`);
    return 0;
  } finally {
    await renderer.close();
  }
}

/** `--site ID` of import, export, move and render: a site other than the server's first (default) one. */
function siteArg(values: string[] | undefined): string | undefined {
  if (!values?.length) return undefined;
  if (values.length > 1 || !SITE_ID.test(values[0]!))
    throw new SourceError('--site names one site: its id, a-z, 0-9 and dashes (leave it out for the first site).');
  return values[0];
}

/**
 * A post's file under the folder: its id as a path (`/2013/09/x` -> `2013/09/x.html`, `/blog/` ->
 * `blog/index.html`), each segment percent-encoded where a file name could not hold it, never outside the folder.
 */
export function fileFor(postId: string): string {
  const segments = postId.replace(/^\/+/, '').split('/');
  if (segments.at(-1) === '') segments[segments.length - 1] = 'index';
  const safe = segments.map((s) =>
    s === '.' || s === '..' ? s.replace(/\./g, '%2E') : encodeURIComponent(s).replace(/%3A/gi, ':').replace(/%40/g, '@')
  );
  return `${safe.join('/')}.html`;
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
