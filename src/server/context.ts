/** What every route module receives: the store, the live hub, the ingest service, caches and configuration. */
import type { Logger } from 'pino';
import type { LoginThrottle } from '../auth/login-throttle.js';
import type { Principal } from '../auth/principal.js';
import type { Coder } from '../coder/types.js';
import type { FetchLimits } from '../ingest/safe-fetch.js';
import type { Store } from '../store/store.js';
import type { AnalysisCache } from './dyad-analysis.js';
import type { IngestService } from './ingest-service.js';
import type { LiveBridge } from './live-bridge.js';
import type { LiveHub } from './live-hub.js';
import type { Reads } from './reads.js';

export interface ServerContext {
  store: Store;
  hub: LiveHub;
  ingest: IngestService;
  /** Feeds the hub from the live bus (`await context.live.ready` before serving). */
  live: LiveBridge;
  cache: AnalysisCache<unknown>;
  /** Dyad analyses and series, in process or on worker threads (`dyad-reads.ts`). */
  reads: Reads;
  coder: () => Promise<Coder>;
  logger: Logger;
  /**
   * The bootstrap admin token (`DYADWATCH_API_TOKEN`), or null; with none and no accounts yet, loopback clients
   * act as admin (first run).
   */
  apiToken: string | null;
  /** Origins besides the server's own host that may send state-changing requests (`DYADWATCH_ORIGINS`). */
  trustedOrigins: string[];
  throttle: LoginThrottle;
  fetchLimits: FetchLimits;
  /** Largest request body in bytes. */
  maxBodyBytes: number;
  /** Heartbeat interval of the live stream in ms. */
  heartbeatMs: number;
}

/** Hono's typing for the app: node-server's `incoming` in env, the request id in variables. */
export interface AppEnv {
  Bindings: { incoming?: { socket?: { remoteAddress?: string } } };
  Variables: {
    requestId: string;
    /** Who is asking (set by `authenticate` for every request). */
    principal: Principal;
    /** What a route adds to the audit log line of its write. */
    audit?: { target?: string; detail?: Record<string, unknown>; actor?: string; userId?: number };
  };
}
