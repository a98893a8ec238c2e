/**
 * Several sites on one server (`--site ID=ORIGIN[,ORIGIN...]`). A site's posts are its own threads: two sites'
 * `/about` are two. The first site declared is the server's default site, whose posts are stored under their own
 * ids, as on a server without sites (an existing database needs no change); another site's are stored as
 * `"<site> <post id>"` (a post id has no spaces), which never leaves the server: answers carry the bare post id.
 */
export interface Site {
  id: string;
  /** The origins its pages are served from: allowed to call the API for it (CORS), and the base of its links. */
  origins: string[];
}

/** A site id: lower-case letters, digits and dashes, up to 32. */
export const SITE_ID = /^[a-z0-9][a-z0-9-]{0,31}$/;

/** The post id a site's post is stored under (`site` is the site's key: '' for the default site). */
export const scoped = (site: string, postId: string): string => (site ? `${site} ${postId}` : postId);

/** A stored post id as readers know it. */
export const bareId = (stored: string): string => stored.slice(stored.indexOf(' ') + 1);

/** The key of the site a stored post id belongs to ('' for the default site). */
export const siteKey = (stored: string): string => {
  const space = stored.indexOf(' ');
  return space < 0 ? '' : stored.slice(0, space);
};

/** The address of a stored post on its site's pages at `base` (a post id that is not a path: the site's home). */
export function pageUrl(base: string, stored: string): string {
  const postId = bareId(stored);
  const root = base.replace(/\/+$/, '');
  return postId.startsWith('/') ? root + postId : `${root}/`;
}

/** The sites a server serves, and how a request names one. */
export class Sites {
  readonly list: readonly Site[];

  constructor(list: Site[]) {
    this.list = list;
  }

  /** The site key for a declared site id ('' for the default site), or null for an unknown one. */
  key(id: string): string | null {
    const index = this.list.findIndex((s) => s.id === id);
    return index < 0 ? null : index === 0 ? '' : id;
  }

  /** The public id of a site key. */
  id(key: string): string {
    return key || (this.list[0]?.id ?? '');
  }

  /** The site whose pages are served from `origin`, or undefined. */
  forOrigin(origin: string): Site | undefined {
    return this.list.find((s) => s.origins.includes(origin));
  }

  /** Every site origin (all allowed by CORS, each for its own site). */
  get origins(): string[] {
    return this.list.flatMap((s) => s.origins);
  }

  /** The base address of a site's pages (its first origin), or null for the default site without `--site`. */
  base(key: string): string | null {
    const site = this.list.find((s) => s.id === this.id(key));
    return site?.origins[0] ?? null;
  }

  /** The base address of the site a stored post belongs to: another site's first origin, else `fallback`. */
  baseOf(stored: string, fallback: string): string {
    const key = siteKey(stored);
    return (key && this.base(key)) || fallback;
  }
}

/** Parses `--site` values: `ID=ORIGIN[,ORIGIN...]`, each id once. Throws a clear error for a bad one. */
export function parseSites(values: string[]): Site[] {
  const sites: Site[] = [];
  for (const value of values) {
    const [id = '', origins = ''] = value.split('=', 2);
    if (!SITE_ID.test(id) || !value.includes('=')) {
      throw new Error(
        `[confab] --site is ID=ORIGIN[,ORIGIN...] with an id of a-z, 0-9 and dashes, such as blog=https://blog.example; got "${value}".`
      );
    }
    if (sites.some((s) => s.id === id)) throw new Error(`[confab] --site ${id} is declared twice.`);
    const list = origins
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean);
    for (const origin of list) {
      let parsed: string | null = null;
      try {
        parsed = new URL(origin).origin;
      } catch {
        parsed = null;
      }
      if (parsed !== origin)
        throw new Error(`[confab] --site ${id}: origins are written like https://blog.example, got "${origin}".`);
    }
    sites.push({id, origins: list});
  }
  return sites;
}
