/** `/api/search`: one box for actors (code or name), documents (title or text) and events (evidence). */
import type { Hono } from 'hono';
import type { AppEnv, ServerContext } from '../context.js';
import { searchEvents } from '../event-search.js';
import { searchQuerySchema } from '../schemas.js';
import { parseQuery } from '../validate.js';
import { searchDocuments } from './documents.js';

export function registerSearchRoutes(app: Hono<AppEnv>, context: ServerContext): void {
  app.get('/api/search', async (c) => {
    const { q, limit = 10 } = parseQuery(c, searchQuerySchema);
    const [actors, documents, events] = await Promise.all([
      context.store.searchActors(q, limit),
      searchDocuments(context.store, q, limit, null),
      searchEvents(context.store, { order: 'desc', limit }, q),
    ]);
    return c.json({ q, actors, documents: documents.items.slice(0, limit), events: events.items });
  });
}
