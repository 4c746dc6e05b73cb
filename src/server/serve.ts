/**
 * Puts the app on a port with @hono/node-server, listens on the deployment's live bus (PostgreSQL LISTEN/NOTIFY
 * beside a PostgreSQL store, so workers' and other servers' documents reach this server's browsers; in-process
 * beside SQLite), polls due feeds in the background (publishing what they bring on the live stream), and closes
 * everything in order on `close()`.
 */
import type { AddressInfo } from 'node:net';
import { availableParallelism } from 'node:os';
import { serve } from '@hono/node-server';
import { openLiveBus } from '../queue/index.js';
import { type AppOptions, createApp } from './app.js';
import type { ServerContext } from './context.js';
import { ReadPool } from './read-pool.js';
import { pollFeedLive } from './routes/feeds.js';

export interface ServeOptions extends AppOptions {
  port?: number;
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** Minutes between checks for due feeds; 0 turns polling off (default 1). */
  feedCheckMinutes?: number;
  /**
   * Worker threads for dyad analyses and series over a SQLite file (`read-pool.ts`); default 0, in the server's
   * own thread. Ignored for PostgreSQL and `:memory:`, and when `reads` is given.
   */
  readThreads?: number;
}

/** The read threads `dyadwatch serve` starts: `DYADWATCH_READ_THREADS`, else one per core, at most 4. */
export function defaultReadThreads(env: NodeJS.ProcessEnv = process.env): number {
  return env.DYADWATCH_READ_THREADS === undefined
    ? Math.min(4, availableParallelism())
    : Number(env.DYADWATCH_READ_THREADS);
}

export interface RunningServer {
  /** `http://localhost:PORT` (or the host given). */
  url: string;
  port: number;
  context: ServerContext;
  close(): Promise<void>;
}

/**
 * Starts the server and resolves once it listens.
 * @example const server = await startServer({ store, coder: () => coder, port: 8080 });
 */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  // The bus follows the store: PostgreSQL's (DATABASE_URL, DYADWATCH_PG_SCHEMA, as workers use), else in-process.
  const ownBus = options.bus === undefined;
  const bus = options.bus ?? openLiveBus(options.store.dialect === 'postgres' ? {} : { databaseUrl: '' });
  const pooled =
    options.reads === undefined &&
    (options.readThreads ?? 0) > 0 &&
    options.store.dialect === 'sqlite' &&
    options.store.location !== ':memory:';
  const pool = pooled ? new ReadPool(options.store.location, options.readThreads ?? 1) : null;
  const { app, context } = createApp({ ...options, bus, ...(pool ? { reads: pool } : {}) });
  const host = options.host ?? '127.0.0.1';
  let server: ReturnType<typeof serve>;
  try {
    await pool?.ready();
    await context.live.ready;
    server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
      const listening = serve({ fetch: app.fetch, port: options.port ?? 8080, hostname: host }, () =>
        resolve(listening),
      );
      listening.once('error', reject);
    });
  } catch (error) {
    await context.live.stop().catch(() => {});
    if (ownBus) await bus.close().catch(() => {});
    await pool?.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  const shown = host === '127.0.0.1' || host === '::1' || host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  let polling = false;
  const minutes = options.feedCheckMinutes ?? 1;
  const timer =
    minutes > 0
      ? setInterval(async function pollDueFeeds() {
          if (polling) return;
          polling = true;
          try {
            const now = new Date().toISOString();
            for (const feed of await context.store.listFeeds()) {
              if (feed.nextPollAt <= now) await pollFeedLive(context, feed.id);
            }
          } catch (error) {
            context.logger.warn({ err: error }, 'feed poll failed');
          } finally {
            polling = false;
          }
        }, minutes * 60_000)
      : null;
  timer?.unref();
  return {
    url: `http://${shown}:${port}`,
    port,
    context,
    close: () =>
      new Promise<void>((resolve) => {
        if (timer) clearInterval(timer);
        server.close(() => resolve());
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      }).then(async () => {
        await context.live.stop();
        if (ownBus) await bus.close();
        await pool?.close();
      }),
  };
}
