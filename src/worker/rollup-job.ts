/**
 * The `rollup` job: recomputes the dyad roll-up of some days from the stored events, from scratch. Writes keep the
 * roll-up current in their own transactions already; this job repairs it (after a restore, a manual edit, or a
 * change to what counts) and proves it: recomputing a correct day changes nothing.
 */
import type { Queue, QueuedJob } from '../queue/queue.js';
import type { Driver } from '../store/driver.js';
import { touchPeriods } from '../store/dyad-periods.js';
import { applyRollup } from '../store/rollup.js';
import { toEvent } from '../store/rows.js';
import { SqlStore } from '../store/sql-store.js';
import type { Store } from '../store/store.js';

/**
 * Replaces one day's roll-up rows with the sum of that day's events, in one transaction. On PostgreSQL the table
 * lock waits for writers in flight and holds new ones back for the moment it takes, so no event is counted twice or
 * missed; plain reads go on.
 */
export async function recomputeRollupDay(driver: Driver, day: string): Promise<void> {
  await driver.transaction(async (tx) => {
    if (driver.dialect === 'postgres') await tx.exec('LOCK TABLE dyad_daily IN EXCLUSIVE MODE');
    // The day's weeks and months are recomputed at commit, for the pairs that had rows as well as the new ones.
    touchPeriods(
      tx,
      await tx.all<{ source: string; target: string; day: string }>(
        'SELECT source, target, day FROM dyad_daily WHERE day = ?',
        [day],
      ),
    );
    await tx.run('DELETE FROM dyad_daily WHERE day = ?', [day]);
    const events = (await tx.all('SELECT * FROM events WHERE date = ?', [day])).map(toEvent);
    await applyRollup(tx, events, 1);
  });
}

export async function runRollupJob(job: QueuedJob<'rollup'>, store: Store): Promise<{ days: number }> {
  if (!(store instanceof SqlStore)) throw new Error('rollup: this store cannot recompute its roll-up');
  for (const day of job.data.days) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`rollup: bad day "${day}"`);
    await recomputeRollupDay(store.driver, day);
  }
  return { days: job.data.days.length };
}

/** The days from `from` to `to` inclusive, as `YYYY-MM-DD`. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= end; t += 86_400_000) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

/**
 * Enqueues roll-up recomputation for every day from `from` to `to`, `perJob` days per job; returns the jobs sent.
 * @example await enqueueRollup(queue, '2018-01-01', '2018-12-31');
 */
export async function enqueueRollup(queue: Queue, from: string, to: string, perJob = 31): Promise<number> {
  const days = daysBetween(from, to);
  const jobs: { days: string[] }[] = [];
  for (let i = 0; i < days.length; i += perJob) jobs.push({ days: days.slice(i, i + perJob) });
  return queue.sendMany('rollup', jobs);
}
