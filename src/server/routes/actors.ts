/** `/api/actors`: search by code or name, and one actor with its dyads and latest events. */
import type { Hono } from 'hono';
import { dyadSide } from '../../store/dyad-key.js';
import type { DyadVolume } from '../../store/store.js';
import type { AppEnv, ServerContext } from '../context.js';
import { notFound } from '../http-error.js';
import { actorParam, actorQuerySchema } from '../schemas.js';
import { parseParam, parseQuery } from '../validate.js';

export function registerActorRoutes(app: Hono<AppEnv>, context: ServerContext): void {
  app.get('/api/actors', async (c) => {
    const params = parseQuery(c, actorQuerySchema);
    return c.json({ items: await context.store.searchActors(params.q ?? '', params.limit ?? 20) });
  });

  app.get('/api/actors/:code', async (c) => {
    const code = parseParam('actor code', c.req.param('code'), actorParam);
    const [candidates, recent] = await Promise.all([
      context.store.searchActors(code, 200),
      context.store.queryEvents({ actor: code, order: 'desc', limit: 50 }),
    ]);
    const actor = candidates.find((candidate) => candidate.code === code) ?? null;
    if (actor === null && recent.items.length === 0) throw notFound(`no actor ${code} in the store`);
    const side = dyadSide(code);
    const all = (await context.cache.get('dyads:all', () =>
      context.store.topDyads({ undirected: true, limit: 10_000 }),
    )) as DyadVolume[];
    const dyads = all.filter((dyad) => dyad.source === side || dyad.target === side).slice(0, 50);
    const related = candidates.filter((candidate) => candidate.code !== code && candidate.code.startsWith(code));
    return c.json({ code, actor, related: related.slice(0, 20), dyads, events: recent.items });
  });
}
