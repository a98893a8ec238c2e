import type {MiddlewareHandler} from 'hono';
import type {Env} from '../context.js';
import type {Sites} from '../sites.js';
import {ApiError} from './errors.js';

/**
 * Which site a public request is for: the one it names (`?site=ID`, as the widget's `site` sends it), else the one
 * whose origin the page is on, else the default site. A page of one site cannot speak for another: naming a site
 * from an origin that belongs to a different one is refused (403), and naming one the server does not have is 400.
 */
export function siteOf(sites: Sites): MiddlewareHandler<Env> {
  return async (c, next) => {
    const named = c.req.query('site');
    const origin = c.req.header('origin');
    const owner = origin ? sites.forOrigin(origin) : undefined;
    let key = owner ? sites.key(owner.id)! : '';
    if (named) {
      const asked = sites.key(named);
      if (asked === null) throw new ApiError(400, 'unknown-site', `This server has no site "${named.slice(0, 40)}".`);
      if (owner && owner.id !== named)
        throw new ApiError(403, 'forbidden', `Pages at ${origin} belong to the site "${owner.id}", not "${named}".`);
      key = asked;
    }
    c.set('site', key);
    return next();
  };
}
