/**
 * The state of a dyad now, in one word and one line: `thaw` (its latest recent movement was forward),
 * `escalation` (rearward), `volatile` (three or more recent movements pulling both ways) or `stable` (no
 * movement in the recent window). "Recent" is `recentDays` (default 60) before the series' last day.
 */
import type { Movement } from './movements.js';
import { addDays } from './periods.js';
import type { DyadSeries } from './series.js';

export type DyadStateLabel = 'thaw' | 'escalation' | 'stable' | 'volatile';

export interface DyadState {
  state: DyadStateLabel;
  /** One line a reader can act on: what moved, since when, led by what. */
  reason: string;
  /** The day the state describes (the series' last day). */
  asOf: string;
  /** The smoothed level on that day. */
  level: number;
}

export interface StateOptions {
  /** How far back a movement still counts as recent, in days (default 60). */
  recentDays?: number;
  /** Resolution of the series the movements were detected on, for their units (default: the series'). */
  movementResolution?: DyadSeries['resolution'];
}

const UNIT = { day: 'day', week: 'week', month: 'month' } as const;

/** Classifies the end of a series given its movements (from `detectMovements`). */
export function dyadState(series: DyadSeries, movements: readonly Movement[], options: StateOptions = {}): DyadState {
  const asOf = series.to;
  const level = series.points[series.points.length - 1]?.level ?? 0;
  const since = addDays(asOf, -(options.recentDays ?? 60));
  const recent = movements.filter((movement) => movement.start >= since && movement.start <= asOf);
  const unit = UNIT[series.resolution];
  const latest = recent[recent.length - 1];
  if (!latest) {
    const quiet = series.points.filter((point) => point.end >= since).reduce((sum, point) => sum + point.reports, 0);
    const tone = level > 0.5 ? 'cooperative' : level < -0.5 ? 'hostile' : 'quiet';
    return {
      state: 'stable',
      reason: `no movement since ${since}; level ${level.toFixed(1)} per ${unit} (${tone}), ${quiet} reports since then`,
      asOf,
      level,
    };
  }
  const labels = new Set(recent.map((movement) => movement.label));
  if (recent.length >= 3 && labels.size === 2) {
    const steps = recent.map((movement) => `${movement.label} ${movement.start}`).join(', ');
    return { state: 'volatile', reason: `${recent.length} movements since ${since}: ${steps}`, asOf, level };
  }
  const driver = latest.drivers[0];
  const cause = driver ? `, led by ${driver.source}→${driver.target} "${driver.name}" (${driver.date})` : '';
  const shift = `${latest.from.toFixed(1)} → ${latest.to.toFixed(1)} per ${UNIT[options.movementResolution ?? series.resolution]}`;
  return {
    state: latest.label === 'forward' ? 'thaw' : 'escalation',
    reason: `${latest.label} since ${latest.start} (${shift})${cause}`,
    asOf,
    level,
  };
}
