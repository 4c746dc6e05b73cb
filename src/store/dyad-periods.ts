/**
 * The per-period roll-up, `dyad_periods`: the daily roll-up summed per undirected pair (`side_a` ≤ `side_b`) and
 * Monday-based week or calendar month, with the cooperative and conflictual sums split by the sign of each day's
 * Goldstein sum (both directions together), exactly as `dyadPeriods` sums `dyad_daily`. A whole-range weekly series
 * of a busy pair is then ~520 rows read by primary key instead of ~7,300 daily rows summed twice (10–18 ms).
 *
 * It is kept by recomputing, from `dyad_daily`, every period a transaction touched, once, just before it commits
 * (`before-commit.ts`): recomputing needs no bookkeeping of each day's sign and cannot drift. On PostgreSQL the
 * transaction first takes an advisory lock per touched pair (sorted, so two writers never wait on each other in a
 * circle): a writer that recomputes after another then sees the other's committed days.
 */
import { beforeCommit } from './before-commit.js';
import type { Dialect, Queryable } from './driver.js';
import type { DyadPeriod } from './store.js';

export type PeriodResolution = 'week' | 'month';

/** A period of one pair that a write changed: recomputed before the commit. */
interface TouchedPeriod {
  sideA: string;
  sideB: string;
  resolution: PeriodResolution;
  start: string;
  finish: string;
}

const DAY_MS = 86_400_000;

function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The first and last day of the week (Monday–Sunday) or month that `day` (`YYYY-MM-DD`) falls in. */
export function periodBounds(day: string, resolution: PeriodResolution): { start: string; finish: string } {
  const ms = Date.parse(`${day.slice(0, 10)}T00:00:00Z`);
  if (resolution === 'week') {
    const monday = ms - ((new Date(ms).getUTCDay() + 6) % 7) * DAY_MS;
    return { start: dayOf(monday), finish: dayOf(monday + 6 * DAY_MS) };
  }
  const date = new Date(ms);
  return {
    start: dayOf(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1)),
    finish: dayOf(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)),
  };
}

/** Open ends of a range, as days every stored day lies between. */
export const FIRST_DAY = '0000-01-01';
export const LAST_DAY = '9999-12-31';

/**
 * A range cut at period boundaries: the whole periods inside it (read from `dyad_periods`), and the days of a
 * period it cuts at its start (`head`) or end (`tail`), summed from the daily roll-up. A range inside one period
 * that it cuts, or an empty range, is all `head`. Either end may be open.
 */
export interface PeriodSplit {
  head: [string, string] | null;
  /** First and last day of the whole periods: a period's first day and a period's last (or the open ends). */
  whole: [string, string] | null;
  tail: [string, string] | null;
}

export function splitByPeriods(
  from: string | undefined,
  to: string | undefined,
  resolution: PeriodResolution,
): PeriodSplit {
  const head = from === undefined ? null : periodBounds(from, resolution);
  const tail = to === undefined ? null : periodBounds(to, resolution);
  const cutHead = head !== null && from !== head.start;
  const cutTail = tail !== null && to !== tail.finish;
  if (from !== undefined && to !== undefined && (from > to || (head?.start === tail?.start && (cutHead || cutTail)))) {
    return { head: [from, to], whole: null, tail: null };
  }
  return {
    head: cutHead ? [from as string, head.finish] : null,
    whole: [
      cutHead ? shiftDay(head.finish, 1) : (from ?? FIRST_DAY),
      cutTail ? shiftDay(tail.start, -1) : (to ?? LAST_DAY),
    ],
    tail: cutTail ? [tail.start, to as string] : null,
  };
}

/** The day before or after `day`. */
export function shiftDay(day: string, days: number): string {
  return dayOf(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS);
}

const SUM_COLUMNS = ['events', 'quad1', 'quad2', 'quad3', 'quad4', 'forward', 'rearward', 'neutral'];

/** The table's columns, in the order every statement here writes them. */
const COLUMNS = `side_a, side_b, resolution, start, first_day, last_day, events, quad1, quad2, quad3, quad4,
  goldstein_sum, cooperative, conflictual, forward, rearward, neutral`;

/**
 * The outer sums over `days` (one row per pair, period and day with `g`, the day's Goldstein sum over both
 * directions), grouped per pair and period.
 */
const PERIOD_SELECT = `SELECT side_a, side_b, resolution, start, MIN(day), MAX(day), SUM(events), SUM(quad1),
  SUM(quad2), SUM(quad3), SUM(quad4), SUM(g), SUM(CASE WHEN g > 0 THEN g ELSE 0 END),
  SUM(CASE WHEN g > 0 THEN 0 ELSE -g END), SUM(forward), SUM(rearward), SUM(neutral)
  FROM days GROUP BY side_a, side_b, resolution, start`;

const DAY_SUMS = `${SUM_COLUMNS.map((c) => `SUM(${c}) AS ${c}`).join(', ')}, SUM(goldstein_sum) AS g`;

/** The first day of the period of the text column `day`, as SQL. */
function startSql(dialect: Dialect, resolution: PeriodResolution): string {
  if (resolution === 'month') return "SUBSTR(day, 1, 7) || '-01'";
  return dialect === 'sqlite'
    ? "date(day, '-6 days', 'weekday 1')"
    : "TO_CHAR(DATE_TRUNC('week', CAST(day AS DATE)), 'YYYY-MM-DD')";
}

/**
 * Statements that fill `dyad_periods` from the whole daily roll-up (migration 4, and the API bench's bulk load).
 * Rows are read in one pass per resolution; a pair's two directions are summed per day before the sign split.
 */
export function rebuildPeriodsSql(dialect: Dialect): string {
  const sideA = 'CASE WHEN source <= target THEN source ELSE target END';
  const sideB = 'CASE WHEN source <= target THEN target ELSE source END';
  return (['week', 'month'] as const)
    .map(
      (resolution) => `
WITH days AS (
  SELECT side_a, side_b, '${resolution}' AS resolution, ${startSql(dialect, resolution)} AS start, day, ${DAY_SUMS}
  FROM (SELECT ${sideA} AS side_a, ${sideB} AS side_b, day, ${SUM_COLUMNS.join(', ')}, goldstein_sum
        FROM dyad_daily) AS directed
  GROUP BY side_a, side_b, day
)
INSERT INTO dyad_periods (${COLUMNS}) ${PERIOD_SELECT};`,
    )
    .join('\n');
}

const touchedByTx = new WeakMap<Queryable, Map<string, TouchedPeriod>>();

/**
 * Notes that `dyad_daily` changed for these directed (source side, target side, day) rows in `tx`: their weeks and
 * months are recomputed once, before `tx` commits.
 */
export function touchPeriods(tx: Queryable, days: readonly { source: string; target: string; day: string }[]): void {
  if (days.length === 0) return;
  let touched = touchedByTx.get(tx);
  if (touched === undefined) {
    const periods = new Map<string, TouchedPeriod>();
    touched = periods;
    touchedByTx.set(tx, periods);
    beforeCommit(tx, 'dyad_periods', async () => {
      touchedByTx.delete(tx);
      await refreshPeriods(tx, [...periods.values()]);
    });
  }
  for (const { source, target, day } of days) {
    const [sideA, sideB] = source <= target ? [source, target] : [target, source];
    for (const resolution of ['week', 'month'] as const) {
      const { start, finish } = periodBounds(day, resolution);
      const key = `${sideA}\t${sideB}\t${resolution}\t${start}`;
      if (!touched.has(key)) touched.set(key, { sideA, sideB, resolution, start, finish });
    }
  }
}

/** Periods per statement on SQLite; shorter lists are padded (with a pair that has no rows) to a power of two. */
const CHUNK = 128;

/** Recomputes the given periods from `dyad_daily`: deletes their rows and inserts the sums of their days. */
export async function refreshPeriods(tx: Queryable, periods: readonly TouchedPeriod[]): Promise<void> {
  if (periods.length === 0) return;
  const sorted = [...periods].sort((x, y) => {
    const a = `${x.sideA}\t${x.sideB}\t${x.resolution}\t${x.start}`;
    const b = `${y.sideA}\t${y.sideB}\t${y.resolution}\t${y.start}`;
    return a < b ? -1 : a > b ? 1 : 0;
  });
  if (tx.dialect === 'postgres') {
    const pairs = [...new Set(sorted.map((p) => `${p.sideA}-${p.sideB}`))];
    await tx.all(
      `SELECT pg_advisory_xact_lock(73100732, h) FROM
         (SELECT DISTINCT hashtext(pair) AS h FROM unnest(CAST(? AS TEXT[])) AS pair ORDER BY h) AS locks`,
      [pairs],
    );
  }
  for (const { touched, params } of touchedLists(tx.dialect, sorted)) {
    await tx.run(
      `WITH ${touched} DELETE FROM dyad_periods
       WHERE (side_a, side_b, resolution, start) IN (SELECT side_a, side_b, resolution, start FROM touched)`,
      params,
    );
    // Each period's days in both directions (a pair with itself once), summed per day, then per period.
    const directed = (from: string, to: string, extra: string) =>
      `SELECT t.side_a, t.side_b, t.resolution, t.start, d.day, ${SUM_COLUMNS.map((c) => `d.${c}`).join(', ')},
         d.goldstein_sum
       FROM touched t JOIN dyad_daily d ON d.source = t.${from} AND d.target = t.${to}${extra}
         AND d.day >= t.start AND d.day <= t.finish`;
    await tx.run(
      `WITH ${touched},
       days AS (
         SELECT side_a, side_b, resolution, start, day, ${DAY_SUMS}
         FROM (${directed('side_a', 'side_b', '')} UNION ALL ${directed('side_b', 'side_a', ' AND t.side_a <> t.side_b')})
           AS directed
         GROUP BY side_a, side_b, resolution, start, day
       )
       INSERT INTO dyad_periods (${COLUMNS}) ${PERIOD_SELECT}`,
      params,
    );
  }
}

/**
 * The periods as a `touched (side_a, side_b, resolution, start, finish)` table for a WITH clause, with its
 * parameters: on PostgreSQL all of them as five arrays (a statement of fixed text, parsed fast); on SQLite
 * `CHUNK` at a time as VALUES, padded with a pair that has no rows to a power of two so few statement shapes are
 * prepared.
 */
function touchedLists(dialect: Dialect, periods: readonly TouchedPeriod[]): { touched: string; params: unknown[] }[] {
  const columns = (list: readonly TouchedPeriod[]) => [
    list.map((p) => p.sideA),
    list.map((p) => p.sideB),
    list.map((p) => p.resolution),
    list.map((p) => p.start),
    list.map((p) => p.finish),
  ];
  if (dialect === 'postgres') {
    const array = 'CAST(? AS TEXT[])';
    return [
      {
        touched: `touched AS (SELECT * FROM unnest(${Array(5).fill(array).join(', ')})
          AS t (side_a, side_b, resolution, start, finish))`,
        params: columns(periods),
      },
    ];
  }
  const lists: { touched: string; params: unknown[] }[] = [];
  for (let at = 0; at < periods.length; at += CHUNK) {
    const padded = periods.slice(at, at + CHUNK);
    let size = 1;
    while (size < padded.length) size *= 2;
    while (padded.length < size) padded.push({ sideA: '', sideB: '', resolution: 'week', start: '', finish: '' });
    const tuple = '(CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT))';
    lists.push({
      touched: `touched (side_a, side_b, resolution, start, finish) AS (VALUES ${padded.map(() => tuple).join(', ')})`,
      params: padded.flatMap((p) => [p.sideA, p.sideB, p.resolution, p.start, p.finish]),
    });
  }
  return lists;
}

/** The stored periods of a pair whose start lies in [from, to], in order, as `dyadPeriods` rows' values. */
export async function readPeriods(
  db: Queryable,
  sideA: string,
  sideB: string,
  resolution: PeriodResolution,
  from: string,
  to: string,
): Promise<DyadPeriod[]> {
  const rows = await db.values(
    `SELECT first_day, last_day, events, quad1, quad2, quad3, quad4, goldstein_sum, cooperative, conflictual,
       forward, rearward, neutral
     FROM dyad_periods WHERE side_a = ? AND side_b = ? AND resolution = ? AND start >= ? AND start <= ? ORDER BY start`,
    [sideA, sideB, resolution, from, to],
  );
  return rows.map(periodOfValues);
}

/** A `dyad_periods` row as `readPeriods` selects it. */
function periodOfValues(v: readonly unknown[]): DyadPeriod {
  return {
    day: String(v[0]),
    lastDay: String(v[1]),
    events: Number(v[2] ?? 0),
    quad: [Number(v[3] ?? 0), Number(v[4] ?? 0), Number(v[5] ?? 0), Number(v[6] ?? 0)],
    goldsteinSum: Number(v[7] ?? 0),
    cooperative: Number(v[8] ?? 0),
    conflictual: Number(v[9] ?? 0),
    forward: Number(v[10] ?? 0),
    rearward: Number(v[11] ?? 0),
    neutral: Number(v[12] ?? 0),
  };
}
