import type { Command } from 'commander';
import { fetchLimits, withFetchOptions } from '../../ingest/cli-support.js';
import { CliError } from '../cli-error.js';

interface WorkerFlags {
  concurrency: string;
  batch: string;
  queues?: string;
  grace: string;
  allow?: string[];
  allowPrivate?: boolean;
  timeout?: string;
  maxSize?: string;
}

const QUEUES = ['fetch', 'code', 'recode', 'rollup'] as const;

function parseFlags(flags: WorkerFlags) {
  const concurrency = Number(flags.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64)
    throw new CliError(`--concurrency ${flags.concurrency}: a whole number from 1 to 64`);
  const batchSize = Number(flags.batch);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 1000)
    throw new CliError(`--batch ${flags.batch}: a whole number from 1 to 1000`);
  const grace = Number(flags.grace);
  if (!(grace >= 0)) throw new CliError(`--grace ${flags.grace}: a number of seconds`);
  const queues = (flags.queues ?? QUEUES.join(',')).split(',').map((q) => q.trim());
  const unknown = queues.filter((q) => !(QUEUES as readonly string[]).includes(q));
  if (unknown.length > 0) throw new CliError(`--queues: unknown ${unknown.join(', ')} (use ${QUEUES.join(', ')})`);
  return { concurrency, batchSize, graceMs: grace * 1000, queues: queues as (typeof QUEUES)[number][] };
}

/**
 * `dyadwatch worker`: consumes jobs from the PostgreSQL queue until SIGTERM or SIGINT, then finishes the jobs in
 * hand (or releases them after the grace period) and exits. Run as many as you like, on as many machines.
 */
export function register(program: Command): void {
  const command = program
    .command('worker')
    .description('consume fetch, code, recode and roll-up jobs from the PostgreSQL queue ($DATABASE_URL)')
    .option('--concurrency <n>', 'batches in hand at once per queue', '2')
    .option('--batch <n>', 'jobs leased at once (one commit to lease, one to complete them all)', '10')
    .option('--queues <names>', `comma-separated queues to consume (default: ${QUEUES.join(',')})`)
    .option('--grace <seconds>', 'on SIGTERM, time to finish jobs in hand before releasing them for retry', '30');
  withFetchOptions(command).action(async (flags: WorkerFlags) => {
    const { concurrency, batchSize, graceMs, queues } = parseFlags(flags);
    if (!process.env.DATABASE_URL) throw new CliError('worker: the queue lives in PostgreSQL; set DATABASE_URL');
    const { loadCoder } = await import('../../ingest/cli-support.js');
    const { openStore } = await import('../../store/index.js');
    const { openLiveBus, openQueue } = await import('../../queue/index.js');
    const { startWorker } = await import('../../worker/run-worker.js');
    const coder = await loadCoder();
    const store = await openStore();
    const queue = await openQueue().catch(async (error: Error) => {
      await store.close();
      throw new CliError(`worker: cannot open the queue: ${error.message}`);
    });
    const live = openLiveBus();
    const log = (line: string) => process.stderr.write(`worker ${process.pid}: ${line}\n`);
    const worker = startWorker({
      context: { store, coder, queue, live, limits: fetchLimits(flags) },
      concurrency,
      batchSize,
      queues,
      log,
    });
    log(
      `consuming ${queues.join(', ')} (concurrency ${concurrency}, batches of ${batchSize}) from ${queue.location}; coder ${coder.version}`,
    );
    const signal = await new Promise<NodeJS.Signals>((resolve) => {
      process.once('SIGTERM', () => resolve('SIGTERM'));
      process.once('SIGINT', () => resolve('SIGINT'));
    });
    log(`${signal}: finishing the jobs in hand (up to ${graceMs / 1000} s)`);
    process.once('SIGINT', () => process.exit(130));
    await worker.stop(graceMs);
    await queue.close();
    await live.close();
    await store.close();
    const done = Object.entries(worker.tally)
      .map(([name, t]) => `${name} ${t.completed} done, ${t.failed} failed, ${t.released} released`)
      .join('; ');
    log(`stopped: ${done}`);
  });
}
