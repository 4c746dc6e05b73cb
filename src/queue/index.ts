/**
 * The queue's door. `openQueue()` opens the pg-boss queue on the `DATABASE_URL` database (the queue needs
 * PostgreSQL: workers on other machines must reach it); `openLiveBus()` gives LISTEN/NOTIFY there, or an in-process
 * bus without PostgreSQL. Both follow the store's schema (`DYADWATCH_PG_SCHEMA`), so deployments (and tests)
 * sharing one database stay apart.
 *
 * Settings from the environment, for operators and tests: `DYADWATCH_JOB_RETRIES` (default 5),
 * `DYADWATCH_JOB_RETRY_DELAY` (seconds, default 5, doubling), `DYADWATCH_JOB_LEASE` (seconds a job may run before it
 * is presumed lost and retried, default 900), `DYADWATCH_QUEUE_MAINTENANCE` (seconds between lease checks,
 * default 30). Retry and lease settings apply when the queues are first created.
 */
import type { LiveBus } from './live-bus.js';
import { MemoryLiveBus } from './memory/memory-live-bus.js';
import { PgBossQueue } from './pg-boss/pg-boss-queue.js';
import { PostgresLiveBus } from './postgres/postgres-live-bus.js';
import type { Queue } from './queue.js';

export interface QueueOptions {
  /** PostgreSQL connection string; wins over `DATABASE_URL`. */
  databaseUrl?: string;
  /** The store's schema; wins over `DYADWATCH_PG_SCHEMA`. */
  schema?: string;
  env?: NodeJS.ProcessEnv;
}

/** An error the user fixes by configuration (no PostgreSQL). */
export class QueueConfigError extends Error {
  override readonly name = 'QueueConfigError';
}

function settings(options: QueueOptions): { url: string | undefined; schema: string; env: NodeJS.ProcessEnv } {
  const env = options.env ?? process.env;
  return {
    url: options.databaseUrl ?? (env.DATABASE_URL || undefined),
    schema: options.schema ?? (env.DYADWATCH_PG_SCHEMA || 'public'),
    env,
  };
}

/** pg-boss's schema beside a store schema: `pgboss` for `public`, else `<schema>_jobs`. */
export function queueSchema(storeSchema: string): string {
  return storeSchema === 'public' ? 'pgboss' : `${storeSchema}_jobs`;
}

/** The NOTIFY channel of a store schema: `dyadwatch_live`, or `dyadwatch_live_<schema>` beside `public`. */
export function liveChannel(storeSchema: string): string {
  return storeSchema === 'public' ? 'dyadwatch_live' : `dyadwatch_live_${storeSchema}`.slice(0, 63);
}

function seconds(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const value = env[name];
  if (value === undefined || value === '') return undefined;
  const number = Number(value);
  if (!(number >= 0)) throw new QueueConfigError(`${name}=${value}: a number of seconds`);
  return number;
}

/**
 * Opens the job queue on PostgreSQL, creating pg-boss's schema and the queues on first use.
 * @example const queue = await openQueue(); await queue.send('code', job);
 */
export async function openQueue(options: QueueOptions = {}): Promise<Queue> {
  const { url, schema, env } = settings(options);
  if (!url) {
    throw new QueueConfigError(
      'the job queue lives in PostgreSQL: set DATABASE_URL (postgres://user:password@host:5432/database)',
    );
  }
  return PgBossQueue.open({
    connectionString: url,
    schema: queueSchema(schema),
    retryLimit: seconds(env, 'DYADWATCH_JOB_RETRIES'),
    retryDelaySeconds: seconds(env, 'DYADWATCH_JOB_RETRY_DELAY'),
    expireInSeconds: seconds(env, 'DYADWATCH_JOB_LEASE'),
    maintenanceIntervalSeconds: seconds(env, 'DYADWATCH_QUEUE_MAINTENANCE'),
  });
}

let processBus: MemoryLiveBus | undefined;

/**
 * The live bus for this deployment: LISTEN/NOTIFY on the `DATABASE_URL` database, else one in-process bus shared by
 * everything in this process.
 * @example const bus = openLiveBus(); const stop = await bus.subscribe((notice) => …);
 */
export function openLiveBus(options: QueueOptions = {}): LiveBus {
  const { url, schema } = settings(options);
  if (url) return new PostgresLiveBus({ connectionString: url, channel: liveChannel(schema) });
  processBus ??= new MemoryLiveBus();
  return processBus;
}

export type { CodeJob, FetchJob, JobData, QueueName, RecodeJob, RollupJob } from './jobs.js';
export { deadLetterName, QUEUE_NAMES } from './jobs.js';
export type { DocumentNotice, LiveBus, LiveListener, LiveNotice, ResyncNotice } from './live-bus.js';
export type { FailedJob, Queue, QueueCounts, QueuedJob, QueueSettings } from './queue.js';
