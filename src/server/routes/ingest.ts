/**
 * `/api/analyse` codes a text or a page now and returns its events without storing anything (open to readers,
 * like the paste box); `/api/ingest` codes, stores and publishes it on the live stream (contributors and
 * above, see `auth.ts`). Both take JSON `{text}` or `{url}` (with optional `title` and `date`), or a `text/plain` body.
 */
import type { Context, Hono } from 'hono';
import { requirePermission } from '../auth.js';
import type { AppEnv, ServerContext } from '../context.js';
import { HttpError } from '../http-error.js';
import { type AnalyseBody, analyseBodySchema, MAX_TEXT_LENGTH } from '../schemas.js';
import { parseJsonBody } from '../validate.js';

async function readBody(c: Context<AppEnv>): Promise<AnalyseBody> {
  const type = c.req.header('content-type') ?? '';
  if (/^text\/plain\b/i.test(type)) {
    const text = await c.req.text();
    if (text.length > MAX_TEXT_LENGTH) throw new HttpError(413, `text is over ${MAX_TEXT_LENGTH} characters`);
    const date = c.req.query('date');
    if (date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new HttpError(400, 'date: use YYYY-MM-DD');
    return { text, ...(date ? { date } : {}) };
  }
  if (!/^application\/json\b/i.test(type)) {
    throw new HttpError(415, 'send application/json ({"text"} or {"url"}) or text/plain');
  }
  return parseJsonBody(c, analyseBodySchema);
}

export function registerIngestRoutes(app: Hono<AppEnv>, context: ServerContext): void {
  app.post('/api/analyse', async (c) => {
    const body = await readBody(c);
    const { document, coded } = await context.ingest.analyse(body);
    return c.json({
      document: {
        title: document?.title ?? null,
        url: document?.url ?? null,
        date: document?.date,
        text: document?.text,
      },
      sentences: coded.sentences,
      events: coded.events,
    });
  });

  app.post('/api/ingest', requirePermission('ingest'), async (c) => {
    const body = await readBody(c);
    const outcome = await context.ingest.ingest(body);
    return c.json(outcome, outcome.status === 'duplicate' ? 200 : 201);
  });
}
