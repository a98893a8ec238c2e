import {z} from 'zod';
import {hasForbiddenCharacters, isValidId, isValidPostId, LIMITS, parseAnchor} from 'confab/core';

const text = (field: string) =>
  z
    .string({error: `${field} must be a string`})
    .max(40_000, `${field} is too long`)
    .refine((s) => !hasForbiddenCharacters(s), `${field} contains NUL, control characters or lone surrogates`);

const postId = z
  .string({error: 'postId must be a string'})
  .refine(isValidPostId, 'postId must be 1 to 512 printable characters without spaces, quotes or angle brackets');

/** An address one can mail: local part, @, a domain with a dot; no spaces, quotes, brackets or commas. */
const EMAIL = /^[^\s@<>()",;:\\[\]]{1,64}@[^\s@<>()",;:\\[\]]+\.[^\s@<>()",;:\\[\].]{2,}$/;

const id = z.string().refine(isValidId, 'not a valid comment id');

/** Where an inline comment belongs: plain text within the limits (see `parseAnchor`). */
const anchor = z
  .strictObject({
    quote: text('anchor.quote').max(LIMITS.quote * 2, 'anchor.quote is too long'),
    prefix: text('anchor.prefix').max(LIMITS.context * 2, 'anchor.prefix is too long'),
    suffix: text('anchor.suffix').max(LIMITS.context * 2, 'anchor.suffix is too long'),
    position: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    paragraph: z.boolean().optional(),
  })
  .refine(
    (a) => parseAnchor(a) !== undefined,
    `anchor must quote 1 to ${LIMITS.quote} characters of plain text, with at most ${LIMITS.context} on each side`
  );

/** POST /api/comments. Unknown fields are refused. */
export const createSchema = z.strictObject({
  postId,
  parentId: id.nullable().optional(),
  author: text('author').optional(),
  body: text('body'),
  /** The hidden honeypot field; people leave it empty. */
  website: z.string().max(500).optional(),
  /** Milliseconds between the form being shown and sent. */
  elapsedMs: z.number().int().min(0).max(1e10).optional(),
  /** For an inline comment (top-level only): the passage of the post it is about. */
  anchor: anchor.optional(),
  /** Optional: mail replies to this address (never shown, never returned; used only for notifications). */
  email: z
    .string()
    .max(254, 'email is too long')
    .refine((s) => EMAIL.test(s.trim()), 'email is not an email address')
    .optional(),
  /** What to mail about, with `email`: replies to this comment (default), or every new comment on the post too. */
  notify: z.enum(['replies', 'thread']).optional(),
  /** The address of the page the comment was written on (for links in mails and feeds; kept only from the site). */
  page: z.string().max(2048).optional(),
});

/** PATCH /api/comments/:id */
export const updateSchema = z.strictObject({body: text('body')});

export const idParam = id;
export const postIdParam = postId;

/** POST /api/comments/mine: the edit tokens a browser holds, by comment id (at most 1,000). */
export const mineSchema = z.strictObject({
  tokens: z
    .record(z.string().max(128), z.string().max(64))
    .refine((t) => Object.keys(t).length <= 1000, 'at most 1,000 tokens at a time'),
});
