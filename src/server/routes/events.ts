/**
 * `/api/events`: filtered, cursor-paged events, or every match streamed as CSV or JSON Lines. The text filter
 * (`q`) is not in the store's indexes, so it scans pages of the other filters' matches, at most `MAX_TEXT_SCAN`
 * events per request; the cursor then continues the scan where it stopped.
 */
import type { Hono } from 'hono';
import { type ExportFormat, exportEvents } from '../../store/export-events.js';
import type { EventQuery, Store } from '../../store/store.js';
import type { AppEnv, ServerContext } from '../context.js';
import { pairTag } from '../dyad-analysis.js';
import { badRequest } from '../http-error.js';
import { type EventQueryParams, eventQuerySchema } from '../schemas.js';
import { parseQuery } from '../validate.js';

export const MAX_EXPORT = 1_000_000;

export function toEventQuery(params: EventQueryParams): EventQuery {
  const { q: _q, format: _format, ...rest } = params;
  const query: EventQuery = {};
  for (const [key, value] of Object.entries(rest)) {
    if (value !== undefined) (query as Record<string, unknown>)[key] = value;
  }
  return query;
}

function exportResponse(store: Store, query: EventQuery, q: string | undefined, format: ExportFormat): Response {
  const encoder = new TextEncoder();
  const needle = q?.toLowerCase();
  const lines = exportEvents(store, query, format);
  let count = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const batch: string[] = [];
      while (batch.length < 500) {
        const next = await lines.next();
        if (next.done || count >= MAX_EXPORT) {
          if (batch.length > 0) controller.enqueue(encoder.encode(batch.join('')));
          controller.close();
          return;
        }
        // The header line and every event for JSONL/CSV; the text filter reads the record back.
        if (needle !== undefined && !(format === 'csv' && batch.length === 0 && count === 0)) {
          if (!next.value.toLowerCase().includes(needle)) continue;
        }
        count++;
        batch.push(`${next.value}\n`);
      }
      controller.enqueue(encoder.encode(batch.join('')));
    },
    async cancel() {
      await lines.return(undefined);
    },
  });
  const type = format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8';
  return new Response(body, {
    headers: {
      'content-type': type,
      'content-disposition': `attachment; filename="dyadwatch-events.${format}"`,
      'cache-control': 'no-store',
    },
  });
}

export function registerEventRoutes(app: Hono<AppEnv>, context: ServerContext): void {
  app.get('/api/events', async (c) => {
    const params = parseQuery(c, eventQuerySchema);
    if (params.from && params.to && params.from > params.to) throw badRequest('from is after to');
    const query = toEventQuery(params);
    if (params.format === 'csv' || params.format === 'jsonl') {
      const { limit: _limit, cursor: _cursor, ...all } = query;
      return exportResponse(context.store, all, params.q, params.format);
    }
    // Pages are cached as JSON text until the data changes (every write path invalidates the cache), so the
    // dashboard's many readers of the same dyad's pages cost one query; bench/api.bench.ts reports the hit rate.
    // A miss asks the store for the page's JSON text (on SQLite the rows come out of the database as JSON).
    // A page of one dyad is dropped when that dyad's pair gets events; other pages on every write.
    const pairs = params.dyad === undefined ? null : [pairTag(...(params.dyad.split('-') as [string, string]))];
    // Kept as UTF-8, so a cached page is written to each reader without encoding it again.
    const body = (await context.cache.get(
      `events:${JSON.stringify(params)}`,
      () => context.reads.eventPageJson(query, params.q).catch(rethrowCursor),
      pairs,
    )) as Uint8Array<ArrayBuffer>;
    return c.body(body, 200, { 'content-type': 'application/json' });
  });
}

function rethrowCursor(error: unknown): never {
  if (error instanceof Error && /cursor/.test(error.message)) throw badRequest(error.message);
  throw error;
}
