/**
 * Request validation with zod: query strings and JSON bodies are parsed against a schema, and a failure becomes
 * a 400 naming each bad parameter (`limit: Too big: expected number to be <=1000`).
 */
import type { Context } from 'hono';
import type { z } from 'zod';
import { badRequest, HttpError } from './http-error.js';

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue.message}`)
    .join('; ');
}

/** The query string parsed by `schema`; unknown parameters are refused so typos do not pass silently. */
export function parseQuery<T extends z.ZodType>(c: Context, schema: T): z.infer<T> {
  const raw: Record<string, string> = {};
  for (const [key, value] of new URL(c.req.url).searchParams) raw[key] = value;
  const result = schema.safeParse(raw);
  if (!result.success) throw badRequest(`bad query: ${describeIssues(result.error)}`);
  return result.data;
}

/** A path parameter parsed by `schema`. */
export function parseParam<T extends z.ZodType>(name: string, value: string | undefined, schema: T): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw badRequest(`bad ${name} "${value ?? ''}": ${describeIssues(result.error)}`);
  return result.data;
}

/** The JSON body parsed by `schema`; 415 for another content type, 400 for malformed JSON. */
export async function parseJsonBody<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) throw new HttpError(415, 'send the body as application/json');
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw badRequest('malformed JSON body');
  }
  const result = schema.safeParse(body);
  if (!result.success) throw badRequest(`bad body: ${describeIssues(result.error)}`);
  return result.data;
}
