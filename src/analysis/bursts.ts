/**
 * Bursts of forward or rearward weight in sparse event data: a multi-scale window scan with a compound-Poisson
 * likelihood ratio against a trailing baseline. Linear in the length of the series (one pass per window length,
 * prefix sums throughout).
 *
 * Model. On each side (forward = cooperative weight, rearward = conflictual weight) reports arrive as a
 * compound Poisson process: a rate of reports, each with a weight (|Goldstein| × modality). Its variance-to-mean
 * ratio is the dispersion φ = Σw² / Σw, so weight / φ behaves like a Poisson count ("units"): a burst of three
 * missile launches weighs about as much as it is surprising, not 21 times a single word.
 *
 * Scan. For every day t with a report on the side, and every window length W in `windows` (default 2, 7 and
 * 14 days: a summit blow-up, a week of threats, a fortnight), compare the window [t, t + W) with
 * the baseline of the `baselineDays` (default 90) before t:
 *
 *   λ₀ = (weight in the baseline + priorDays × overall daily weight) / (baseline days + priorDays)
 *   G  = 2 [S ln(S / μ) − (S − μ)] for the side rising (S > μ),   S = window weight / φ, μ = λ₀ W / φ
 *      + the same deviance for the opposite side falling (its S < μ), so a long window in which threats stop
 *        and offers start counts both halves of the turn; a short window gains nothing from the quiet side.
 *
 * `priorDays` (default 30) shrinks the baseline toward the series' overall rate, so after a long silence one
 * report is not infinitely surprising, and the start of a series has a baseline at all. A window is hot when
 * G ≥ `threshold` (default 13; docs/analysis.md has its false-alarm rates, 15% on fresh sparse three-year
 * series) and the window's net moves its way (more rearward than forward weight for a rearward burst). Scanning only windows that start on a driving
 * report dates every burst at a report, and keeps the number of tests — and so the false alarms — down in
 * sparse data.
 *
 * Bursts. Hot windows of one side whose start days are at most `joinDays` (default 7) after the previous hot
 * start form one burst. Its start is the start of its first hot window (a driving report), its end the last
 * driving report inside its hot windows.
 */

export interface BurstOptions {
  /** Window lengths scanned, in points (days for a daily series; default [2, 7, 14]). */
  windows?: readonly number[];
  /** Length of the trailing baseline, in points (default 90). */
  baselineDays?: number;
  /** Weight of the overall rate in the baseline, in points (default 30). */
  priorDays?: number;
  /** Likelihood-ratio threshold G for a hot window (default 13). */
  threshold?: number;
  /** Hot window starts at most this many points apart are one burst (default 7). */
  joinDays?: number;
  /** Deviance a turn back after a burst needs (one test per burst, so far below `threshold`; default 8). */
  reversalThreshold?: number;
  /** How long after a burst's last report a turn back may start, and the window it is judged on (default 14). */
  reversalDays?: number;
}

export interface SideSeries {
  /** Weight per point (≥ 0). */
  weight: readonly number[];
  /** Reports per point (for the dispersion; a point with weight and no count counts as one report). */
  count: readonly number[];
  /** Σ w² over single reports, when known (events); estimated from points otherwise. */
  squares?: number;
}

export interface Burst {
  side: 'forward' | 'rearward';
  /** Index of the first point (a point with a driving report). */
  start: number;
  /** Index of the last point with a driving report inside the burst's hot windows. */
  end: number;
  /** Largest G among its hot windows (for a turn back, its contingency deviance). */
  score: number;
  /** True for a turn back after a burst the other way (see `detectBursts`). */
  reversal?: boolean;
}

export const DEFAULT_BURST_OPTIONS = {
  windows: [2, 7, 14],
  baselineDays: 90,
  priorDays: 30,
  threshold: 13,
  joinDays: 7,
  reversalThreshold: 8,
  reversalDays: 14,
} as const;

/** Dispersion φ = Σw² / Σw of a side (1 when the side is empty). */
export function dispersion(side: SideSeries): number {
  let total = 0;
  let squares = 0;
  for (let index = 0; index < side.weight.length; index++) {
    const weight = side.weight[index] ?? 0;
    if (weight <= 0) continue;
    total += weight;
    squares += (weight * weight) / Math.max(1, side.count[index] ?? 0);
  }
  if (side.squares !== undefined) return total > 0 && side.squares > 0 ? side.squares / total : 1;
  if (total <= 0) return 1;
  // Points without single reports (roll-ups): also the variance-to-mean ratio of the points themselves, so
  // day-to-day swings of a busy dyad (more than Poisson) are not taken for bursts.
  const n = side.weight.length;
  const mean = total / n;
  let spread = 0;
  for (const weight of side.weight) spread += ((weight ?? 0) - mean) ** 2;
  return Math.max(squares / total, spread / n / mean, 1e-9);
}

/**
 * Two-sample Poisson deviance: `window` units in `windowDays` against `base` units in `baseDays` (the baseline,
 * prior included), for the window's rate being higher (`rising`) or lower than the baseline's; 0 otherwise.
 * Conditional on the total, the window's share is binomial, so a baseline seen through few reports is not
 * taken for a known rate.
 */
function deviance(window: number, windowDays: number, base: number, baseDays: number, rising: boolean): number {
  const total = window + base;
  if (total <= 0) return 0;
  const expected = (total * windowDays) / (windowDays + baseDays);
  if (rising ? window <= expected : window >= expected) return 0;
  const term = (observed: number, wanted: number) => (observed > 0 ? observed * Math.log(observed / wanted) : 0);
  return 2 * (term(window, expected) + term(base, total - expected));
}

function prefix(values: readonly number[]): Float64Array {
  const sums = new Float64Array(values.length + 1);
  for (let index = 0; index < values.length; index++) sums[index + 1] = (sums[index] ?? 0) + (values[index] ?? 0);
  return sums;
}

/** Finds forward and rearward bursts, in order of their start. */
export function detectBursts(forward: SideSeries, rearward: SideSeries, options: BurstOptions = {}): Burst[] {
  const settings = {
    windows: options.windows ?? DEFAULT_BURST_OPTIONS.windows,
    baselineDays: options.baselineDays ?? DEFAULT_BURST_OPTIONS.baselineDays,
    priorDays: options.priorDays ?? DEFAULT_BURST_OPTIONS.priorDays,
    threshold: options.threshold ?? DEFAULT_BURST_OPTIONS.threshold,
    joinDays: options.joinDays ?? DEFAULT_BURST_OPTIONS.joinDays,
    reversalThreshold: options.reversalThreshold ?? DEFAULT_BURST_OPTIONS.reversalThreshold,
    reversalDays: options.reversalDays ?? DEFAULT_BURST_OPTIONS.reversalDays,
  };
  const n = Math.min(forward.weight.length, rearward.weight.length);
  if (n === 0) return [];
  const sides = { forward, rearward };
  const sums = { forward: prefix(forward.weight.slice(0, n)), rearward: prefix(rearward.weight.slice(0, n)) };
  const phi = { forward: dispersion(forward), rearward: dispersion(rearward) };
  const overall = { forward: (sums.forward[n] ?? 0) / n, rearward: (sums.rearward[n] ?? 0) / n };
  const sum = (side: 'forward' | 'rearward', from: number, to: number): number =>
    (sums[side][to] ?? 0) - (sums[side][from] ?? 0);
  /** Baseline weight and its length in points: the trailing stretch plus the prior. */
  const baseline = (side: 'forward' | 'rearward', t: number): [number, number] => {
    const from = Math.max(0, t - settings.baselineDays);
    return [sum(side, from, t) + settings.priorDays * overall[side], t - from + settings.priorDays];
  };
  const bursts: Burst[] = [];
  for (const side of ['forward', 'rearward'] as const) {
    const other = side === 'forward' ? 'rearward' : 'forward';
    const weights = sides[side].weight;
    let current: (Burst & { lastStart: number }) | undefined;
    for (let t = 0; t < n; t++) {
      if ((weights[t] ?? 0) <= 0) continue;
      const [base, baseDays] = baseline(side, t);
      const [otherBase, otherBaseDays] = baseline(other, t);
      let best = 0;
      let reach = -1;
      for (const length of settings.windows) {
        const end = Math.min(n, t + length);
        const days = end - t;
        const own = sum(side, t, end);
        const opposite = sum(other, t, end);
        if (own <= opposite) continue;
        const g =
          deviance(own / phi[side], days, base / phi[side], baseDays, true) +
          deviance(opposite / phi[other], days, otherBase / phi[other], otherBaseDays, false);
        if (g >= settings.threshold && g > best) {
          best = g;
          reach = lastPositive(weights, t, end);
        }
      }
      if (best === 0) continue;
      if (current && t - current.lastStart <= settings.joinDays) {
        current.end = Math.max(current.end, reach);
        if (best > current.score) current.score = best;
        current.lastStart = t;
      } else {
        if (current) bursts.push(strip(current));
        current = { side, start: t, end: reach, score: best, lastStart: t };
      }
    }
    if (current) bursts.push(strip(current));
  }
  // Turns back: the first report the other way within `reversalDays` after a burst, when the balance of the
  // `reversalDays` from it is the burst's reversed (a 2×2 contingency deviance of side units, burst vs after).
  const turns: Burst[] = [];
  for (const burst of bursts) {
    const side = burst.side === 'forward' ? 'rearward' : 'forward';
    const weights = sides[side].weight;
    let t = burst.end + 1;
    while (t < n && t <= burst.end + settings.reversalDays && (weights[t] ?? 0) <= 0) t++;
    if (t >= n || t > burst.end + settings.reversalDays) continue;
    const end = Math.min(n, t + settings.reversalDays);
    const before = [
      sum(burst.side, burst.start, burst.end + 1) / phi[burst.side],
      sum(side, burst.start, burst.end + 1) / phi[side],
    ];
    const after = [sum(burst.side, t, end) / phi[burst.side], sum(side, t, end) / phi[side]];
    if ((after[1] ?? 0) <= (after[0] ?? 0)) continue;
    const score = contingency(before as [number, number], after as [number, number]);
    if (score < settings.reversalThreshold) continue;
    if (
      bursts.some(
        (other) => other.side === side && other.start <= t + settings.joinDays && other.end >= t - settings.joinDays,
      )
    )
      continue;
    turns.push({ side, start: t, end: lastPositive(weights, t, end), score, reversal: true });
  }
  return [...bursts, ...turns].sort((x, y) => x.start - y.start || x.end - y.end);
}

/** G statistic of a 2×2 table (rows: before, after; columns: the burst's side, the other side). */
function contingency(before: [number, number], after: [number, number]): number {
  const total = before[0] + before[1] + after[0] + after[1];
  if (total <= 0) return 0;
  let g = 0;
  for (const [row, rowTotal] of [
    [before, before[0] + before[1]],
    [after, after[0] + after[1]],
  ] as const) {
    for (const column of [0, 1] as const) {
      const observed = row[column];
      const expected = (rowTotal * (before[column] + after[column])) / total;
      if (observed > 0 && expected > 0) g += observed * Math.log(observed / expected);
    }
  }
  return 2 * g;
}

function lastPositive(weights: readonly number[], from: number, to: number): number {
  for (let index = to - 1; index >= from; index--) if ((weights[index] ?? 0) > 0) return index;
  return from;
}

function strip({ lastStart: _lastStart, ...burst }: Burst & { lastStart: number }): Burst {
  return burst;
}
