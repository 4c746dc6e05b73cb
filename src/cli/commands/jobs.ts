import type { Command } from 'commander';
import { CliError } from '../cli-error.js';

async function openQueueOrExplain() {
  const { openQueue, QueueConfigError } = await import('../../queue/index.js');
  try {
    return await openQueue();
  } catch (error) {
    if (error instanceof QueueConfigError) throw new CliError(`jobs: ${error.message}`);
    throw new CliError(`jobs: cannot open the queue: ${(error as Error).message}`);
  }
}

function pad(value: string | number, width: number): string {
  return String(value).padStart(width);
}

async function status(flags: { json?: boolean; failures: string }): Promise<void> {
  const limit = Number(flags.failures);
  if (!Number.isInteger(limit) || limit < 0) throw new CliError(`--failures ${flags.failures}: a whole number`);
  const queue = await openQueueOrExplain();
  try {
    const counts = await queue.counts();
    const failures = await queue.failures(limit);
    if (flags.json) {
      process.stdout.write(`${JSON.stringify({ location: queue.location, queues: counts, failures })}\n`);
      return;
    }
    process.stdout.write(`queue ${queue.location}\n`);
    process.stdout.write(
      `${'queue'.padEnd(8)}${pad('queued', 9)}${pad('active', 8)}${pad('/min', 8)}${pad('/min 15m', 10)}${pad('done', 10)}${pad('failed', 8)}${pad('dead', 7)}\n`,
    );
    for (const c of counts) {
      process.stdout.write(
        `${c.name.padEnd(8)}${pad(c.queued, 9)}${pad(c.active, 8)}${pad(c.perMinute, 8)}${pad(c.perMinute15.toFixed(1), 10)}${pad(c.completed, 10)}${pad(c.failed, 8)}${pad(c.dead, 7)}\n`,
      );
    }
    if (failures.length > 0) {
      process.stdout.write(`\nlast ${failures.length} failures (after all retries; copies in <queue>-dead):\n`);
      for (const f of failures) {
        process.stdout.write(`  ${f.at} ${f.queue} ${f.id} after ${f.retries} retries: ${f.error}\n`);
      }
    }
  } finally {
    await queue.close();
  }
}

/** `dyadwatch jobs`: the queue's depth, throughput and failures; `jobs recode|rollup` enqueue maintenance work. */
export function register(program: Command): void {
  const jobs = program.command('jobs').description('job queue: status (default), enqueue re-coding or roll-up repair');
  jobs
    .command('status', { isDefault: true })
    .description('queue depth, jobs per minute, failures and dead letters per queue')
    .option('--json', 'one JSON object on stdout')
    .option('--failures <n>', 'how many recent failures to list', '10')
    .action(status);
  jobs
    .command('recode')
    .description('enqueue re-coding of every stored document, in ranges, for the workers')
    .option('--batch <n>', 'documents per job', '500')
    .action(async (flags: { batch: string }) => {
      const batch = Number(flags.batch);
      if (!Number.isInteger(batch) || batch < 1) throw new CliError(`--batch ${flags.batch}: a whole number`);
      const { openStore } = await import('../../store/index.js');
      const { enqueueRecode } = await import('../../worker/recode-job.js');
      const queue = await openQueueOrExplain();
      const store = await openStore();
      try {
        const sent = await enqueueRecode(store, queue, batch);
        process.stderr.write(`jobs: ${sent} recode jobs of up to ${batch} documents queued\n`);
      } finally {
        await store.close();
        await queue.close();
      }
    });
  jobs
    .command('rollup')
    .description('enqueue recomputation of the dyad roll-up from the stored events, for a range of days')
    .requiredOption('--from <YYYY-MM-DD>', 'first day')
    .requiredOption('--to <YYYY-MM-DD>', 'last day')
    .action(async (flags: { from: string; to: string }) => {
      for (const [name, value] of Object.entries(flags)) {
        if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value)))
          throw new CliError(`--${name} ${value}: use YYYY-MM-DD`);
      }
      if (flags.from > flags.to) throw new CliError(`--from ${flags.from} is after --to ${flags.to}`);
      const { enqueueRollup } = await import('../../worker/rollup-job.js');
      const queue = await openQueueOrExplain();
      try {
        const sent = await enqueueRollup(queue, flags.from, flags.to);
        process.stderr.write(`jobs: ${sent} rollup jobs queued for ${flags.from} … ${flags.to}\n`);
      } finally {
        await queue.close();
      }
    });
}
