/**
 * Which dyads moved since a date: for each dyad, mean net cooperation per day since `since` against the
 * same number of days before it. `improved` are the dyads whose net rose most, `deteriorated` those whose net
 * fell most, `movedMost` the largest changes either way — a monthly crisis tracker, computed and explained.
 */
import type { DyadSpec } from './analysis-event.js';
import { type CitedEvent, topReports } from './movements.js';
import { addDays, dayNumber } from './periods.js';
import type { DyadSeries } from './series.js';

export interface DyadChange {
  dyad: DyadSpec;
  /** Mean net cooperation per day in the equally long window before `since`. */
  before: number;
  /** Mean net cooperation per day from `since` to `until`. */
  after: number;
  change: number;
  /** Reports (or roll-up events) from `since` to `until`. */
  reports: number;
  /** The strongest reports since `since` in the direction of the change (empty for roll-up series). */
  drivers: CitedEvent[];
  /** One line: `USA–PRK improved: net −1.20 → 0.85 per day (14 reports), led by …`. */
  reason: string;
}

export interface DyadRanking {
  since: string;
  until: string;
  movedMost: DyadChange[];
  improved: DyadChange[];
  deteriorated: DyadChange[];
}

export interface RankOptions {
  since: string;
  until: string;
  /** Dyads with fewer reports in both windows together are left out (default 3). */
  minReports?: number;
  /** Length of each list (default 10). */
  top?: number;
}

/**
 * Ranks dyads by their change since `since`. Each series must be a day-resolution series covering
 * `[since − (until − since + 1) days, until]`; build them with `buildDyadSeries` or `seriesFromRollups`.
 */
export function rankDyads(series: readonly DyadSeries[], options: RankOptions): DyadRanking {
  const span = dayNumber(options.until) - dayNumber(options.since) + 1;
  const beforeStart = addDays(options.since, -span);
  const changes: DyadChange[] = [];
  for (const one of series) {
    let beforeNet = 0;
    let afterNet = 0;
    let beforeReports = 0;
    let afterReports = 0;
    for (const point of one.points) {
      if (point.start >= beforeStart && point.start < options.since) {
        beforeNet += point.net;
        beforeReports += point.reports;
      } else if (point.start >= options.since && point.start <= options.until) {
        afterNet += point.net;
        afterReports += point.reports;
      }
    }
    if (beforeReports + afterReports < (options.minReports ?? 3)) continue;
    const before = beforeNet / span;
    const after = afterNet / span;
    const change = after - before;
    const recent = one.reports.filter(
      (report) =>
        report.event.date >= options.since &&
        report.event.date <= options.until &&
        (change >= 0 ? report.score > 0 : report.score < 0),
    );
    const drivers = topReports(recent, 3);
    changes.push({
      dyad: one.dyad,
      before,
      after,
      change,
      reports: afterReports,
      drivers,
      reason: reasonLine(one.dyad, before, after, afterReports, drivers),
    });
  }
  const top = options.top ?? 10;
  return {
    since: options.since,
    until: options.until,
    movedMost: [...changes].sort((x, y) => Math.abs(y.change) - Math.abs(x.change)).slice(0, top),
    improved: changes
      .filter((c) => c.change > 0)
      .sort((x, y) => y.change - x.change)
      .slice(0, top),
    deteriorated: changes
      .filter((c) => c.change < 0)
      .sort((x, y) => x.change - y.change)
      .slice(0, top),
  };
}

function reasonLine(dyad: DyadSpec, before: number, after: number, reports: number, drivers: CitedEvent[]): string {
  const verb = after > before ? 'improved' : after < before ? 'deteriorated' : 'held';
  const lead = drivers[0]
    ? `, led by ${drivers[0].source}→${drivers[0].target} "${drivers[0].name}" (${drivers[0].date})`
    : '';
  return `${dyad.a}–${dyad.b} ${verb}: net ${before.toFixed(2)} → ${after.toFixed(2)} per day (${reports} reports)${lead}`;
}

/**
 * The undirected country-level dyads present in events, busiest first: `[{ a: 'PRK', b: 'USA', … }, …]`
 * (sides in alphabetical order). Events of an actor with its own country are left out.
 */
export function listDyads(
  events: readonly { source: string; target: string }[],
  minEvents = 1,
  side: (actor: string) => string = (actor) => actor.slice(0, 3),
): { dyad: DyadSpec; events: number }[] {
  const counts = new Map<string, number>();
  for (const event of events) {
    const [a, b] = [side(event.source), side(event.target)].sort();
    if (!a || !b || a === b) continue;
    const key = `${a}|${b}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts.entries()]
    .filter(([, count]) => count >= minEvents)
    .sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))
    .map(([key, count]) => {
      const [a = '', b = ''] = key.split('|');
      return { dyad: { a, b, direction: 'both' as const }, events: count };
    });
}
