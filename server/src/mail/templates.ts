import {bodyHtml} from '../render/body.js';
import {html, type SafeHtml} from '../render/html.js';
import type {StoredComment} from '../store/rows.js';

/** A mail as composed: its subject, and the same message as plain text and as HTML. */
export interface Composed {
  subject: string;
  text: string;
  html: string;
}

/** A comment as a mail shows it, with the link to read it and (for a reply) the reader's comment it answers. */
export interface MailComment {
  comment: StoredComment;
  permalink: string;
  /** The reader's own comment this one replies to, when it does. */
  inReplyTo?: StoredComment;
  /** For moderators: the one-click links, each to a confirmation page. */
  actions?: {label: string; url: string; tone?: 'primary' | 'danger' | 'quiet'}[];
}

export interface Site {
  /** The blog's name in mails: its host name. */
  name: string;
}

const MAX_IN_MAIL = 20;
const when = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', {dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC'}).format(new Date(iso)) +
  ' UTC';
/** A comment's first words as plain text: its markdown's marks (quotes, emphasis, code, link targets) left out. */
const excerpt = (text: string, n = 200) => {
  const flat = text
    .replace(/^\s*>+\s?/gm, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__|\*|_|~~|`)(?=\S)(.*?\S)\1/g, '$2')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > n ? `${flat.slice(0, n - 1)}…` : flat;
};
const quoteText = (text: string) =>
  text
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
/** A post as mails name it: its page's address without the scheme. */
export const postName = (url: string) => url.replace(/^https?:\/\//, '').replace(/[?#].*$/, '');

const COLORS = {ink: '#1c1917', muted: '#57534e', faint: '#78716c', line: '#e7e5e4', accent: '#1d4ed8', bg: '#f5f5f4'};

function page(subject: string, content: SafeHtml, footer: SafeHtml): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${subject}</title>
<style>
  a { color: ${COLORS.accent}; }
  blockquote { margin: 0.5em 0; padding-left: 0.75em; border-left: 3px solid ${COLORS.line}; color: ${COLORS.muted}; }
  pre { white-space: pre-wrap; background: ${COLORS.bg}; padding: 0.5em; border-radius: 4px; }
  @media (prefers-color-scheme: dark) {
    body, .sheet { background: #1c1917 !important; color: #e7e5e4 !important; }
    .card { background: #292524 !important; border-color: #44403c !important; }
    a { color: #93c5fd !important; }
    .muted, blockquote { color: #a8a29e !important; }
  }
</style>
</head>
<body style="margin:0;padding:0;background:${COLORS.bg};">
<div class="sheet" style="max-width:560px;margin:0 auto;padding:24px 16px;background:${COLORS.bg};color:${COLORS.ink};font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;">
${content}
<hr style="border:0;border-top:1px solid ${COLORS.line};margin:32px 0 16px;">
<div class="muted" style="font-size:13px;color:${COLORS.faint};">${footer}</div>
</div>
</body>
</html>
`.value;
}

const TONES = {primary: COLORS.accent, danger: '#b91c1c', quiet: '#57534e'};
const button = (url: string, label: string, tone: keyof typeof TONES = 'primary') =>
  html`<a href="${url}" style="display:inline-block;padding:8px 16px;margin:4px 8px 4px 0;border-radius:6px;background:${TONES[tone]};color:#ffffff;text-decoration:none;font-weight:600;">${label}</a>`;

function card(m: MailComment): SafeHtml {
  const c = m.comment;
  return html`<div class="card" style="margin:16px 0;padding:12px 16px;background:#ffffff;border:1px solid ${COLORS.line};border-radius:8px;">
${m.inReplyTo ? html`<p class="muted" style="margin:0 0 8px;font-size:14px;color:${COLORS.muted};">In reply to your comment: “${excerpt(m.inReplyTo.body)}”</p>` : ''}
<p style="margin:0 0 4px;"><strong>${c.author}</strong> <span class="muted" style="color:${COLORS.faint};font-size:14px;">· ${when(c.createdAt)}</span></p>
<div style="overflow-wrap:anywhere;">${bodyHtml(c.body)}</div>
<p style="margin:12px 0 0;">${m.actions ? m.actions.map((a) => button(a.url, a.label, a.tone)) : button(m.permalink, 'Read and reply')}</p>
</div>`;
}

function textCard(m: MailComment): string {
  const c = m.comment;
  const lines = [];
  if (m.inReplyTo) lines.push(`In reply to your comment: "${excerpt(m.inReplyTo.body)}"`, '');
  lines.push(`${c.author} wrote, ${when(c.createdAt)}:`, '', quoteText(c.body), '');
  if (m.actions) {
    for (const a of m.actions) lines.push(`${a.label}: ${a.url}`);
    lines.push(`Permalink: ${m.permalink}`);
  } else lines.push(`Read and reply: ${m.permalink}`);
  return lines.join('\n');
}

/** The double opt-in mail: a link to confirm, and nothing of any comment (it must not carry anyone's words). */
export function confirmMail(site: Site, p: {postUrl: string; confirmUrl: string; thread: boolean}): Composed {
  const subject = `Confirm your address for replies on ${site.name}`;
  const what = p.thread ? 'new comments on' : 'replies to your comment on';
  const text = [
    `Someone (we hope you) asked to be told by email of ${what} ${postName(p.postUrl)}.`,
    '',
    `To confirm, open this link: ${p.confirmUrl}`,
    '',
    'If it was not you, ignore this mail: nothing more will be sent, and the address is forgotten in three days.',
  ].join('\n');
  const content = html`<h1 style="font-size:20px;margin:0 0 16px;">Confirm your address</h1>
<p>Someone (we hope you) asked to be told by email of ${what} <a href="${p.postUrl}">${postName(p.postUrl)}</a>.</p>
<p>${button(p.confirmUrl, 'Confirm my address')}</p>`;
  const footer = html`If it was not you, ignore this mail: nothing more will be sent, and the address is forgotten in three days.`;
  return {subject, text, html: page(subject, content, footer)};
}

/** Replies (or, for a follower, new comments) on one post, in one mail: a flood is one mail per batch. */
export function repliesMail(
  site: Site,
  p: {postUrl: string; comments: MailComment[]; unsubscribePost: string; unsubscribeAll: string}
): Composed {
  // Replies to the same comment in a row say what they answer once.
  const shown = p.comments
    .slice(0, MAX_IN_MAIL)
    .map((m, i, all) =>
      i && m.inReplyTo && all[i - 1]!.inReplyTo?.id === m.inReplyTo.id ? {...m, inReplyTo: undefined} : m
    );
  const more = p.comments.length - shown.length;
  const replies = p.comments.filter((m) => m.inReplyTo).length;
  const first = p.comments[0]!;
  const name = postName(p.postUrl);
  const subject =
    p.comments.length === 1
      ? first.inReplyTo
        ? `${first.comment.author} replied to your comment on ${name}`
        : `New comment by ${first.comment.author} on ${name}`
      : replies === p.comments.length
        ? `${p.comments.length} new replies to your comment on ${name}`
        : `${p.comments.length} new comments on ${name}`;
  const moreText = more > 0 ? `And ${more} more: ${p.postUrl}` : '';
  const text = [
    ...shown.map(textCard).join('\n---\n\n').split('\n'),
    moreText,
    '',
    '--',
    `You get this mail because you asked to hear of replies on ${site.name}.`,
    `Stop mail about this post: ${p.unsubscribePost}`,
    `Stop all mail and forget my address: ${p.unsubscribeAll}`,
  ].join('\n');
  const content = html`<h1 style="font-size:20px;margin:0 0 8px;">${
    p.comments.length === 1
      ? first.inReplyTo
        ? 'A reply to your comment'
        : 'A new comment'
      : subject.replace(/ on .*$/, '')
  }</h1>
<p style="margin:0;">On <a href="${p.postUrl}">${name}</a></p>
${shown.map(card)}
${more > 0 ? html`<p><a href="${p.postUrl}">And ${more} more on the post</a></p>` : ''}`;
  const footer = html`You get this mail because you asked to hear of replies on ${site.name}.<br>
<a href="${p.unsubscribePost}" style="color:${COLORS.faint};">Stop mail about this post</a> · <a href="${p.unsubscribeAll}" style="color:${COLORS.faint};">Stop all mail and forget my address</a>`;
  return {subject, text, html: page(subject, content, footer)};
}

/** New and held comments, for moderators: each with its one-click actions, and the way into /admin. */
export function moderationMail(site: Site, p: {postUrl: string; comments: MailComment[]; adminUrl: string}): Composed {
  const shown = p.comments.slice(0, MAX_IN_MAIL);
  const more = p.comments.length - shown.length;
  const held = p.comments.filter((m) => m.comment.moderation !== 'published').length;
  const name = postName(p.postUrl);
  const first = p.comments[0]!.comment;
  const subject =
    p.comments.length === 1
      ? `${first.moderation === 'published' ? 'New comment' : 'Held for approval'}: ${first.author} on ${name}`
      : `${p.comments.length} new comments on ${name}${held ? ` (${held} held)` : ''}`;
  const label = (c: StoredComment) => (c.moderation === 'published' ? 'Published' : 'Held for approval');
  const text = [
    ...shown
      .map((m) => `[${label(m.comment)}] ${textCard(m)}`)
      .join('\n---\n\n')
      .split('\n'),
    more > 0 ? `And ${more} more in ${p.adminUrl}` : '',
    '',
    '--',
    `Moderate every comment: ${p.adminUrl}`,
    'Each link asks before it acts, works once and expires in seven days.',
  ].join('\n');
  const heading =
    p.comments.length === 1
      ? first.moderation === 'published'
        ? 'A new comment'
        : 'A comment is held for approval'
      : `${p.comments.length} new comments${held ? ` (${held} held for approval)` : ''}`;
  const content = html`<h1 style="font-size:20px;margin:0 0 8px;">${heading}</h1>
<p style="margin:0;">On <a href="${p.postUrl}">${name}</a></p>
${shown.map(
  (m) =>
    html`<p class="muted" style="margin:16px 0 -8px;font-size:14px;color:${COLORS.muted};">${label(m.comment)} · <a href="${m.permalink}">permalink</a></p>${card(m)}`
)}
${more > 0 ? html`<p>And ${more} more.</p>` : ''}
<p>${button(p.adminUrl, 'Open moderation', 'quiet')}</p>`;
  const footer = html`You get this mail as a moderator of ${site.name} (--notify-moderators). Each link asks before it acts, works once and expires in seven days.`;
  return {subject, text, html: page(subject, content, footer)};
}
