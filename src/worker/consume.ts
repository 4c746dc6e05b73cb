/**
 * The worker's loop over any `Queue`: `slots` loops per queue, each leasing a batch of jobs, running them one by
 * one and completing the batch's successes in one round trip (failures are failed at once, one by one). A busy loop
 * leases again at once; an idle one sleeps `pollMs` (woken early by `stop`). Batches matter: leasing and completing
 * are a commit each, and per job they would cost more than storing the document.
 *
 * Stopping finishes the batches in hand or, past the grace period, fails what is left so it is retried elsewhere at
 * once instead of waiting for its lease to expire. A job done but not yet completed when the process dies is run
 * again after its lease: handlers are idempotent.
 */
import type { QueueName } from '../queue/jobs.js';
import type { Queue, QueuedJob } from '../queue/queue.js';

export type JobOutcome = 'completed' | 'failed' | 'released';

export interface ConsumerOptions {
  queue: Queue;
  /** Loops per queue, each with one batch in hand. */
  slots: number;
  /** Jobs leased at once per loop (default 10). */
  batchSize?: number;
  /** Sleep between polls of an empty queue. */
  pollMs: number;
  handle(job: QueuedJob): Promise<unknown>;
  /** Told about each job's end (logging, counters). */
  onOutcome?(job: QueuedJob, outcome: JobOutcome, error?: Error): void;
  /** Told about queue errors outside jobs (lost connection while polling). */
  onError?(error: Error): void;
}

export class Consumer {
  private stopping = false;
  private readonly loops: Promise<void>[] = [];
  private readonly inHand = new Map<string, QueuedJob>();
  private readonly sleepers = new Set<() => void>();

  constructor(private readonly options: ConsumerOptions) {}

  /** Starts the loops for these queues. */
  start(names: readonly QueueName[]): void {
    for (const name of names) {
      for (let slot = 0; slot < this.options.slots; slot++) this.loops.push(this.loop(name));
    }
  }

  /** Jobs leased and not yet completed or failed. */
  get busy(): number {
    return this.inHand.size;
  }

  /**
   * Stops leasing, waits up to `graceMs` for the batches in hand, then releases the rest (failing them, so they
   * are retried) and resolves.
   */
  async stop(graceMs: number): Promise<void> {
    this.stopping = true;
    for (const wake of this.sleepers) wake();
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), graceMs);
    });
    const finished = await Promise.race([Promise.all(this.loops).then(() => 'done' as const), grace]);
    clearTimeout(timer);
    if (finished === 'done') return;
    const released = [...this.inHand.values()];
    this.inHand.clear();
    for (const job of released) {
      const error = new Error('worker stopped before finishing the job; released for retry');
      await this.options.queue.fail(job.name, job.id, error).catch((e: Error) => this.options.onError?.(e));
      this.options.onOutcome?.(job, 'released', error);
    }
  }

  private async loop(name: QueueName): Promise<void> {
    const { queue } = this.options;
    while (!this.stopping) {
      let jobs: QueuedJob[];
      try {
        jobs = await queue.fetch(name, this.options.batchSize ?? 10);
      } catch (error) {
        this.options.onError?.(error as Error);
        await this.sleep(this.options.pollMs);
        continue;
      }
      if (jobs.length === 0) {
        await this.sleep(this.options.pollMs);
        continue;
      }
      await this.runBatch(name, jobs);
    }
  }

  private async runBatch(name: QueueName, jobs: readonly QueuedJob[]): Promise<void> {
    const { queue } = this.options;
    for (const job of jobs) this.inHand.set(job.id, job);
    const done: QueuedJob[] = [];
    for (const job of jobs) {
      // Released by `stop` meanwhile: the job is back in the queue already.
      if (!this.inHand.has(job.id)) continue;
      try {
        await this.options.handle(job);
        done.push(job);
      } catch (error) {
        const failure = error instanceof Error ? error : new Error(String(error));
        if (!this.inHand.delete(job.id)) continue;
        await queue.fail(job.name, job.id, failure).catch((e: Error) => this.options.onError?.(e));
        this.options.onOutcome?.(job, 'failed', failure);
      }
    }
    const completed = done.filter((job) => this.inHand.delete(job.id));
    try {
      await queue.complete(
        name,
        completed.map((job) => job.id),
      );
      for (const job of completed) this.options.onOutcome?.(job, 'completed');
    } catch (error) {
      // Not recorded as done: the jobs run again after their lease, to the same effect.
      this.options.onError?.(error as Error);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }
}
