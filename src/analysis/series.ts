/**
 * The dyad series: for one dyad (A–B, A→B or B→A), one point per day, ISO week or month over a date range,
 * with gaps filled by empty points. Each point counts reports per QuadClass and direction, sums Goldstein
 * weights, nets cooperation against conflict with modality weights applied, and carries a smoothed level.
 *
 * - `net` = cooperative − conflictual, where cooperative = Σ Goldstein × weight over reports with positive
 *   Goldstein and conflictual = Σ |Goldstein| × weight over reports with negative Goldstein.
 * - `level` is an exponentially weighted moving average of `net` with a half-life of `halfLifeDays`
 *   (default 7): an event's pull on the level halves every week, so one day's statement does not swing it for a
 *   month, yet a cancellation and a revival a week apart both show. The level starts at 0 (no relation known)
 *   and decays back to 0 through quiet periods.
 * - `goldsteinSum` / `goldsteinMean` are unweighted, as GDELT users compare them.
 *
 * Events are de-duplicated across documents first (see `dedup.ts`); `reports` counts distinct reports,
 * `mentions` the events behind them, `docs` and `publishers` the distinct documents and outlets per period.
 */
import { type AnalysisEvent, type DyadSpec, eventInDyad } from './analysis-event.js';
import { type DedupOptions, dedupEvents, type Report } from './dedup.js';
import { DEFAULT_MODALITY_WEIGHTS, type ModalityWeights } from './modality-weights.js';
import { dayNumber, enumeratePeriods, nominalDays, type Period, type Resolution } from './periods.js';

export interface ModalityShares {
  conditional: number;
  intended: number;
  negated: number;
  hypothetical: number;
  reported: number;
}

export interface SeriesPoint extends Period {
  /** Distinct reports (after de-duplication). */
  reports: number;
  /** Events behind those reports (before de-duplication). */
  mentions: number;
  /** Reports per QuadClass 1…4 (index 0 is QuadClass 1). */
  quad: [number, number, number, number];
  forward: number;
  rearward: number;
  neutral: number;
  goldsteinSum: number;
  /** Mean Goldstein per report, null for an empty period. */
  goldsteinMean: number | null;
  cooperative: number;
  conflictual: number;
  net: number;
  /** EWMA of `net` (see module comment). */
  level: number;
  /** Share of the period's reports that are conditional, intended, negated, hypothetical, reported (0…1). */
  modality: ModalityShares;
  docs: number;
  publishers: number;
}

export interface DyadSeries {
  dyad: DyadSpec;
  resolution: Resolution;
  from: string;
  to: string;
  halfLifeDays: number;
  points: SeriesPoint[];
  /** The de-duplicated reports in range, in date order (empty for series built from roll-ups). */
  reports: Report[];
  /** False for roll-up input, where modality weights cannot be applied. */
  weighted: boolean;
}

export interface SeriesOptions {
  dyad: DyadSpec;
  /** Default `week`. */
  resolution?: Resolution;
  /** First day (ISO); default the earliest event of the dyad. */
  from?: string;
  /** Last day (ISO, inclusive); default the latest event of the dyad. */
  to?: string;
  /** Half-life of the smoothed level in days (default 7). */
  halfLifeDays?: number;
  weights?: ModalityWeights;
  /** De-duplication settings, or `false` to count every event as its own report. */
  dedup?: DedupOptions | false;
}

export const DEFAULT_HALF_LIFE_DAYS = 7;

/**
 * Builds the series of one dyad from events (any order; events outside the dyad or range are ignored).
 * `buildDyadSeries(events, { dyad: { a: 'USA', b: 'PRK', direction: 'both' }, resolution: 'week' })`.
 */
export function buildDyadSeries(events: readonly AnalysisEvent[], options: SeriesOptions): DyadSeries {
  const weights = options.weights ?? DEFAULT_MODALITY_WEIGHTS;
  const inDyad = events.filter((event) => eventInDyad(event, options.dyad));
  const { from, to } = resolveRange(
    inDyad.map((event) => event.date),
    options,
  );
  const inRange = inDyad.filter((event) => event.date >= from && event.date <= to);
  const reports =
    options.dedup === false
      ? dedupEvents(inRange, { minSimilarity: Number.POSITIVE_INFINITY, weights }) // no two events are that similar
      : dedupEvents(inRange, { ...options.dedup, weights });
  const frame = createFrame(from, to, options);
  const docSets = frame.points.map(() => new Set<string>());
  const publisherSets = frame.points.map(() => new Set<string>());
  for (const report of reports) {
    const index = frame.indexOf(report.event.date);
    const point = frame.points[index];
    if (!point) continue;
    const { event } = report;
    point.reports++;
    point.mentions += report.mentions;
    point.quad[event.quad - 1] = (point.quad[event.quad - 1] ?? 0) + 1;
    point[event.direction]++;
    point.goldsteinSum += event.goldstein;
    if (report.score > 0) point.cooperative += report.score;
    else point.conflictual -= report.score;
    if (event.conditional) point.modality.conditional++;
    if (event.negated) point.modality.negated++;
    if (event.modality === 'intended') point.modality.intended++;
    if (event.modality === 'hypothetical') point.modality.hypothetical++;
    if (event.modality === 'reported') point.modality.reported++;
    for (const doc of report.docs) docSets[index]?.add(doc);
    for (const publisher of report.publishers) publisherSets[index]?.add(publisher);
  }
  frame.points.forEach((point, index) => {
    point.docs = docSets[index]?.size ?? 0;
    point.publishers = publisherSets[index]?.size ?? 0;
    if (point.reports > 0) {
      for (const key of Object.keys(point.modality) as (keyof ModalityShares)[]) point.modality[key] /= point.reports;
    }
  });
  finishPoints(frame.points, frame.halfLifeDays, options.resolution ?? 'week');
  return seriesOf(frame, options, reports, true);
}

/**
 * One day of a dyad in the store's daily roll-up (structurally the store's `DyadDay`): the rows a caller passes
 * already belong to the dyad and direction asked for (`store.dyadSeries({ dyad: 'USA-PRK', undirected: true })`).
 */
export interface DailyRollupRow {
  day: string;
  events: number;
  /** Events per QuadClass 1…4. */
  quad: readonly [number, number, number, number] | readonly number[];
  goldsteinSum: number;
  forward: number;
  rearward: number;
  neutral: number;
}

/**
 * Builds the series from daily roll-up rows instead of events, so ten years of a busy dyad never have to be
 * materialised. Roll-ups carry no modality, no evidence and only a day's Goldstein sum: the series is unweighted
 * (`weighted: false`), a day's positive sum counts as cooperative and a negative one as conflictual, modality
 * shares are 0, `reports` is empty and `reports`/`mentions` per point count events.
 */
export function seriesFromRollups(rows: readonly DailyRollupRow[], options: SeriesOptions): DyadSeries {
  return rollupSeries(rows, options, (point, row) => {
    if (row.goldsteinSum > 0) point.cooperative += row.goldsteinSum;
    else point.conflictual -= row.goldsteinSum;
  });
}

/** A roll-up row over several days that carries their cooperative and conflictual sums (the store's periods). */
export interface PeriodRollupRow extends DailyRollupRow {
  /** The sum of the Goldstein sums of its days that were positive. */
  cooperative: number;
  /** Minus the sum of the Goldstein sums of its other days. */
  conflictual: number;
}

/**
 * The series from week or month rows that keep their days' cooperative and conflictual sums apart
 * (`Store.dyadPeriods`): the same points as `seriesFromRollups` over the days they sum.
 */
export function seriesFromPeriodRollups(rows: readonly PeriodRollupRow[], options: SeriesOptions): DyadSeries {
  return rollupSeries(rows, options, (point, row) => {
    point.cooperative += row.cooperative;
    point.conflictual += row.conflictual;
  });
}

function rollupSeries<Row extends DailyRollupRow>(
  rows: readonly Row[],
  options: SeriesOptions,
  addSigned: (point: SeriesPoint, row: Row) => void,
): DyadSeries {
  const { from, to } =
    options.from && options.to
      ? { from: options.from.slice(0, 10), to: options.to.slice(0, 10) }
      : resolveRange(
          rows.map((row) => row.day),
          options,
        );
  const frame = createFrame(from, to, options);
  for (const row of rows) {
    if (row.day < from || row.day > to) continue;
    const point = frame.points[frame.indexOf(row.day)];
    if (!point) continue;
    addRollupRow(point, row);
    addSigned(point, row);
  }
  finishPoints(frame.points, frame.halfLifeDays, options.resolution ?? 'week');
  return seriesOf(frame, options, [], false);
}

/**
 * The daily series of the sum of several day-sorted roll-up lists (A→B and B→A make A–B): the same series as
 * `seriesFromRollups(mergeRollups(left, right), { resolution: 'day' })` — a day's summed Goldstein is split into
 * cooperative or conflictual once all lists are added — without building the merged rows.
 */
export function dailySeriesFromRollupLists(
  lists: readonly (readonly DailyRollupRow[])[],
  options: Omit<SeriesOptions, 'resolution'>,
): DyadSeries {
  const dayOptions: SeriesOptions = { ...options, resolution: 'day' };
  let range: { from: string; to: string };
  if (options.from && options.to) range = { from: options.from.slice(0, 10), to: options.to.slice(0, 10) };
  else {
    const days = lists.flatMap((rows) => [rows[0]?.day, rows[rows.length - 1]?.day]).filter((day) => day !== undefined);
    range = resolveRange(days, dayOptions);
  }
  const { from, to } = range;
  const frame = createFrame(from, to, dayOptions);
  for (const rows of lists) {
    for (const row of rows) {
      if (row.day < from || row.day > to) continue;
      const point = frame.points[frame.indexOf(row.day)];
      if (point) addRollupRow(point, row);
    }
  }
  for (const point of frame.points) {
    if (point.goldsteinSum > 0) point.cooperative = point.goldsteinSum;
    else if (point.goldsteinSum < 0) point.conflictual = -point.goldsteinSum;
  }
  finishPoints(frame.points, frame.halfLifeDays, 'day');
  return seriesOf(frame, dayOptions, [], false);
}

function addRollupRow(point: SeriesPoint, row: DailyRollupRow): void {
  point.reports += row.events;
  point.mentions += row.events;
  for (let quad = 0; quad < 4; quad++) point.quad[quad] = (point.quad[quad] ?? 0) + (row.quad[quad] ?? 0);
  point.forward += row.forward;
  point.rearward += row.rearward;
  point.neutral += row.neutral;
  point.goldsteinSum += row.goldsteinSum;
}

function resolveRange(dates: string[], options: SeriesOptions): { from: string; to: string } {
  let earliest = options.from;
  let latest = options.to;
  if (!earliest || !latest) {
    const sorted = [...dates].sort();
    earliest ??= sorted[0];
    latest ??= sorted[sorted.length - 1];
  }
  if (!earliest || !latest) {
    throw new Error(
      `analysis: no events for ${options.dyad.a}–${options.dyad.b}; give a date range to get an empty series`,
    );
  }
  return { from: earliest.slice(0, 10), to: latest.slice(0, 10) };
}

interface Frame {
  from: string;
  to: string;
  halfLifeDays: number;
  points: SeriesPoint[];
  indexOf(date: string): number;
}

function createFrame(from: string, to: string, options: SeriesOptions): Frame {
  const resolution = options.resolution ?? 'week';
  const halfLifeDays = options.halfLifeDays ?? DEFAULT_HALF_LIFE_DAYS;
  if (!(halfLifeDays > 0))
    throw new Error(`analysis: half-life must be a positive number of days, not ${halfLifeDays}`);
  const periods = enumeratePeriods(from, to, resolution);
  const points = periods.map(emptyPoint);
  const starts = periods.map((period) => dayNumber(period.start));
  const first = starts[0] ?? 0;
  // Days and weeks are arithmetic; months are sorted, so a binary search finds the bucket without a map.
  const indexOf = (date: string): number => {
    const day = dayNumber(date);
    if (resolution === 'day' || resolution === 'week') {
      const index = Math.floor((day - first) / (resolution === 'day' ? 1 : 7));
      return index >= 0 && index < starts.length ? index : -1;
    }
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] ?? 0) <= day) low = middle;
      else high = middle - 1;
    }
    return starts.length > 0 && (starts[0] ?? 0) <= day ? low : -1;
  };
  return { from, to, halfLifeDays, points, indexOf };
}

function seriesOf(frame: Frame, options: SeriesOptions, reports: Report[], weighted: boolean): DyadSeries {
  const { from, to, halfLifeDays, points } = frame;
  return {
    dyad: options.dyad,
    resolution: options.resolution ?? 'week',
    from,
    to,
    halfLifeDays,
    points,
    reports,
    weighted,
  };
}

function emptyPoint(period: Period): SeriesPoint {
  // Fields spelt out rather than spread from `period`: every point then shares one object shape, which keeps
  // ten-year daily series fast (measured: spreading made building one five times slower).
  return {
    key: period.key,
    start: period.start,
    end: period.end,
    reports: 0,
    mentions: 0,
    quad: [0, 0, 0, 0],
    forward: 0,
    rearward: 0,
    neutral: 0,
    goldsteinSum: 0,
    goldsteinMean: null,
    cooperative: 0,
    conflictual: 0,
    net: 0,
    level: 0,
    modality: { conditional: 0, intended: 0, negated: 0, hypothetical: 0, reported: 0 },
    docs: 0,
    publishers: 0,
  };
}

function finishPoints(points: SeriesPoint[], halfLifeDays: number, resolution: Resolution): void {
  const retain = 0.5 ** (nominalDays(resolution) / halfLifeDays);
  let level = 0;
  for (const point of points) {
    point.net = point.cooperative - point.conflictual;
    point.goldsteinMean = point.reports > 0 ? point.goldsteinSum / point.reports : null;
    level = retain * level + (1 - retain) * point.net;
    point.level = level;
  }
}

/**
 * Sums two day-sorted roll-up row lists day by day: A→B plus B→A is the undirected A–B, so the store is read
 * for the two directions only.
 */
export function mergeRollups(left: readonly DailyRollupRow[], right: readonly DailyRollupRow[]): DailyRollupRow[] {
  const merged: DailyRollupRow[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    const x = left[i];
    const y = right[j];
    if (x && (!y || x.day < y.day)) {
      merged.push(x);
      i++;
    } else if (y && (!x || y.day < x.day)) {
      merged.push(y);
      j++;
    } else if (x && y) {
      merged.push({
        day: x.day,
        events: x.events + y.events,
        quad: [0, 1, 2, 3].map((q) => (x.quad[q] ?? 0) + (y.quad[q] ?? 0)),
        goldsteinSum: x.goldsteinSum + y.goldsteinSum,
        forward: x.forward + y.forward,
        rearward: x.rearward + y.rearward,
        neutral: x.neutral + y.neutral,
      });
      i++;
      j++;
    }
  }
  return merged;
}

/**
 * Re-buckets a day-resolution series to weeks or months by summing its points (and recomputing the level with
 * the same half-life), so a ten-year roll-up is read and bucketed once. Modality shares are averaged weighted by
 * reports; `docs` and `publishers` are summed, so a document or outlet seen on several days of a period counts
 * once per day (series built from events at the coarser resolution count them exactly).
 */
export function aggregateSeries(daily: DyadSeries, resolution: Resolution): DyadSeries {
  if (daily.resolution !== 'day') throw new Error('analysis: only a day-resolution series can be re-bucketed');
  if (resolution === 'day') return daily;
  const frame = createFrame(daily.from, daily.to, { dyad: daily.dyad, resolution, halfLifeDays: daily.halfLifeDays });
  for (const day of daily.points) {
    const point = frame.points[frame.indexOf(day.start)];
    if (!point) continue;
    point.reports += day.reports;
    point.mentions += day.mentions;
    for (let quad = 0; quad < 4; quad++) point.quad[quad] = (point.quad[quad] ?? 0) + (day.quad[quad] ?? 0);
    point.forward += day.forward;
    point.rearward += day.rearward;
    point.neutral += day.neutral;
    point.goldsteinSum += day.goldsteinSum;
    point.cooperative += day.cooperative;
    point.conflictual += day.conflictual;
    point.docs += day.docs;
    point.publishers += day.publishers;
    for (const key of Object.keys(point.modality) as (keyof ModalityShares)[]) {
      point.modality[key] += day.modality[key] * day.reports;
    }
  }
  for (const point of frame.points) {
    if (point.reports === 0) continue;
    for (const key of Object.keys(point.modality) as (keyof ModalityShares)[]) point.modality[key] /= point.reports;
  }
  finishPoints(frame.points, frame.halfLifeDays, resolution);
  return { ...seriesOf(frame, { dyad: daily.dyad, resolution }, daily.reports, daily.weighted) };
}

/** The EWMA of a plain series with a half-life in periods: `ewma([4, 0, 0], 1)` → `[2, 1, 0.5]`. */
export function ewma(values: readonly number[], halfLifePeriods: number): number[] {
  const retain = 0.5 ** (1 / halfLifePeriods);
  let level = 0;
  return values.map((value) => {
    level = retain * level + (1 - retain) * value;
    return level;
  });
}
