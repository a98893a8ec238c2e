import {createHash} from 'node:crypto';
import {basename} from 'node:path';
import {JSDOM} from 'jsdom';
import {ANONYMOUS, cleanBody, cleanName, codePointLength, LIMITS} from 'confab/core';
import {renderBody, sanitizerFor} from 'confab/sanitize';
import {clientKey, normalizeIp} from '../http/client.js';
import {hashClient} from '../http/tokens.js';
import type {ImportRow, Store} from '../store/index.js';
import {artrans} from './formats/artrans.js';
import {commento} from './formats/commento.js';
import {confab} from './formats/confab.js';
import {disqus} from './formats/disqus.js';
import {isso} from './formats/isso.js';
import {remark42} from './formats/remark42.js';
import {wordpress} from './formats/wordpress.js';
import {htmlToMarkdown} from './html.js';
import {checkPostId, postIdFrom, remap, type MapRule} from './post-ids.js';
import {SourceError, type SourceComment, type SourceFormat} from './source.js';
import {scoped} from '../sites.js';

export const FORMATS: Record<string, SourceFormat> = {disqus, wordpress, isso, commento, remark42, artrans, confab};

/** Why a comment of the source is not imported. */
export type SkipReason = 'deleted without replies' | 'already imported' | 'duplicate id in the file' | 'empty';

export interface ThreadSummary {
  postId: string;
  /** The page as the source names it. */
  source: string;
  title?: string;
  /** The post id before `--map` renamed it. */
  remappedFrom?: string;
  imported: number;
  /** Deleted comments kept for their replies. */
  placeholders: number;
  /** Of those imported: held for moderation (pending), spam. */
  pending: number;
  spam: number;
  /** Bodies longer than 5,000 characters, cut there. */
  shortened: number;
  /** Replies whose parent is missing, left out, in another thread or in a loop: attached further up, or top-level. */
  reattached: number;
  skipped: Partial<Record<SkipReason, number>>;
}

export interface ImportSummary {
  format: string;
  file: string;
  dryRun: boolean;
  read: number;
  imported: number;
  skipped: Partial<Record<SkipReason, number>>;
  threads: ThreadSummary[];
}

/** What pass one keeps of each comment: its place in the tree, never its text (so memory does not grow with it). */
interface Node {
  id: string;
  sourceId: string;
  postId: string;
  parent: string | null;
  deleted: boolean;
  status: SourceComment['status'];
  /** Imported (a comment, or a placeholder for its replies). */
  kept?: boolean;
  attachedTo?: string | null;
  rootId?: string;
  held?: boolean;
  duplicate?: boolean;
}

/**
 * Imports an export of another system (or Confab's own) into the store: checked completely first, then all or
 * nothing, in one transaction. Ids derive from the source's, so running it again adds nothing; threads keep their
 * replies; statuses are kept (spam as spam, unapproved as pending); a deleted comment with replies becomes a
 * placeholder, one without is left out; a reply whose parent is missing, left out, in another thread or in a loop is
 * attached to its nearest surviving ancestor, or becomes top-level. Bodies in HTML become markdown. Emails are not
 * imported, and addresses only as salted hashes. With `dryRun`, nothing is written.
 */
export async function importFile(
  store: Store,
  options: {format: string; file: string; dryRun?: boolean; map?: MapRule[]; salt: string; site?: string}
): Promise<ImportSummary> {
  const format = FORMATS[options.format];
  if (!format) throw new SourceError(`No importer for "${options.format}": choose ${Object.keys(FORMATS).join(', ')}.`);
  const map = options.map ?? [];
  const threads = new Map<string, ThreadSummary>();
  const nodes = new Map<string, Node>();
  const thread = (postId: string, c: SourceComment): ThreadSummary => {
    let t = threads.get(postId);
    if (!t) {
      const original = postIdFrom(c.url);
      threads.set(
        postId,
        (t = {
          postId,
          source: c.url,
          title: c.title,
          imported: 0,
          placeholders: 0,
          pending: 0,
          spam: 0,
          shortened: 0,
          reattached: 0,
          skipped: {},
        })
      );
      if (original !== postId) t.remappedFrom = original;
    }
    return t;
  };
  const siteOf = (c: SourceComment) => c.site ?? options.site ?? '';
  const idOf = (c: SourceComment) => confabId(format.name, c, siteOf(c));
  // Under the site it is imported into (see sites.ts): `--site`, or what a Confab export says.
  const postOf = (c: SourceComment) =>
    scoped(siteOf(c), checkPostId(remap(postIdFrom(c.url), map), `The page ${JSON.stringify(c.url)}`));

  // Pass one: the shape of every thread, and every check that can refuse the file.
  let read = 0;
  for await (const c of format.read(options.file)) {
    read++;
    const id = idOf(c);
    const postId = postOf(c);
    thread(postId, c);
    if (nodes.has(c.sourceId)) {
      nodes.set(`${c.sourceId}#${read}`, {
        id,
        sourceId: c.sourceId,
        postId,
        parent: null,
        deleted: true,
        status: c.status,
        duplicate: true,
      });
      continue;
    }
    nodes.set(c.sourceId, {id, sourceId: c.sourceId, postId, parent: c.parent, deleted: !!c.deleted, status: c.status});
  }
  plan(nodes);
  const already = await store.existing([...nodes.values()].filter((n) => n.kept).map((n) => n.id));
  const skip = (n: Node, reason: SkipReason) => {
    const t = threads.get(n.postId)!;
    t.skipped[reason] = (t.skipped[reason] ?? 0) + 1;
  };
  for (const n of nodes.values()) {
    if (n.duplicate) skip(n, 'duplicate id in the file');
    else if (!n.kept) skip(n, 'deleted without replies');
    else if (already.has(n.id)) {
      skip(n, 'already imported');
      n.kept = false;
    }
  }

  // Pass two: the text of what is kept, converted, cleaned and checked, then stored (unless this is a dry run).
  const sanitizer = sanitizerFor(new JSDOM('').window as never);
  const rows = async function* (): AsyncGenerator<ImportRow> {
    const done = new Set<string>();
    for await (const c of format.read(options.file)) {
      const n = nodes.get(c.sourceId);
      // Only the first of comments sharing a source id (the others were counted as duplicates).
      if (!n?.kept || done.has(c.sourceId)) continue;
      done.add(c.sourceId);
      const t = threads.get(n.postId)!;
      let body = n.deleted ? '' : textOf(c);
      if (!n.deleted && codePointLength(body) > LIMITS.body) {
        body = [...body].slice(0, LIMITS.body - 1).join('') + '…';
        t.shortened++;
      }
      if (!n.deleted && !body.trim()) {
        skip(n, 'empty');
        continue;
      }
      // The same check as a reader's comment: it must render safely (as markup, or else as its text).
      if (!n.deleted) renderBody(body, sanitizer);
      const status = n.held ? (c.status === 'spam' ? 'spam' : 'pending') : c.status;
      if (n.deleted) t.placeholders++;
      else if (status === 'pending') t.pending++;
      else if (status === 'spam') t.spam++;
      if (c.parent && n.attachedTo !== nodes.get(c.parent)?.id) t.reattached++;
      t.imported++;
      yield {
        id: n.id,
        postId: n.postId,
        parentId: n.attachedTo ?? null,
        rootId: n.rootId!,
        author: n.deleted ? '' : [...(cleanName(c.author) || ANONYMOUS)].slice(0, LIMITS.author).join(''),
        body,
        createdAt: c.createdAt,
        editedAt: c.editedAt,
        edits: c.edits,
        isPostAuthor: c.isPostAuthor,
        ipHash: c.ip ? hashClient(options.salt, clientKey(normalizeIp(c.ip))) : null,
        status,
        awaitsParent: c.heldWithParent ?? (n.held && c.status === 'published'),
        deleted: n.deleted,
        anchor: n.attachedTo ? undefined : c.anchor,
        reactions: c.reactions,
      };
    }
  };
  let imported = 0;
  if (options.dryRun) {
    for await (const row of rows()) void row;
  } else {
    await store.importBatch(async (insert) => {
      for await (const row of rows()) if (await insert(row)) imported++;
    });
  }
  const summary: ImportSummary = {
    format: format.name,
    file: basename(options.file),
    dryRun: !!options.dryRun,
    read,
    imported: 0,
    skipped: {},
    threads: [...threads.values()],
  };
  for (const t of summary.threads) {
    summary.imported += t.imported;
    for (const [reason, n] of Object.entries(t.skipped) as [SkipReason, number][])
      summary.skipped[reason] = (summary.skipped[reason] ?? 0) + n;
  }
  if (!options.dryRun && imported !== summary.imported) summary.imported = imported;
  return summary;
}

/**
 * Decides the tree: which comments survive (not deleted, or deleted with a surviving reply: a placeholder), where
 * each attaches (its nearest surviving ancestor in the same thread; none for a missing, foreign or looping parent),
 * its thread's root, and whether it waits for a held ancestor. Iterative throughout (chains are as deep as the
 * source made them).
 */
function plan(nodes: Map<string, Node>): void {
  const all = [...nodes.values()].filter((n) => !n.duplicate);
  const parentOf = (n: Node): Node | undefined => {
    const p = n.parent ? nodes.get(n.parent) : undefined;
    return p && !p.duplicate && p !== n && p.postId === n.postId ? p : undefined;
  };
  // Placeholders: up from every living comment, deleted ancestors are kept (stopping at a loop or a kept one).
  for (const n of all) {
    if (n.deleted) continue;
    n.kept = true;
    const seen = new Set<Node>([n]);
    for (let p = parentOf(n); p && !seen.has(p) && !p.kept; p = parentOf(p)) {
      seen.add(p);
      p.kept = true;
    }
  }
  // Attachments: the nearest kept ancestor, unless the chain loops.
  for (const n of all) {
    if (!n.kept) continue;
    const seen = new Set<Node>([n]);
    let p = parentOf(n);
    while (p && !p.kept && !seen.has(p)) {
      seen.add(p);
      p = parentOf(p);
    }
    n.attachedTo = p && p.kept && !seen.has(p) ? p.id : null;
  }
  // A loop among kept comments: each is made top-level where the loop closes.
  const byId = new Map(all.map((n) => [n.id, n]));
  for (const n of all) {
    if (!n.kept) continue;
    const seen = new Set<Node>();
    for (let p: Node | undefined = n; p?.attachedTo; p = byId.get(p.attachedTo)) {
      if (seen.has(p)) {
        p.attachedTo = null;
        break;
      }
      seen.add(p);
    }
  }
  // Roots and held ancestors, walking up once per comment (memoized).
  for (const n of all) {
    if (!n.kept || n.rootId) continue;
    const chain: Node[] = [];
    let p: Node | undefined = n;
    while (p && !p.rootId) {
      chain.push(p);
      p = p.attachedTo ? byId.get(p.attachedTo) : undefined;
    }
    let root = p?.rootId;
    let held = p ? !!p.held || p.status !== 'published' : false;
    for (const c of chain.reverse()) {
      root ??= c.id;
      c.rootId = root;
      c.held = held;
      held ||= c.status !== 'published';
    }
  }
}

/** A comment's text as Confab markdown, cleaned as a reader's would be. */
function textOf(c: SourceComment): string {
  const text = c.textFormat === 'html' ? htmlToMarkdown(c.text) : c.text;
  // NUL, other control characters and lone surrogates cannot be stored: they go (the words stay).
  return cleanBody(
    text
      // eslint-disable-next-line no-control-regex -- removing control characters is the point
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g, '')
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
  );
}

/**
 * A stable Confab id for a source's comment: a hash of the format, the page (as the source names it, before any
 * `--map`) and the source's id, so that a second run gives the same ids and two sites' comment 12 stay two comments.
 * Confab's own exports keep their ids.
 */
function confabId(format: string, c: SourceComment, site: string): string {
  if (format === 'confab' && /^[A-Za-z0-9_-]{1,128}$/.test(c.sourceId)) return c.sourceId;
  // Another site's import gets ids of its own (the default site's are as they always were).
  const page = site ? `${site} ${c.url}` : c.url;
  const digest = createHash('sha256').update(`${format}\n${page}\n${c.sourceId}`).digest('base64url').slice(0, 22);
  return `${format.slice(0, 4)}-${digest}`;
}
