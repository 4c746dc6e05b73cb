/** `/api/feeds`: RSS/Atom feeds the server polls — list, add, remove, poll now. Admins only (see `auth.ts`). */
import type { Hono } from 'hono';
import { pollFeed } from '../../ingest/feed-poll.js';
import type { PutStatus, Store } from '../../store/store.js';
import { requirePermission } from '../auth.js';
import type { AppEnv, ServerContext } from '../context.js';
import { HttpError, notFound } from '../http-error.js';
import { feedBodySchema, feedIdParam } from '../schemas.js';
import { parseJsonBody, parseParam } from '../validate.js';

export function registerFeedRoutes(app: Hono<AppEnv>, context: ServerContext): void {
  const writer = requirePermission('feeds');
  app.get('/api/feeds', writer, async (c) => c.json({ items: await context.store.listFeeds() }));

  app.post('/api/feeds', writer, async (c) => {
    const body = await parseJsonBody(c, feedBodySchema);
    if (await context.store.getFeed(body.url)) throw new HttpError(409, `feed ${body.url} is already there`);
    const feed = await context.store.addFeed(body.url, {
      ...(body.intervalMinutes ? { intervalMinutes: body.intervalMinutes } : {}),
      ...(body.title ? { title: body.title } : {}),
    });
    return c.json(feed, 201);
  });

  app.delete('/api/feeds/:id', writer, async (c) => {
    const id = parseParam('feed id', c.req.param('id'), feedIdParam);
    if (!(await context.store.removeFeed(id))) throw notFound(`no feed ${id}`);
    return c.body(null, 204);
  });

  app.post('/api/feeds/:id/poll', writer, async (c) => {
    const id = parseParam('feed id', c.req.param('id'), feedIdParam);
    const feed = await context.store.getFeed(id);
    if (feed === null) throw notFound(`no feed ${id}`);
    const result = await pollFeedLive(context, feed.id);
    return c.json(result);
  });
}

/**
 * Polls one feed and publishes every newly stored document's events and movements. The poll writes through a
 * store that notes the ids `putDocument` stored, so the server learns what is new without re-reading the feed.
 */
export async function pollFeedLive(context: ServerContext, id: number) {
  const feed = await context.store.getFeed(id);
  if (feed === null) throw notFound(`no feed ${id}`);
  const coder = await context.coder();
  const stored: { id: string; status: PutStatus }[] = [];
  const recording: Store = Object.create(context.store, {
    putDocument: {
      value: async (...args: Parameters<Store['putDocument']>) => {
        const result = await context.store.putDocument(...args);
        if (result.status !== 'duplicate') stored.push({ id: result.id, status: result.status });
        return result;
      },
    },
  });
  const result = await pollFeed(feed, { store: recording, coder, limits: context.fetchLimits });
  if (stored.length > 0) context.cache.invalidate();
  for (const document of stored) await context.ingest.publishStored(document.id, document.status);
  const { feed: after, outcome, items, summary, error } = result;
  return { feed: after, outcome, items, summary, error };
}
