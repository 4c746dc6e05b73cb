/**
 * A worker: consumes the queues with the job handlers, counts what it did, and stops gracefully.
 * `dyadwatch worker` is this plus signal handling.
 */
import { QUEUE_NAMES, type QueueName } from '../queue/jobs.js';
import type { QueuedJob } from '../queue/queue.js';
import { runCodeJob } from './code-job.js';
import { Consumer, type JobOutcome } from './consume.js';
import { runFetchJob } from './fetch-job.js';
import type { JobContext } from './job-context.js';
import { runRecodeJob } from './recode-job.js';
import { runRollupJob } from './rollup-job.js';

export interface WorkerOptions {
  context: JobContext;
  /** Jobs in hand at once per queue (default 2: one coding while another waits on the database). */
  concurrency?: number;
  /** Queues to consume (default all four). */
  queues?: readonly QueueName[];
  /** Jobs leased at once per loop (default 10). */
  batchSize?: number;
  /** Sleep between polls of an empty queue, ms (default 1000). */
  pollMs?: number;
  /** One line per notable thing (failures, lost connections). */
  log?: (line: string) => void;
}

export type WorkerTally = Record<QueueName, Record<JobOutcome, number>>;

export interface RunningWorker {
  readonly tally: WorkerTally;
  /** Finishes (or after `graceMs` releases) the jobs in hand and stops leasing new ones. */
  stop(graceMs: number): Promise<void>;
}

/** Runs one job with the handler of its queue; the result becomes the job's output. */
export function handleJob(job: QueuedJob, context: JobContext): Promise<unknown> {
  switch (job.name) {
    case 'code':
      return runCodeJob(job as QueuedJob<'code'>, context);
    case 'fetch':
      return runFetchJob(job as QueuedJob<'fetch'>, context);
    case 'recode':
      return runRecodeJob(job as QueuedJob<'recode'>, context);
    case 'rollup':
      return runRollupJob(job as QueuedJob<'rollup'>, context.store);
  }
}

/**
 * Starts consuming. Resolves at once; call `stop` to end.
 * @example const worker = startWorker({ context: { store, coder, queue, live, limits: {} } }); … await worker.stop(30_000);
 */
export function startWorker(options: WorkerOptions): RunningWorker {
  const log = options.log ?? (() => {});
  const tally = Object.fromEntries(
    QUEUE_NAMES.map((name) => [name, { completed: 0, failed: 0, released: 0 }]),
  ) as WorkerTally;
  const consumer = new Consumer({
    queue: options.context.queue,
    slots: options.concurrency ?? 2,
    batchSize: options.batchSize ?? 10,
    pollMs: options.pollMs ?? 1000,
    handle: (job) => handleJob(job, options.context),
    onOutcome(job, outcome, error) {
      tally[job.name][outcome]++;
      if (error !== undefined) log(`${job.name} job ${job.id} ${outcome} (retry ${job.retryCount}): ${error.message}`);
    },
    onError: (error) => log(`queue: ${error.message}`),
  });
  consumer.start(options.queues ?? QUEUE_NAMES);
  return { tally, stop: (graceMs) => consumer.stop(graceMs) };
}
