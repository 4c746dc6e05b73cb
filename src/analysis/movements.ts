/**
 * Forward and rearward movements of a dyad: the changes of its series, each turned into a movement with a start,
 * an end, a size and the events that drove it. Three detectors (`method`; docs/analysis.md has their
 * calibration):
 *
 * - `balance` (default for a series with reports, i.e. from events): PELT on the forward share of the dyad's
 *   news days (`balance.ts`), and inside each of its segments the intensity scan (`intensity.ts`): a stretch
 *   louder than the rest of the segment whose extra weight is one-sided beyond news attention (a hostile dyad
 *   threatening every week) is a movement too. Volume alone, both ways at once, is not.
 * - `pelt` (default for a series from roll-ups): PELT on net cooperation per period (`change-points.ts`), or on
 *   the smoothed `level`. A change is `forward` when the segment mean rises; its drivers are the reports
 *   pulling its way in the first `driverDays` (14) of the new segment, and a change with none (with reports) is
 *   the level relaxing after a burst, not a movement.
 * - `burst`: the compound-Poisson window scan of `bursts.ts`, with turns back after each burst.
 *
 * Movements of the same direction less than `mergeDays` (default 21) apart are one movement: a run of threats a
 * week apart is one escalation, not five. `start` is the date of the first driving report (so even a weekly
 * series dates a movement to the day), else the first day of the segment.
 */
import type { DyadSpec } from './analysis-event.js';
import { type NewsDay, segmentBalanceMultiscale } from './balance.js';
import { type BurstOptions, DEFAULT_BURST_OPTIONS, detectBursts, type SideSeries } from './bursts.js';
import { type ChangePointOptions, detectChangePoints } from './change-points.js';
import type { Report } from './dedup.js';
import { scanIntensity } from './intensity.js';
import { addDays, dateOfDay, dayNumber, nominalDays } from './periods.js';
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

export interface MovementOptions extends ChangePointOptions, BurstOptions {
  /**
   * `balance` (default for series with reports): PELT on the forward share of news days (`balance.ts`);
   * `pelt` (default for roll-ups): PELT with a Gaussian mean-shift cost on the series (`change-points.ts`);
   * `burst`: the compound-Poisson window scan of `bursts.ts`. See docs/analysis.md for their calibration.
   */
  method?: 'balance' | 'burst' | 'pelt';
  /** `balance`: minimum news days in a segment (default 1). */
  minSegmentNewsDays?: number;
  /** `balance`: re-segment each segment with its own penalty (default true; `balance.ts`). */
  refine?: boolean;
  /** `balance`: longest burst inside a segment, in news days (default 3; 0 turns the scan off). */
  burstNewsDays?: number;
  /** `balance`: permutation level at which a burst is split out (default 0.02). */
  burstLevel?: number;
  /**
   * `balance`: also scan each balance segment for stretches louder than the rest of it and one-sided beyond news
   * attention — an escalation (or a cooperative surge) at an unchanged share (`intensity.ts`; default true).
   */
  intensity?: boolean;
  /** `balance`: permutation level of the intensity scan (default 0.01). */
  intensityLevel?: number;
  /** `balance`: shuffles behind the intensity scan's p-value (default 999). */
  intensityPermutations?: number;
  /** `balance`: longest intensity window, in days (default 120). */
  intensityMaxDays?: number;
  /** `balance`: fewest news days of its side in an intensity window (default 3). */
  intensityNewsDays?: number;
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

/**
 * Detects movements in a series; an empty list when nothing changed. The default method is `balance` for a
 * series with reports (from events) and `pelt` for one without (from roll-ups: dense daily counts with no
 * single reports to weigh).
 */
export function detectMovements(series: DyadSeries, options: MovementOptions = {}): Movement[] {
  const method = options.method ?? (series.reports.length > 0 ? 'balance' : 'pelt');
  if (method === 'balance') return detectBalanceMovements(series, options);
  return method === 'burst' ? detectBurstMovements(series, options) : detectPeltMovements(series, options);
}

/**
 * Movements as changes in the balance of news days (`balance.ts`). Each change between two segments is a
 * movement the way the forward share moved. It starts at the first report pulling its way in the new segment
 * and ends at the segment's last news day; `from` and `to` are the net weight per day over the previous and the
 * new segment (from its first news day to the day before the next segment's), `size` their difference. A change
 * with no report pulling its way (the other side fell silent), or whose net per day moved against its share (a
 * busy period fading into a quieter one of the same tone), is not a movement. Intensity windows inside a segment
 * (`intensity.ts`) are movements from their first to their last report pulling their way, `from` the net per day
 * over the rest of the segment and `to` over the window; both kinds are sorted by start and same-direction ones
 * merged (`finishMovements`), so an escalation that is also a change of balance is one movement.
 */
function detectBalanceMovements(series: DyadSeries, options: MovementOptions): Movement[] {
  const first = dayNumber(series.from);
  const last = dayNumber(series.to) - first;
  const byIndex = new Map<number, NewsDay & { net: number }>();
  const squares = { forward: 0, rearward: 0 };
  const totals = { forward: 0, rearward: 0 };
  for (const report of series.reports) {
    const index = dayNumber(report.event.date) - first;
    if (index < 0 || index > last || report.score === 0) continue;
    let day = byIndex.get(index);
    if (!day) {
      day = { index, forward: 0, rearward: 0, net: 0 };
      byIndex.set(index, day);
    }
    const side = report.score > 0 ? 'forward' : 'rearward';
    day[side] += Math.abs(report.score);
    day.net += report.score;
    squares[side] += report.score ** 2;
    totals[side] += Math.abs(report.score);
  }
  const days = [...byIndex.values()].sort((x, y) => x.index - y.index);
  const phi = {
    forward: totals.forward > 0 ? squares.forward / totals.forward : 1,
    rearward: totals.rearward > 0 ? squares.rearward / totals.rearward : 1,
  };
  const units = days.map((day) => ({
    index: day.index,
    forward: day.forward / phi.forward,
    rearward: day.rearward / phi.rearward,
  }));
  const segments = segmentBalanceMultiscale(units, {
    penaltyScale: options.penaltyScale,
    minSegmentNewsDays: options.minSegmentNewsDays,
    refine: options.refine,
    burstNewsDays: options.burstNewsDays,
    burstLevel: options.burstLevel,
  });
  /** First calendar day of a segment, and one past its last (the next segment's first news day). */
  const span = (index: number): [number, number] => {
    const segment = segments[index];
    const next = segments[index + 1];
    const from = segment ? (days[segment.start]?.index ?? 0) : 0;
    const to = next ? (days[next.start]?.index ?? last + 1) : last + 1;
    return [from, to];
  };
  const netPerDay = (index: number): number => {
    const segment = segments[index];
    if (!segment) return 0;
    const [from, to] = span(index);
    let net = 0;
    for (let k = segment.start; k < segment.end; k++) net += days[k]?.net ?? 0;
    return net / Math.max(1, to - from);
  };
  const candidates: (Movement & { driving: Report[] })[] = [];
  for (let index = 1; index < segments.length; index++) {
    const before = segments[index - 1];
    const after = segments[index];
    if (!before || !after || after.share === before.share) continue;
    const label: Movement['label'] = after.share > before.share ? 'forward' : 'rearward';
    const from = netPerDay(index - 1);
    const to = netPerDay(index);
    if (label === 'forward' ? to <= from : to >= from) continue;
    const startDate = dateOfDay(first + (days[after.start]?.index ?? 0));
    const endDate = dateOfDay(first + (days[after.end - 1]?.index ?? 0));
    const driving = series.reports.filter(
      (report) => report.event.date >= startDate && report.event.date <= endDate && sameSign(report, label),
    );
    const leading = driving[0];
    if (!leading) continue;
    let net = 0;
    for (let k = after.start; k < after.end; k++) net += days[k]?.net ?? 0;
    candidates.push({
      label,
      start: leading.event.date,
      end: endDate,
      from,
      to,
      size: to - from,
      net,
      index: pointIndex(series, leading.event.date),
      drivers: [],
      driving,
    });
  }
  if (options.intensity !== false) {
    // Inside each balance segment (one share), windows more or less hostile than the rest of it: an escalation
    // at an unchanged share. Each segment's calendar stretch runs from its first news day (the series' first day
    // for the first segment) to the day before the next segment's.
    segments.forEach((segment, index) => {
      const [spanFrom, to] = span(index);
      const from = index === 0 ? 0 : spanFrom;
      const windows = scanIntensity(units.slice(segment.start, segment.end), from, to, phi, {
        level: options.intensityLevel,
        permutations: options.intensityPermutations,
        maxDays: options.intensityMaxDays,
        minNewsDays: options.intensityNewsDays,
      });
      for (const window of windows) {
        const startDate = dateOfDay(first + window.from);
        const endDate = dateOfDay(first + window.to);
        const driving = series.reports.filter(
          (report) => report.event.date >= startDate && report.event.date <= endDate && sameSign(report, window.side),
        );
        const leading = driving[0];
        if (!leading) continue;
        const lastDriving = driving.reduce((latest, report) => maxDate(latest, report.event.date), leading.event.date);
        let inside = 0;
        let outside = 0;
        for (let k = segment.start; k < segment.end; k++) {
          const day = days[k];
          if (!day) continue;
          if (day.index >= window.from && day.index <= window.to) inside += day.net;
          else outside += day.net;
        }
        const windowDays = window.to - window.from + 1;
        const before = outside / Math.max(1, to - from - windowDays);
        const during = inside / windowDays;
        candidates.push({
          label: window.side,
          start: leading.event.date,
          end: lastDriving,
          from: before,
          to: during,
          size: during - before,
          net: inside,
          index: pointIndex(series, leading.event.date),
          drivers: [],
          driving,
        });
      }
    });
    candidates.sort((x, y) => x.start.localeCompare(y.start) || x.end.localeCompare(y.end));
  }
  return finishMovements(candidates, options);
}

/** Index of the point of `series` that contains the date (0 when none does). */
function pointIndex(series: DyadSeries, date: string): number {
  return Math.max(
    0,
    series.points.findIndex((point) => point.start <= date && date <= point.end),
  );
}

/**
 * Movements as bursts (`bursts.ts`). With reports, the scan runs on days (whatever the series' resolution, so a
 * movement is dated to the day); on roll-ups, on the series' points with window lengths converted to points.
 * `from` is the net per day over the baseline before the burst, `to` the net per day over the burst.
 */
function detectBurstMovements(series: DyadSeries, options: MovementOptions): Movement[] {
  if (series.points.length === 0) return [];
  const first = dayNumber(series.from);
  const byDay = series.reports.length > 0 || series.resolution === 'day';
  const length = byDay ? dayNumber(series.to) - first + 1 : series.points.length;
  const scale = byDay ? 1 : nominalDays(series.resolution);
  const forward: SideSeries & { weight: number[]; count: number[] } = { weight: zeros(length), count: zeros(length) };
  const rearward: SideSeries & { weight: number[]; count: number[] } = { weight: zeros(length), count: zeros(length) };
  if (series.reports.length > 0) {
    let forwardSquares = 0;
    let rearwardSquares = 0;
    for (const report of series.reports) {
      const index = dayNumber(report.event.date) - first;
      if (index < 0 || index >= length || report.score === 0) continue;
      const side = report.score > 0 ? forward : rearward;
      side.weight[index] = (side.weight[index] ?? 0) + Math.abs(report.score);
      side.count[index] = (side.count[index] ?? 0) + 1;
      if (report.score > 0) forwardSquares += report.score ** 2;
      else rearwardSquares += report.score ** 2;
    }
    forward.squares = forwardSquares;
    rearward.squares = rearwardSquares;
  } else {
    series.points.forEach((point, index) => {
      forward.weight[index] = point.cooperative;
      forward.count[index] = point.forward;
      rearward.weight[index] = point.conflictual;
      rearward.count[index] = point.rearward;
    });
  }
  const toPoints = (days: number) => Math.max(1, Math.round(days / scale));
  const bursts = detectBursts(forward, rearward, {
    windows: (options.windows ?? DEFAULT_BURST_OPTIONS.windows).map(toPoints),
    baselineDays: toPoints(options.baselineDays ?? 90),
    priorDays: toPoints(options.priorDays ?? 30),
    threshold: options.threshold,
    joinDays: toPoints(options.joinDays ?? 7),
  });
  const dateAt = (index: number, end = false): string => {
    if (byDay) return dateOfDay(first + index);
    const point = series.points[index];
    return (end ? point?.end : point?.start) ?? series.to;
  };
  const netOver = (from: number, to: number): number => {
    let net = 0;
    for (let index = from; index < to; index++) net += (forward.weight[index] ?? 0) - (rearward.weight[index] ?? 0);
    return net;
  };
  const baselineDays = toPoints(options.baselineDays ?? 90);
  const candidates: (Movement & { driving: Report[] })[] = [];
  for (const burst of bursts) {
    const label = burst.side;
    const start = dateAt(burst.start);
    const end = dateAt(burst.end, true);
    const before = Math.max(0, burst.start - baselineDays);
    const from = burst.start > before ? netOver(before, burst.start) / ((burst.start - before) * scale) : 0;
    const net = netOver(burst.start, burst.end + 1);
    const to = net / ((burst.end + 1 - burst.start) * scale);
    const driving = series.reports.filter(
      (report) => report.event.date >= start && report.event.date <= end && sameSign(report, label),
    );
    candidates.push({
      label,
      start,
      end,
      from,
      to,
      size: to - from,
      net,
      index: byDay && series.resolution !== 'day' ? pointIndex(series, start) : burst.start,
      drivers: [],
      driving,
    });
  }
  return finishMovements(candidates, options);
}

function zeros(length: number): number[] {
  return new Array<number>(length).fill(0);
}

/** Movements as PELT change points of the series (the earlier method; see `change-points.ts`). */
function detectPeltMovements(series: DyadSeries, options: MovementOptions): Movement[] {
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
  return finishMovements(candidates, options);
}

/** Merges same-direction candidates that follow each other closely and cites each one's strongest reports. */
function finishMovements(candidates: Array<Movement & { driving: Report[] }>, options: MovementOptions): Movement[] {
  return mergeMovements(candidates, options.mergeDays ?? 21).map(({ driving, ...movement }) => ({
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
