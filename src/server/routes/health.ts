/** `/healthz` (the process answers) and `/readyz` (the store answers and the coder is loaded), plus `/api/stats`. */
import type { Hono } from 'hono';
import type { AppEnv, ServerContext } from '../context.js';

export function registerHealthRoutes(app: Hono<AppEnv>, context: ServerContext): void {
  app.get('/healthz', (c) => c.json({ ok: true }));

  app.get('/readyz', async (c) => {
    try {
      await context.store.stats();
      await context.coder();
      return c.json({ ready: true, store: context.store.dialect, live: { lastId: context.hub.lastId } });
    } catch (error) {
      return c.json({ ready: false, error: error instanceof Error ? error.message : String(error) }, 503);
    }
  });

  app.get('/api/stats', async (c) => {
    const stats = await context.cache.get('stats', () => context.store.stats());
    return c.json({ ...(stats as object), store: context.store.dialect, listeners: context.hub.listeners });
  });
}
