import {escapeHtml} from 'confab/sanitize';
import type {StoredComment} from '../store/rows.js';
import {bodyHtml} from './body.js';

export interface FeedEntry {
  comment: StoredComment;
  /** The comment's permalink. */
  url: string;
  /** Where it was written, for its title. */
  where: string;
}

// What XML 1.0 cannot hold at all (escaping does not help): left out.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const x = (text: string) => escapeHtml(text.replace(NOT_XML, ''));
const title = (c: StoredComment, where: string) => {
  const first = c.body.replace(/\s+/g, ' ').trim();
  return `${c.author} on ${where}: ${first.length > 80 ? `${first.slice(0, 79)}…` : first}`;
};

/**
 * An Atom feed (RFC 4287) of comments, newest first: each entry's content is the body rendered and sanitized as
 * the widget shows it, escaped into the XML.
 */
export function atomFeed(feed: {
  id: string;
  title: string;
  self: string;
  alternate: string;
  entries: FeedEntry[];
}): string {
  const updated = feed.entries.reduce(
    (max, e) => ((e.comment.editedAt ?? e.comment.createdAt) > max ? (e.comment.editedAt ?? e.comment.createdAt) : max),
    '1970-01-01T00:00:00.000Z'
  );
  const entries = feed.entries.map(
    ({comment: c, url, where}) => `  <entry>
    <id>${x(url)}</id>
    <title>${x(title(c, where))}</title>
    <author><name>${x(c.author)}</name></author>
    <published>${c.createdAt}</published>
    <updated>${c.editedAt ?? c.createdAt}</updated>
    <link rel="alternate" type="text/html" href="${x(url)}"/>
    <content type="html">${x(bodyHtml(c.body).value)}</content>
  </entry>
`
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${x(feed.id)}</id>
  <title>${x(feed.title)}</title>
  <updated>${updated}</updated>
  <link rel="self" type="application/atom+xml" href="${x(feed.self)}"/>
  <link rel="alternate" type="text/html" href="${x(feed.alternate)}"/>
  <generator>Confab</generator>
${entries.join('')}</feed>
`;
}
