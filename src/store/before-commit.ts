/**
 * Work a transaction does once, last, just before it commits: the drivers run it after the transaction's own
 * work and drop it on rollback. The per-period roll-up uses it so that one transaction that changes the daily
 * roll-up several times (re-coding takes old events out and puts new ones in) recomputes each touched period once,
 * and on PostgreSQL takes its locks after every row lock the transaction needs, in one order (no deadlock).
 */
import type { Queryable } from './driver.js';

const pending = new WeakMap<Queryable, Map<string, () => Promise<void>>>();

/** Registers `work` under `key` for `tx`'s commit; a key already registered keeps its first work. */
export function beforeCommit(tx: Queryable, key: string, work: () => Promise<void>): void {
  let jobs = pending.get(tx);
  if (jobs === undefined) {
    jobs = new Map();
    pending.set(tx, jobs);
  }
  if (!jobs.has(key)) jobs.set(key, work);
}

/** Runs what was registered for `tx` (drivers call this right before COMMIT). */
export async function runBeforeCommit(tx: Queryable): Promise<void> {
  for (let jobs = pending.get(tx); jobs !== undefined && jobs.size > 0; jobs = pending.get(tx)) {
    pending.delete(tx);
    for (const work of jobs.values()) await work();
  }
}

/** Forgets what was registered for `tx` (drivers call this on rollback). */
export function discardBeforeCommit(tx: Queryable): void {
  pending.delete(tx);
}
