/**
 * Forward and rearward movements of a dyad: the change points of its series, each turned into a movement with
 * a start, an end, a size and the events that drove it.
 *
 * 1. The series is segmented with PELT (`change-points.ts`) on `net` per period (default) or on the smoothed
 *    `level`. Each change from one segment to the next is a candidate: `forward` when the segment mean rises,
 *    `rearward` when it falls; `size` is the change of the mean (net cooperation per period).
 * 2. Its drivers are the reports pulling its way in the first `driverDays` (default 14) of the new segment.
 *    A change with no driver is the level relaxing after a burst (nobody did anything; the news moved on), not
 *    a movement, and is dropped — unless the series has no reports at all (roll-ups), where it is kept.
 * 3. Movements of the same direction less than `mergeDays` (default 21) apart are one movement: a run of
 *    threats a week apart is one escalation, not five. The merged movement goes from the first one's `from` to
 *    the furthest level reached.
 *
 * `start` is the date of the first driving report (so even a weekly series dates a movement to the day), else
 * the first day of the segment; `end` is the last day before the next change.
 */
import type { DyadSpec } from './analysis-event.js';
import { type ChangePointOptions, detectChangePoints } from './change-points.js';
import type { Report } from './dedup.js';
import { addDays } from './periods.js';
import type { DyadSeries } from './series.js';

/** An event cited as a driver of a movement, with what a reader needs to check it. */
export interface CitedEvent {
  date: string;
  source: string;
  target: string;
  cameo: string;
  name: string;
  goldstein: number;
  /** Modality multiplier applied in the series. */
  weight: number;
  /** Goldstein × weight. */
  score: number;
  evidence: string;
  doc: string;
  url: string | null;
  mentions: number;
  modality: string;
  conditional: boolean;
  negated: boolean;
}

export interface Movement {
  label: 'forward' | 'rearward';
  /** Date the movement began (its first driving report, else the first day of its first period). */
  start: string;
  /** Last day of the segment the movement led into. */
  end: string;
  /** Segment mean before and after, and their difference (net cooperation per period). */
  from: number;
  to: number;
  size: number;
  /** Net cooperation summed over the segment the movement led into. */
  net: number;
  /** Index of the first point of the new segment in `series.points`. */
  index: number;
  /** The strongest reports in the direction of the movement, strongest first. */
  drivers: CitedEvent[];
}

export interface MovementOptions extends ChangePointOptions {
  /** Which series to segment: `net` per period (default) or the smoothed `level`. */
  signal?: 'net' | 'level';
  /** Ignore changes whose size is below this (net per period; default 0). */
  minSize?: number;
  /** How many driving events to cite (default 5). */
  topEvents?: number;
  /** Days from the change in which reports count as its drivers (default 14). */
  driverDays?: number;
  /** Same-direction movements closer than this many days are merged (default 21). */
  mergeDays?: number;
}

/** Detects movements in a series; an empty list for a series without change points. */
export function detectMovements(series: DyadSeries, options: MovementOptions = {}): Movement[] {
  const values = series.points.map((point) => (options.signal === 'level' ? point.level : point.net));
  const { segments } = detectChangePoints(values, options);
  const driverDays = options.driverDays ?? 14;
  const candidates: (Movement & { driving: Report[] })[] = [];
  for (let index = 1; index < segments.length; index++) {
    const before = segments[index - 1];
    const after = segments[index];
    const first = after && series.points[after.start];
    const last = after && series.points[after.end - 1];
    if (!before || !after || !first || !last) continue;
    const size = after.mean - before.mean;
    if (size === 0 || Math.abs(size) < (options.minSize ?? 0)) continue;
    const label = size > 0 ? 'forward' : 'rearward';
    const driverEnd = minDate(last.end, addDays(first.start, driverDays - 1));
    const driving = series.reports.filter(
      (report) => report.event.date >= first.start && report.event.date <= driverEnd && sameSign(report, label),
    );
    if (driving.length === 0 && series.reports.length > 0) continue;
    let net = 0;
    for (let point = after.start; point < after.end; point++) net += series.points[point]?.net ?? 0;
    const start = driving[0]?.event.date ?? first.start;
    candidates.push({
      label,
      start,
      end: last.end,
      from: before.mean,
      to: after.mean,
      size,
      net,
      index: after.start,
      drivers: [],
      driving,
    });
  }
  const merged = mergeMovements(candidates, options.mergeDays ?? 21);
  return merged.map(({ driving, ...movement }) => ({
    ...movement,
    drivers: topReports(driving, options.topEvents ?? 5),
  }));
}

function mergeMovements<T extends Movement & { driving: Report[] }>(movements: T[], mergeDays: number): T[] {
  const result: T[] = [];
  for (const movement of movements) {
    const previous = result[result.length - 1];
    const lastActivity = previous?.driving.reduce(
      (latest, report) => maxDate(latest, report.event.date),
      previous.start,
    );
    if (
      previous &&
      lastActivity &&
      previous.label === movement.label &&
      movement.start <= addDays(lastActivity, mergeDays)
    ) {
      const further =
        movement.label === 'forward' ? Math.max(previous.to, movement.to) : Math.min(previous.to, movement.to);
      previous.to = further;
      previous.size = further - previous.from;
      previous.end = movement.end;
      previous.net += movement.net;
      previous.driving = [...previous.driving, ...movement.driving];
    } else {
      result.push({ ...movement });
    }
  }
  return result;
}

function minDate(left: string, right: string): string {
  return left < right ? left : right;
}

function maxDate(left: string, right: string): string {
  return left > right ? left : right;
}

function sameSign(report: Report, label: Movement['label']): boolean {
  return label === 'forward' ? report.score > 0 : report.score < 0;
}

/** The strongest reports (|score| × mentions-adjusted), as cited events, strongest first. */
export function topReports(reports: readonly Report[], count: number): CitedEvent[] {
  const strength = (report: Report): number => Math.abs(report.score) * (1 + Math.log(report.mentions));
  return [...reports]
    .sort((x, y) => strength(y) - strength(x) || x.event.date.localeCompare(y.event.date))
    .slice(0, count)
    .map(citeReport);
}

/** A report as a cited event. */
export function citeReport(report: Report): CitedEvent {
  const { event } = report;
  return {
    date: event.date,
    source: event.source,
    target: event.target,
    cameo: event.cameo,
    name: event.cameo_name ?? event.cameo,
    goldstein: event.goldstein,
    weight: report.weight,
    score: report.score,
    evidence: event.evidence,
    doc: event.doc,
    url: event.url ?? null,
    mentions: report.mentions,
    modality: event.modality,
    conditional: event.conditional,
    negated: event.negated,
  };
}

/** `USA–PRK rearward from 2018-05-24: −3.1 → −8.4 per week` — one line per movement. */
export function describeMovement(movement: Movement, dyad: DyadSpec, unit: string): string {
  const arrow = `${movement.from.toFixed(1)} → ${movement.to.toFixed(1)} per ${unit}`;
  const driver = movement.drivers[0];
  const cause = driver ? `; led by ${driver.source}→${driver.target} "${driver.name}" (${driver.date})` : '';
  return `${dyad.a}–${dyad.b} ${movement.label} from ${movement.start} to ${movement.end}: ${arrow}${cause}`;
}
