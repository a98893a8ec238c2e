import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import type {AddressInfo} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {after, before, describe, it} from 'node:test';
import {serve, type ServerType} from '@hono/node-server';
import {serveStatic} from '@hono/node-server/serve-static';
import {build} from 'esbuild';
import {Hono} from 'hono';
import puppeteer, {type Browser, type Page} from 'puppeteer-core';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** The text of README.md's section that starts with `heading`, up to the next heading of its level. */
function section(heading: string): string {
  const start = README.indexOf(`\n${heading}\n`);
  assert.ok(start >= 0, `README has "${heading}"`);
  const level = heading.match(/^#+/)![0];
  const end = README.indexOf(`\n${level} `, start + heading.length + 2);
  return README.slice(start, end < 0 ? undefined : end);
}

/** The fenced code blocks of a README section, by language. */
function blocks(text: string, lang: string): string[] {
  return [...text.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);
}

/** A static host for a folder, as a blog's own web server would be: files only, nothing of Confab's server. */
async function host(root: string): Promise<{url: string; close: () => Promise<void>}> {
  const app = new Hono();
  app.use('/*', serveStatic({root}));
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({fetch: app.fetch, port: 0, hostname: '127.0.0.1'}, () => resolve(s));
  });
  const {port} = server.address() as AddressInfo;
  return {url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r()))};
}

/**
 * Opens a page, posts a comment through its thread and waits for it to show. Returns what went wrong on the way:
 * script errors, console errors and every request answered with an error or not at all.
 */
async function postThrough(browser: Browser, url: string, body: string): Promise<{page: Page; problems: string[]}> {
  const page = await (await browser.createBrowserContext()).newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`script error: ${error}`));
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('requestfailed', (r) => problems.push(`failed: ${r.url()}`));
  page.on('response', (r) => r.status() >= 400 && problems.push(`${r.status()}: ${r.url()}`));
  await page.goto(url, {waitUntil: 'load'});
  await page.evaluate(() => document.querySelector('confab-comments')!.scrollIntoView());
  await page
    .waitForFunction(() => document.querySelector('confab-comments')?.shadowRoot?.querySelector('confab-composer'), {
      timeout: 10_000,
    })
    .catch((error) => assert.fail(`${error.message}; on the way: ${problems.join('; ') || 'nothing'}`));
  await page.evaluate(async (text) => {
    const el = document.querySelector('confab-comments') as HTMLElement & {loadComplete: Promise<void>};
    await el.loadComplete;
    const composer = el.shadowRoot!.querySelector('confab-composer') as HTMLElement & {
      updateComplete: Promise<unknown>;
    };
    await composer.updateComplete;
    const field = composer.shadowRoot!.querySelector('textarea')!;
    field.value = text;
    field.dispatchEvent(new Event('input', {bubbles: true, composed: true}));
    composer.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit-button"]')!.click();
  }, body);
  await shows(page, body, problems);
  return {page, problems};
}

/** Waits for a comment to show in the thread; if it does not, fails saying what the page showed and met. */
const shows = (page: Page, body: string, problems: string[]) =>
  page
    .waitForFunction(
      (text) =>
        Array.from(
          document.querySelector('confab-comments')?.shadowRoot?.querySelectorAll('[part~="body"]') ?? []
        ).some((b) => b.textContent!.includes(text)),
      {timeout: 10_000},
      body
    )
    .catch(async (error) => {
      const text = await page.evaluate(() =>
        document.querySelector('confab-comments')?.shadowRoot?.textContent!.replace(/\s+/g, ' ')
      );
      assert.fail(`${error.message}; on the way: ${problems.join('; ') || 'nothing'}; the thread says: ${text}`);
    });

/** What the reader actions part adds to a comment (Copy link; Edit on the reader's own): there once it has loaded. */
const actionsLoaded = (page: Page) =>
  page.waitForFunction(
    () => {
      const root = document.querySelector('confab-comments')!.shadowRoot!;
      return !!root.querySelector('[part~="copy-link-button"]') && !!root.querySelector('[part~="edit-button"]');
    },
    {timeout: 10_000}
  );

/**
 * The packages npm would install beside a package (its dependencies, theirs, and so on), as they are installed here.
 * `dir`: the package's folder.
 */
function dependencyClosure(dir: string, seen = new Set<string>()): Set<string> {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  for (const dep of Object.keys(manifest.dependencies ?? {})) {
    if (seen.has(dep) || !existsSync(join(ROOT, 'node_modules', dep))) continue;
    seen.add(dep);
    dependencyClosure(join(ROOT, 'node_modules', dep), seen);
  }
  return seen;
}

/** The README's recipes, followed as written, in a real Chromium: the script tag, and the npm package through a bundler. */
describe("the README's recipes, as a blogger and a developer follow them", () => {
  let browser: Browser;
  let work: string;
  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'confab-recipes-'));
    browser = await puppeteer.launch({
      executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  });
  after(async () => {
    await browser?.close();
    rmSync(work, {recursive: true, force: true});
  });

  it('Plain HTML: the script tag with the files it names, on a static host, posts and keeps comments', async () => {
    const recipe = section('### On your site generator').match(
      /\*\*Plain HTML\*\*: paste `(<script[^`]*><\/script>)` where the comments go,\s+with every `dist\/confab\*\.js` file\s+copied to `\/confab\/`/
    );
    assert.ok(recipe, 'the Plain HTML recipe reads as this test follows it');
    const site = join(work, 'site');
    mkdirSync(join(site, 'confab'), {recursive: true});
    const files = readdirSync(join(ROOT, 'dist')).filter((f) => /^confab.*\.js$/.test(f));
    for (const f of files) cpSync(join(ROOT, 'dist', f), join(site, 'confab', f));
    writeFileSync(
      join(site, 'my-post.html'),
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>My post</title></head>
<body><article><h1>My post</h1><p>A paragraph of the post.</p></article>
${recipe[1]}
</body></html>`
    );
    const server = await host(site);
    try {
      const {page, problems} = await postThrough(
        browser,
        `${server.url}/my-post.html`,
        'Posted through the script tag'
      );
      await actionsLoaded(page);
      assert.equal(
        await page.evaluate(() => document.querySelector('confab-comments')!.getAttribute('post-id')),
        '/my-post'
      );
      // Kept in this browser (the default storage): there again after a reload.
      await page.reload({waitUntil: 'load'});
      await page.evaluate(() => document.querySelector('confab-comments')!.scrollIntoView());
      await shows(page, 'Posted through the script tag', problems);
      assert.deepEqual(problems, []);
      await page.browserContext().close();
    } finally {
      await server.close();
    }
  });

  it('npm: the packed package, installed and bundled by esbuild with code splitting, registers and runs the element', async () => {
    const npm = section('## In an application: npm');
    assert.deepEqual(blocks(npm, 'sh'), ['npm install confab\n']);
    const [script] = blocks(npm, 'js');
    const [markup] = blocks(npm, 'html');
    assert.ok(script?.includes("import 'confab/define'") && markup?.includes('<confab-comments'), 'the recipe');

    // `npm install confab`, without a registry: the package as `npm pack` makes it, and its dependencies beside it.
    const app = join(work, 'app');
    const modules = join(app, 'node_modules');
    mkdirSync(join(modules, 'confab'), {recursive: true});
    const [packed] = JSON.parse(
      execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], {
        cwd: ROOT,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      })
    );
    execFileSync('tar', ['-xzf', join(work, packed.filename), '-C', join(modules, 'confab'), '--strip-components=1']);
    for (const dep of dependencyClosure(join(modules, 'confab'))) {
      mkdirSync(join(modules, dep, '..'), {recursive: true});
      symlinkSync(join(ROOT, 'node_modules', dep), join(modules, dep), 'dir');
    }

    writeFileSync(join(app, 'main.js'), script!);
    const out = join(app, 'public');
    await build({
      absWorkingDir: app,
      entryPoints: ['main.js'],
      bundle: true,
      splitting: true,
      format: 'esm',
      minify: true,
      outdir: out,
      logLevel: 'silent',
    });
    // A French page: its strings are one of the parts loaded on demand, through the bundler's own chunks.
    writeFileSync(
      join(out, 'index.html'),
      `<!doctype html><html lang="fr"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Bonjour</title>
<script type="module" src="/main.js"></script></head><body><h1>Bonjour</h1>
${markup}</body></html>`
    );
    const server = await host(out);
    try {
      const {page, problems} = await postThrough(browser, `${server.url}/`, 'Posted through the bundled package');
      await actionsLoaded(page);
      assert.equal(
        await page.evaluate(
          () => document.querySelector('confab-comments')!.shadowRoot!.querySelector('h2')!.textContent
        ),
        '1 commentaire'
      );
      assert.deepEqual(problems, []);
      await page.browserContext().close();
    } finally {
      await server.close();
    }

    // "Type declarations ship in the package": the packed types check an application's use of them.
    writeFileSync(
      join(app, 'check.ts'),
      `import 'confab/define';
import {MemoryAdapter, type Comment} from 'confab';
const el = document.createElement('confab-comments');
el.postId = '/posts/hello';
el.adapter = new MemoryAdapter();
el.addEventListener('confab-error', (e) => console.log(e.detail.error.message));
el.addEventListener('confab-comment-added', (e) => {
  const comment: Comment = e.detail.comment;
  console.log(comment.body);
});
// @ts-expect-error a post id is a string
el.postId = 42;
`
    );
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          target: 'es2022',
          module: 'esnext',
          moduleResolution: 'bundler',
          lib: ['es2022', 'dom', 'dom.iterable'],
          types: [],
        },
        files: ['check.ts'],
      })
    );
    try {
      execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', app], {encoding: 'utf8'});
    } catch (error) {
      assert.fail(`the packed types do not check: ${(error as {stdout?: string}).stdout}`);
    }
  });
});
