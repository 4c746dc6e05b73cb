/**
 * The analysis' door: `analyseDyad` runs the whole chain for one dyad — series, movements, state,
 * reciprocity, patterns — on plain events (from the coder, the store or GDELT); `analyseDyadRollups` does the
 * same on the store's daily roll-ups (no evidence, so no cited events and no patterns).
 *
 * @example
 * const analysis = analyseDyad(events, { a: 'USA', b: 'PRK', resolution: 'week' });
 * analysis.state.reason; // 'forward since 2018-06-01 (…)'
 */
import type { AnalysisEvent, DyadSpec } from './analysis-event.js';
import type { ModalityWeights } from './modality-weights.js';
import { detectMovements, type Movement, type MovementOptions } from './movements.js';
import { detectPatterns, type PatternDetection, type PatternOptions } from './patterns.js';
import type { Resolution } from './periods.js';
import { analyseReciprocity, type Reciprocity, type ReciprocityOptions } from './reciprocity.js';
import {
  aggregateSeries,
  buildDyadSeries,
  type DailyRollupRow,
  type DyadSeries,
  dailySeriesFromRollupLists,
  seriesFromRollups,
} from './series.js';
import { type DyadState, dyadState, type StateOptions } from './state.js';

export interface DyadAnalysisOptions {
  a: string;
  b: string;
  from?: string;
  to?: string;
  /** Default `week`. */
  resolution?: Resolution;
  halfLifeDays?: number;
  weights?: ModalityWeights;
  movements?: MovementOptions;
  reciprocity?: ReciprocityOptions;
  state?: StateOptions;
  patterns?: PatternOptions;
}

export interface DyadAnalysis {
  /** The undirected series A–B at the requested resolution. */
  series: DyadSeries;
  /**
   * The undirected series at day resolution, which movements are detected on whatever the requested
   * resolution: sparse news gives a week a handful of reports, and a movement should be dated to the day.
   * (The same object as `series` when the resolution is `day`; `Movement.index` points into it.)
   */
  daily: DyadSeries;
  aToB: DyadSeries;
  bToA: DyadSeries;
  movements: Movement[];
  state: DyadState;
  reciprocity: Reciprocity;
  patterns: PatternDetection[];
}

/** Everything the analysis knows about one dyad, from events. */
export function analyseDyad(events: readonly AnalysisEvent[], options: DyadAnalysisOptions): DyadAnalysis {
  const spec = (direction: DyadSpec['direction']): DyadSpec => ({ a: options.a, b: options.b, direction });
  const base = {
    resolution: options.resolution ?? 'week',
    halfLifeDays: options.halfLifeDays,
    weights: options.weights,
  };
  const series = buildDyadSeries(events, { ...base, dyad: spec('both'), from: options.from, to: options.to });
  // The directed series share the undirected one's range, so their points line up for cross-correlation.
  const range = { from: series.from, to: series.to };
  const aToB = buildDyadSeries(events, { ...base, ...range, dyad: spec('a-b') });
  const bToA = buildDyadSeries(events, { ...base, ...range, dyad: spec('b-a') });
  const daily =
    base.resolution === 'day'
      ? series
      : buildDyadSeries(events, { ...base, ...range, resolution: 'day', dyad: spec('both') });
  return finish(series, daily, aToB, bToA, options);
}

/**
 * The store's roll-up rows for the dyad, sorted by day: each direction alone, and optionally both summed (when
 * left out, the two directions are summed here, so the store is read twice rather than three times).
 */
export interface DyadRollups {
  both?: readonly DailyRollupRow[];
  aToB: readonly DailyRollupRow[];
  bToA: readonly DailyRollupRow[];
}

/** The same analysis from daily roll-ups (unweighted, nothing to cite). */
export function analyseDyadRollups(rows: DyadRollups, options: DyadAnalysisOptions): DyadAnalysis {
  const spec = (direction: DyadSpec['direction']): DyadSpec => ({ a: options.a, b: options.b, direction });
  const base = { resolution: options.resolution ?? 'week', halfLifeDays: options.halfLifeDays };
  // Ten years of roll-up rows are read into a daily series once; the requested resolution is summed from it.
  const daily = dailySeriesFromRollupLists(rows.both ? [rows.both] : [rows.aToB, rows.bToA], {
    halfLifeDays: base.halfLifeDays,
    dyad: spec('both'),
    from: options.from,
    to: options.to,
  });
  const series = aggregateSeries(daily, base.resolution);
  const range = { from: series.from, to: series.to };
  const aToB = seriesFromRollups(rows.aToB, { ...base, ...range, dyad: spec('a-b') });
  const bToA = seriesFromRollups(rows.bToA, { ...base, ...range, dyad: spec('b-a') });
  return finish(series, daily, aToB, bToA, options);
}

function finish(
  series: DyadSeries,
  daily: DyadSeries,
  aToB: DyadSeries,
  bToA: DyadSeries,
  options: DyadAnalysisOptions,
): DyadAnalysis {
  const movements = detectMovements(daily, options.movements);
  return {
    series,
    daily,
    aToB,
    bToA,
    movements,
    state: dyadState(series, movements, { movementResolution: 'day', ...options.state }),
    reciprocity: analyseReciprocity(aToB, bToA, options.reciprocity),
    patterns: detectPatterns(series.reports, movements, options.patterns),
  };
}

export type { AnalysisEvent, DyadSpec } from './analysis-event.js';
export type { CitedEvent, Movement } from './movements.js';
export type { PatternDetection } from './patterns.js';
export type { Reciprocity } from './reciprocity.js';
export type { DailyRollupRow, DyadSeries, SeriesPoint } from './series.js';
export type { DyadState } from './state.js';
