import type { EventRecord } from '../coder/event.js';
import type { Queryable } from './driver.js';
import { dyadSide } from './dyad-key.js';
import { touchPeriods } from './dyad-periods.js';

/** One row of change to `dyad_daily`: what a set of events adds to (or, negated, takes from) a dyad's day. */
interface RollupDelta {
  source: string;
  target: string;
  day: string;
  events: number;
  quad: [number, number, number, number];
  goldsteinSum: number;
  forward: number;
  rearward: number;
  neutral: number;
}

/**
 * Whether an event counts in the roll-up. Negated events ("did not condemn") are not the act they name, so the
 * daily counts leave them out; they stay in `events` for anyone who wants them.
 */
export function countsInRollup(event: Pick<EventRecord, 'negated' | 'source' | 'target'>): boolean {
  return !event.negated && event.source !== '' && event.target !== '';
}

/** Sums events per (source side, target side, day), with `sign` -1 for events being removed. */
export function rollupDeltas(events: readonly EventRecord[], sign: 1 | -1): RollupDelta[] {
  const byKey = new Map<string, RollupDelta>();
  for (const event of events) {
    if (!countsInRollup(event)) continue;
    const source = dyadSide(event.source);
    const target = dyadSide(event.target);
    const key = `${source}\t${target}\t${event.date}`;
    let delta = byKey.get(key);
    if (delta === undefined) {
      delta = {
        source,
        target,
        day: event.date,
        events: 0,
        quad: [0, 0, 0, 0],
        goldsteinSum: 0,
        forward: 0,
        rearward: 0,
        neutral: 0,
      };
      byKey.set(key, delta);
    }
    delta.events += sign;
    delta.quad[event.quad - 1] = (delta.quad[event.quad - 1] ?? 0) + sign;
    delta.goldsteinSum += sign * event.goldstein;
    delta[event.direction] += sign;
  }
  // A fixed order, so concurrent writers on PostgreSQL lock roll-up rows in the same order and cannot deadlock.
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, delta]) => delta);
}

const UPSERT_SUFFIX = `ON CONFLICT (source, target, day) DO UPDATE SET
  events = dyad_daily.events + excluded.events,
  quad1 = dyad_daily.quad1 + excluded.quad1,
  quad2 = dyad_daily.quad2 + excluded.quad2,
  quad3 = dyad_daily.quad3 + excluded.quad3,
  quad4 = dyad_daily.quad4 + excluded.quad4,
  goldstein_sum = dyad_daily.goldstein_sum + excluded.goldstein_sum,
  forward = dyad_daily.forward + excluded.forward,
  rearward = dyad_daily.rearward + excluded.rearward,
  neutral = dyad_daily.neutral + excluded.neutral`;

const COLUMNS = [
  'source',
  'target',
  'day',
  'events',
  'quad1',
  'quad2',
  'quad3',
  'quad4',
  'goldstein_sum',
  'forward',
  'rearward',
  'neutral',
];

/**
 * Adds (sign 1) or removes (sign -1) events' contribution to the roll-up, inside the caller's transaction (always
 * a transaction: the weeks and months it touches are recomputed when that transaction commits).
 */
export async function applyRollup(tx: Queryable, events: readonly EventRecord[], sign: 1 | -1): Promise<void> {
  const deltas = rollupDeltas(events, sign);
  if (deltas.length === 0) return;
  touchPeriods(tx, deltas);
  await tx.insertMany(
    'dyad_daily',
    COLUMNS,
    deltas.map((d) => [
      d.source,
      d.target,
      d.day,
      d.events,
      ...d.quad,
      d.goldsteinSum,
      d.forward,
      d.rearward,
      d.neutral,
    ]),
    UPSERT_SUFFIX,
  );
  if (sign === -1) {
    for (const d of deltas) {
      await tx.run('DELETE FROM dyad_daily WHERE source = ? AND target = ? AND day = ? AND events <= 0', [
        d.source,
        d.target,
        d.day,
      ]);
    }
  }
}
