/**
 * The worker's loop over any `Queue`: `slots` loops per queue, each leasing one job, running it, and completing or
 * failing it. A busy loop fetches again at once; an idle one sleeps `pollMs` (woken early by `stop`). Stopping
 * finishes the jobs in hand or, past the grace period, fails them so they are retried elsewhere at once instead of
 * waiting for their lease to expire.
 */
import type { QueueName } from '../queue/jobs.js';
import type { Queue, QueuedJob } from '../queue/queue.js';

export type JobOutcome = 'completed' | 'failed' | 'released';

export interface ConsumerOptions {
  queue: Queue;
  /** Jobs in hand at once per queue. */
  slots: number;
  /** Sleep between polls of an empty queue. */
  pollMs: number;
  handle(job: QueuedJob): Promise<object | undefined>;
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

  /** Jobs being worked on now. */
  get busy(): number {
    return this.inHand.size;
  }

  /**
   * Stops leasing, waits up to `graceMs` for the jobs in hand, then releases the rest (failing them, so they are
   * retried) and resolves.
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
        jobs = await queue.fetch(name, 1);
      } catch (error) {
        this.options.onError?.(error as Error);
        await this.sleep(this.options.pollMs);
        continue;
      }
      if (jobs.length === 0) {
        await this.sleep(this.options.pollMs);
        continue;
      }
      for (const job of jobs) await this.run(job);
    }
  }

  private async run(job: QueuedJob): Promise<void> {
    const { queue } = this.options;
    this.inHand.set(job.id, job);
    try {
      const output = await this.options.handle(job);
      // Released by `stop` meanwhile: the job is already back in the queue.
      if (!this.inHand.has(job.id)) return;
      await queue.complete(job.name, job.id, output);
      this.options.onOutcome?.(job, 'completed');
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      if (!this.inHand.has(job.id)) return;
      await queue.fail(job.name, job.id, failure).catch((e: Error) => this.options.onError?.(e));
      this.options.onOutcome?.(job, 'failed', failure);
    } finally {
      this.inHand.delete(job.id);
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
