/**
 * `/api/live`: Server-Sent Events — every newly coded event (`event: event`), newly detected movement
 * (`event: movement`) and stored document (`event: document`), each with its id. A client reconnecting with
 * `Last-Event-ID` (or `?lastEventId=`) first gets what it missed from the hub's ring, or `event: gap` when the ring
 * no longer holds it. A comment line every `heartbeatMs` keeps proxies from closing an idle stream.
 * `/api/live/recent` returns the newest messages as JSON, for a page that opens cold.
 */
import type { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import type { AppEnv, ServerContext } from '../context.js';
import type { LiveMessage } from '../live-hub.js';
import { parseQuery } from '../validate.js';

const liveQuerySchema = z.strictObject({ lastEventId: z.coerce.number().int().min(0).optional() });
export const recentQuerySchema = z.strictObject({
  type: z.enum(['event', 'movement', 'document']).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

export function registerLiveRoutes(app: Hono<AppEnv>, context: ServerContext): void {
  app.get('/api/live/recent', (c) => {
    const params = parseQuery(c, recentQuerySchema);
    return c.json({ lastId: context.hub.lastId, items: context.hub.recent(params.limit ?? 50, params.type) });
  });

  app.get('/api/live', (c) => {
    const params = parseQuery(c, liveQuerySchema);
    const header = c.req.header('last-event-id');
    const headerId = header !== undefined && /^\d+$/.test(header) ? Number(header) : undefined;
    const lastId = headerId ?? params.lastEventId;
    c.header('x-accel-buffering', 'no');
    c.header('cache-control', 'no-cache, no-transform');
    return streamSSE(c, async (stream) => {
      const queue: LiveMessage[] = [];
      let wake: (() => void) | null = null;
      const unsubscribe = context.hub.subscribe((message) => {
        queue.push(message);
        wake?.();
      });
      let open = true;
      stream.onAbort(() => {
        open = false;
        wake?.();
      });
      const send = (message: LiveMessage) =>
        stream.writeSSE({ id: String(message.id), event: message.type, data: JSON.stringify(message.data) });
      try {
        await stream.writeSSE({ event: 'hello', data: JSON.stringify({ lastId: context.hub.lastId }), retry: 2000 });
        if (lastId !== undefined) {
          const resume = context.hub.since(lastId);
          if (resume.gap) await stream.writeSSE({ event: 'gap', data: JSON.stringify({ lastId }) });
          const sentUpTo = resume.messages.at(-1)?.id ?? lastId;
          for (const message of resume.messages) await send(message);
          // Messages published while the backlog was written are in the queue too; drop the repeats.
          while (queue[0] !== undefined && queue[0].id <= sentUpTo) queue.shift();
        }
        while (open) {
          const message = queue.shift();
          if (message !== undefined) {
            await send(message);
            continue;
          }
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, context.heartbeatMs);
            wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          wake = null;
          if (open && queue.length === 0) await stream.write(': keep-alive\n\n');
        }
      } finally {
        unsubscribe();
      }
    });
  });
}
