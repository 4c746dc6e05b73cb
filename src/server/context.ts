/** What every route module receives: the store, the live hub, the ingest service, caches and configuration. */
import type { Logger } from 'pino';
import type { Coder } from '../coder/types.js';
import type { FetchLimits } from '../ingest/safe-fetch.js';
import type { Store } from '../store/store.js';
import type { AnalysisCache } from './dyad-analysis.js';
import type { IngestService } from './ingest-service.js';
import type { LiveHub } from './live-hub.js';

export interface ServerContext {
  store: Store;
  hub: LiveHub;
  ingest: IngestService;
  cache: AnalysisCache<unknown>;
  coder: () => Promise<Coder>;
  logger: Logger;
  /** Bearer token for ingest and feeds; null means loopback clients only. */
  apiToken: string | null;
  fetchLimits: FetchLimits;
  /** Largest request body in bytes. */
  maxBodyBytes: number;
  /** Heartbeat interval of the live stream in ms. */
  heartbeatMs: number;
}

/** Hono's typing for the app: node-server's `incoming` in env, the request id in variables. */
export interface AppEnv {
  Bindings: { incoming?: { socket?: { remoteAddress?: string } } };
  Variables: { requestId: string };
}
