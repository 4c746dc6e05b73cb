/**
 * `/api/documents`: the list (newest stored first, filtered by source and date), a text search over titles and
 * bodies (a bounded scan, continued by its cursor), and one document with its sentences and events.
 */
import type { Hono } from 'hono';
import type { Store } from '../../store/store.js';
import type { AppEnv, ServerContext } from '../context.js';
import { badRequest, notFound } from '../http-error.js';
import { documentIdParam, documentQuerySchema } from '../schemas.js';
import { parseParam, parseQuery } from '../validate.js';

/** Documents read per search request, at most. */
export const MAX_DOCUMENT_SCAN = 20_000;

export interface DocumentHit {
  id: string;
  title: string | null;
  date: string;
  /** The text around the first match. */
  snippet: string;
}

function snippetAround(text: string, at: number, width = 160): string {
  const start = Math.max(0, at - width / 2);
  const end = Math.min(text.length, at + width / 2);
  return `${start > 0 ? '…' : ''}${text.slice(start, end).trim()}${end < text.length ? '…' : ''}`;
}

/**
 * Documents whose title or text contains `q`, read 200 at a time until `limit` hits are found (every hit of the
 * last page read is returned, so a page may hold a few more than `limit`) or `MAX_DOCUMENT_SCAN` were read.
 */
export async function searchDocuments(
  store: Store,
  q: string,
  limit: number,
  cursor: string | null,
): Promise<{ items: DocumentHit[]; next: string | null }> {
  const needle = q.toLowerCase();
  const items: DocumentHit[] = [];
  let scanned = 0;
  let next = cursor;
  do {
    const page = await store.documentTexts(next, 200);
    scanned += page.items.length;
    for (const document of page.items) {
      const title = document.title ?? '';
      const inTitle = title.toLowerCase().indexOf(needle);
      const inText = document.text.toLowerCase().indexOf(needle);
      if (inTitle < 0 && inText < 0) continue;
      items.push({
        id: document.id,
        title: document.title,
        date: document.date,
        snippet: snippetAround(document.text, Math.max(inText, 0)),
      });
    }
    next = page.next;
  } while (next !== null && items.length < limit && scanned < MAX_DOCUMENT_SCAN);
  return { items, next };
}

export function registerDocumentRoutes(app: Hono<AppEnv>, context: ServerContext): void {
  app.get('/api/documents', async (c) => {
    const params = parseQuery(c, documentQuerySchema);
    try {
      if (params.q !== undefined) {
        return c.json(await searchDocuments(context.store, params.q, params.limit ?? 20, params.cursor ?? null));
      }
      const page = await context.store.listDocuments({
        ...(params.source ? { source: params.source } : {}),
        ...(params.from ? { from: params.from } : {}),
        ...(params.to ? { to: params.to } : {}),
        limit: params.limit ?? 50,
        cursor: params.cursor ?? null,
      });
      return c.json(page);
    } catch (error) {
      if (error instanceof Error && /cursor/.test(error.message)) throw badRequest(error.message);
      throw error;
    }
  });

  app.get('/api/documents/:id', async (c) => {
    const id = parseParam('document id', c.req.param('id'), documentIdParam);
    const found = await context.store.getDocument(id);
    if (found === null) throw notFound(`no document ${id}`);
    return c.json(found);
  });
}
