import type {Context} from 'hono';
import type {z} from 'zod';
import {ApiError} from './errors.js';

/**
 * Reads a JSON request body against a schema. Refuses other content types (415), malformed JSON (400), and anything
 * the schema rejects (400), naming the field. The size limit (413) is enforced before this, while the body streams.
 */
export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new ApiError(415, 'unsupported-media-type', 'Send the request body as application/json.');
  }
  let value: unknown;
  try {
    value = JSON.parse(await c.req.text());
  } catch {
    throw new ApiError(400, 'invalid-json', 'The request body is not valid JSON.');
  }
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const where = issue.path.join('.');
    const message =
      issue.code === 'unrecognized_keys'
        ? `Unknown field: ${issue.keys.map((key) => (where ? `${where}.${key}` : key)).join(', ')}.`
        : issue.code === 'invalid_type' && issue.input === undefined && where
          ? `${where} is required.`
          : `${where && !issue.message.startsWith(where) ? `${where}: ` : ''}${issue.message}.`;
    throw new ApiError(400, 'invalid-request', message);
  }
  return result.data;
}
