import {z} from 'zod';
import {hasForbiddenCharacters} from '../../../src/core/text.js';
import {isValidId, isValidPostId} from '../../../src/core/validate.js';

const text = (field: string) =>
  z
    .string({error: `${field} must be a string`})
    .max(40_000, `${field} is too long`)
    .refine((s) => !hasForbiddenCharacters(s), `${field} contains NUL, control characters or lone surrogates`);

const postId = z
  .string({error: 'postId must be a string'})
  .refine(isValidPostId, 'postId must be 1 to 512 printable characters without spaces, quotes or angle brackets');

const id = z.string().refine(isValidId, 'not a valid comment id');

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
});

/** PATCH /api/comments/:id */
export const updateSchema = z.strictObject({body: text('body')});

export const idParam = id;
export const postIdParam = postId;
