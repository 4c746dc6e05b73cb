/**
 * The HTTP application: the API under `/api`, health checks, and the dashboard's static files. Built in-process
 * over a store and a coder, so tests call `app.request()` without a port and `serve.ts` puts it on one.
 *
 * @example
 * const { app } = createApp({ store, coder: () => coderPromise });
 * const response = await app.request('/api/dyads/USA-PRK/state');
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { type Logger, pino } from 'pino';
import { LoginThrottle } from '../auth/login-throttle.js';
import type { Coder } from '../coder/types.js';
import type { FetchLimits } from '../ingest/safe-fetch.js';
import type { LiveBus } from '../queue/live-bus.js';
import { MemoryLiveBus } from '../queue/memory/memory-live-bus.js';
import type { Store } from '../store/store.js';
import { auditWrites, authenticate, csrfGuard } from './auth.js';
import type { AppEnv, ServerContext } from './context.js';
import { AnalysisCache } from './dyad-analysis.js';
import { type ErrorBody, HttpError } from './http-error.js';
import { IngestService } from './ingest-service.js';
import { LiveBridge } from './live-bridge.js';
import { LiveHub } from './live-hub.js';
import { openApiDocument } from './openapi.js';
import { inProcessReads, type Reads } from './reads.js';
import { registerActorRoutes } from './routes/actors.js';
import { registerAuthRoutes } from './routes/auth.js';
import { registerCommentaryRoutes } from './routes/commentary.js';
import { registerCorrectionRoutes } from './routes/corrections.js';
import { registerDocumentRoutes } from './routes/documents.js';
import { registerDyadRoutes } from './routes/dyads.js';
import { registerEventRoutes } from './routes/events.js';
import { registerFeedRoutes } from './routes/feeds.js';
import { registerHealthRoutes } from './routes/health.js';
import { registerIngestRoutes } from './routes/ingest.js';
import { registerLiveRoutes } from './routes/live.js';
import { registerSearchRoutes } from './routes/search.js';
import { registerUserRoutes } from './routes/users.js';
import { staticHandler } from './static-files.js';

export interface AppOptions {
  store: Store;
  /** The coder, loaded on first use (dictionaries take a moment). */
  coder: () => Promise<Coder>;
  hub?: LiveHub;
  /** Where dyad analyses and series are computed; default in the server's own thread. */
  reads?: Reads;
  /**
   * The live bus the server listens on (and announces its own ingests on); default a private in-process bus.
   * `startServer` passes the deployment's bus (`openLiveBus`), so workers' events reach this server's browsers.
   */
  bus?: LiveBus;
  logger?: Logger;
  /**
   * The bootstrap admin token; default `DYADWATCH_API_TOKEN`. Without one, loopback clients act as admin until
   * the first account exists.
   */
  apiToken?: string | null;
  /** Other origins allowed to send state-changing requests; default `DYADWATCH_ORIGINS` (comma-separated). */
  trustedOrigins?: string[];
  throttle?: LoginThrottle;
  /** The built dashboard folder, or null for API only. */
  webRoot?: string | null;
  fetchLimits?: FetchLimits;
  /** Largest request body in bytes (default 1 MB). */
  maxBodyBytes?: number;
  heartbeatMs?: number;
}

/** Methods whose requests the API reads no body of. */
const BODYLESS_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
};

export function createApp(options: AppOptions): { app: Hono<AppEnv>; context: ServerContext } {
  const hub = options.hub ?? new LiveHub();
  // Valid until the data changes where the store can tell (SQLite); 5 s where it cannot (PostgreSQL).
  const cache = new AnalysisCache<unknown>(5000, 2000, () => options.store.changeMark());
  const logger = options.logger ?? pino({ level: process.env.LOG_LEVEL ?? 'info' });
  const fetchLimits = options.fetchLimits ?? {};
  const bus = options.bus ?? new MemoryLiveBus();
  // The bridge is the only writer to the hub: every stored document, this server's own ingests included, reaches
  // the live stream through a notice on the bus.
  const bridge: LiveBridge = new LiveBridge({
    store: options.store,
    hub,
    bus,
    logger,
    movements: (doc, events) => ingest.newMovements(doc, events),
    onChange: (pairs) => cache.invalidate(pairs),
  });
  const ingest: IngestService = new IngestService({
    store: options.store,
    coder: options.coder,
    bus,
    bridge,
    fetchLimits,
    onWrite: (pairs) => cache.invalidate(pairs),
  });
  const context: ServerContext = {
    store: options.store,
    hub,
    cache,
    reads: options.reads ?? inProcessReads(options.store),
    coder: options.coder,
    logger,
    apiToken: options.apiToken === undefined ? process.env.DYADWATCH_API_TOKEN || null : options.apiToken,
    trustedOrigins:
      options.trustedOrigins ??
      (process.env.DYADWATCH_ORIGINS ?? '')
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    throttle: options.throttle ?? new LoginThrottle(),
    fetchLimits,
    maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024,
    heartbeatMs: options.heartbeatMs ?? 15_000,
    ingest,
    live: bridge,
  };

  const app = new Hono<AppEnv>();
  app.use(requestId({ headerName: 'x-request-id' }));
  app.use(async function logRequest(c, next) {
    const started = performance.now();
    await next();
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(name, value);
    logger.info(
      {
        reqId: c.get('requestId'),
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
      },
      'request',
    );
  });
  const limitBody = bodyLimit({
    maxSize: context.maxBodyBytes,
    onError: () => {
      throw new HttpError(413, `the body is over the ${Math.round(context.maxBodyBytes / 1024)} KB limit`);
    },
  });
  // Reads carry no body we look at, and asking one for its body makes @hono/node-server build a whole fetch
  // Request (abort signal, headers, stream): a tenth of the server's time on cached reads (see docs/api.md).
  app.use('/api/*', (c, next) => (BODYLESS_METHODS.has(c.req.method) ? next() : limitBody(c, next)));

  app.use('/api/*', auditWrites(context));
  app.use('/api/*', authenticate(context));
  app.use('/api/*', csrfGuard(context));

  registerHealthRoutes(app, context);
  registerAuthRoutes(app, context);
  registerUserRoutes(app, context);
  app.get('/api/openapi.json', (c) => c.json(openApiDocument()));
  registerDocumentRoutes(app, context);
  registerEventRoutes(app, context);
  registerActorRoutes(app, context);
  registerDyadRoutes(app, context);
  registerSearchRoutes(app, context);
  registerIngestRoutes(app, context);
  registerFeedRoutes(app, context);
  registerCommentaryRoutes(app, context);
  registerCorrectionRoutes(app, context);
  registerLiveRoutes(app, context);

  app.all('/api/*', (c) => {
    throw new HttpError(404, `no API route ${c.req.method} ${c.req.path} (see /api/openapi.json)`);
  });
  const serveStatic = staticHandler(options.webRoot ?? null);
  app.get('*', serveStatic);

  app.onError(function answerError(error, c) {
    const requestIdValue = c.get('requestId');
    if (error instanceof HttpError) {
      const body: ErrorBody = {
        error: {
          status: error.status,
          message: error.message,
          ...(error.details === undefined ? {} : { details: error.details }),
          requestId: requestIdValue,
        },
      };
      return c.json(body, error.status);
    }
    logger.error({ reqId: requestIdValue, err: error }, 'unhandled error');
    const body: ErrorBody = { error: { status: 500, message: 'internal error', requestId: requestIdValue } };
    return c.json(body, 500);
  });
  app.notFound((c) => c.json({ error: { status: 404, message: `not found: ${c.req.path}` } }, 404));
  return { app, context };
}
