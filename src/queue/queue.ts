/**
 * The queue's one interface: what a worker and an enqueuer need from a job queue, nothing more. `pg-boss/`
 * implements it on PostgreSQL; the worker's loop (`worker/consume.ts`) and the enqueuers only see this, so another
 * backend is one new folder.
 */
import type { JobData, QueueName } from './jobs.js';

/** A job a consumer holds: complete or fail it exactly once. */
export interface QueuedJob<N extends QueueName = QueueName> {
  id: string;
  name: N;
  data: JobData[N];
  /** 0 on the first delivery, then 1, 2 … on each retry (after a failure or an expired lease). */
  retryCount: number;
}

export interface QueueCounts {
  name: string;
  /** Waiting to run, including jobs waiting for a retry. */
  queued: number;
  /** Leased by a worker now. */
  active: number;
  completed: number;
  /** Failed for good (their copy sits in the dead-letter queue). */
  failed: number;
  /** Jobs that reached the dead-letter queue and are kept there. */
  dead: number;
  /** Jobs completed in the last minute. */
  perMinute: number;
  /** Jobs completed per minute, averaged over the last fifteen minutes. */
  perMinute15: number;
}

export interface FailedJob {
  queue: string;
  id: string;
  /** When it failed for good. */
  at: string;
  retries: number;
  error: string;
  data: unknown;
}

export interface QueueSettings {
  /** Retries after the first failure before a job goes to the dead-letter queue. Default 5. */
  retryLimit?: number;
  /** Seconds before the first retry; doubled (with jitter) each time. Default 5. */
  retryDelaySeconds?: number;
  /** Lease: a job held longer (its worker died or hangs) is failed and retried. Default 900. */
  expireInSeconds?: number;
}

export interface Queue {
  /** Where the queue lives (database URL without password, schema). */
  readonly location: string;
  send<N extends QueueName>(name: N, data: JobData[N]): Promise<string>;
  /** Enqueues many jobs in one round trip. */
  sendMany<N extends QueueName>(name: N, data: readonly JobData[N][]): Promise<number>;
  /** Leases up to `limit` jobs (none when the queue is empty). */
  fetch<N extends QueueName>(name: N, limit: number): Promise<QueuedJob<N>[]>;
  /** Marks jobs done (in one round trip: workers complete a leased batch at once). */
  complete(name: QueueName, ids: readonly string[]): Promise<void>;
  /** Records the error; the job is retried later or, out of retries, dead-lettered with the error. */
  fail(name: QueueName, id: string, error: Error): Promise<void>;
  counts(): Promise<QueueCounts[]>;
  /** The most recent jobs that failed for good, newest first. */
  failures(limit: number): Promise<FailedJob[]>;
  close(): Promise<void>;
}
