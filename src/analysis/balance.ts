/**
 * Change points in the **balance** of a sparse event series: which share of the dyad's weight pulls forward,
 * segmented over its news days.
 *
 * Why the balance and news days. Event data are sparse (a few reports a week, most days empty) and bursty: one
 * summit brings four reports in a day, a quiet month none. How *much* is reported is news attention; which way
 * it pulls is the relation. So the time axis is the sequence of news days (days with at least one report), and
 * each news day contributes its forward units a and rearward units b, where units = weight / φ and φ = Σw² / Σw
 * is the side's dispersion over single reports (compound Poisson: a report weighs about one unit, whatever its
 * Goldstein magnitude). A segment has one forward share p; its cost is the binomial deviance
 *
 *   C = −2 [A ln(A / (A + B)) + B ln(B / (A + B))]    (A, B: the segment's forward and rearward units)
 *
 * and PELT (Killick et al. 2012; the cost is a negative maximised log-likelihood, so splitting never raises it
 * and pruning with K = 0 is exact) finds the segmentation minimising Σ C + β × changes over the m news days, with
 *
 *   β = penaltyScale × 2 ln m
 *
 * — BIC with two parameters per change (the new share and where it starts). Calibration (seeded flat series,
 * cooperative share 0.55, weights 2–8; docs/analysis.md): a false change in 0 of 60 dense and 5 of 60 sparse
 * two-year series, and in 0, 2, 4 and 8 of 100 three-year series at 0.9, 0.3, 0.1 and 0.03 reports a day;
 * penaltyScale 1.125 lowers these to 0, 3, 0, 1, 3, 7 and 1.75 raises them to 0, 8, 0, 3, 9, 16.
 *
 * Volume alone is not a balance change: an already hostile dyad that becomes more hostile is one segment.
 */

import { shuffledDaysPValue } from './permutation.js';

export interface NewsDay {
  /** Index of the day in the series (days since its first day). */
  index: number;
  /** Forward and rearward units (weight / dispersion). */
  forward: number;
  rearward: number;
}

export interface BalanceOptions {
  /** Multiplier of the penalty 2 ln m (default 1). */
  penaltyScale?: number;
  /** Minimum news days in a segment (default 1). */
  minSegmentNewsDays?: number;
}

export interface MultiscaleBalanceOptions extends BalanceOptions {
  /** Re-segment each segment as a series of its own, with its own penalty 2 ln mₛ (default false). */
  refine?: boolean;
  /** Longest burst scanned for inside a segment, in news days (default 3; 0 or 1 turns the scan off). */
  burstNewsDays?: number;
  /** A burst is split out when its permutation p-value is at most this (default 0.02). */
  burstLevel?: number;
  /** Shuffles of the segment's news days behind that p-value (default 99). */
  burstPermutations?: number;
}

export interface BalanceSegment {
  /** Index of its first news day in the list, and one past its last. */
  start: number;
  end: number;
  forward: number;
  rearward: number;
  /** Forward share of its units (0…1). */
  share: number;
}

const xlnx = (x: number): number => (x > 0 ? x * Math.log(x) : 0);

/** Binomial deviance of a stretch with forward units a and rearward units b around its own share. */
const deviance = (a: number, b: number): number => -2 * (xlnx(a) + xlnx(b) - xlnx(a + b));

/**
 * Segments news days at several scales (docs/analysis.md, "Several scales"):
 *
 * 1. **Global**: `segmentBalance` over all m news days (penalty 2 ln m).
 * 2. **Refinement**: each segment is segmented again as a series of its own, with its own penalty 2 ln mₛ, and
 *    so on until no segment splits. A segment is held to the standard of a whole series of its length, so a
 *    flat series (one segment) is left exactly as the global step leaves it: refinement adds no false alarm
 *    there, and inside a real segment its false-alarm rate is the one measured for flat series of mₛ news days.
 * 3. **Bursts**: in each segment, every window of 2…`burstNewsDays` consecutive news days is tested against
 *    the rest of the segment (an epidemic change: the window has its own share, before and after share one);
 *    the best window whose deviance gain exceeds 2 ln(mₛ × (burstNewsDays − 1)) — the log of how many windows
 *    were tried, BIC-style — is split out, and the stretches before and after it are scanned again. One news
 *    day is never a burst (one story, however many reports it brings).
 */
export function segmentBalanceMultiscale(
  days: readonly NewsDay[],
  options: MultiscaleBalanceOptions = {},
): BalanceSegment[] {
  const m = days.length;
  if (m === 0) return [];
  const forward = new Float64Array(m + 1);
  const rearward = new Float64Array(m + 1);
  days.forEach((day, index) => {
    forward[index + 1] = (forward[index] as number) + day.forward;
    rearward[index + 1] = (rearward[index] as number) + day.rearward;
  });
  const units = (start: number, end: number): [number, number] => [
    (forward[end] as number) - (forward[start] as number),
    (rearward[end] as number) - (rearward[start] as number),
  ];
  const refine = (start: number, end: number): [number, number][] => {
    const pieces = segmentBalance(days.slice(start, end), options);
    if (pieces.length <= 1 || options.refine === false) {
      return pieces.map((piece): [number, number] => [start + piece.start, start + piece.end]);
    }
    return pieces.flatMap((piece) => refine(start + piece.start, start + piece.end));
  };
  const minLength = Math.max(1, options.minSegmentNewsDays ?? 1);
  const longest = options.burstNewsDays ?? 3;
  const shortest = Math.max(2, minLength);
  /** The best window of `shortest`…`longest` news days in [start, end) against the rest, on the given units. */
  const bestWindow = (
    fa: ArrayLike<number>,
    ra: ArrayLike<number>,
    start: number,
    end: number,
  ): { gain: number; from: number; to: number } => {
    let a = 0;
    let b = 0;
    for (let k = start; k < end; k++) {
      a += fa[k] as number;
      b += ra[k] as number;
    }
    const total = deviance(a, b);
    let best = { gain: 0, from: start, to: start };
    for (let from = start; from < end; from++) {
      let wa = 0;
      let wb = 0;
      for (let size = 1; size <= longest && from + size <= end && size < end - start; size++) {
        wa += fa[from + size - 1] as number;
        wb += ra[from + size - 1] as number;
        const to = from + size;
        if (size < shortest || (from > start && from - start < minLength) || (to < end && end - to < minLength)) {
          continue;
        }
        const gain = total - deviance(wa, wb) - deviance(a - wa, b - wb);
        if (gain > best.gain) best = { gain, from, to };
      }
    }
    return best;
  };
  const ownForward = days.map((day) => day.forward);
  const ownRearward = days.map((day) => day.rearward);
  const alpha = options.burstLevel ?? 0.02;
  const rounds = Math.max(1, options.burstPermutations ?? 99);
  /** Permutation p-value of the best window of [start, end): the segment's news days shuffled (`permutation.ts`). */
  const pValue = (start: number, end: number, observed: number): number =>
    shuffledDaysPValue(
      ownForward.slice(start, end),
      ownRearward.slice(start, end),
      observed,
      { rounds, level: alpha },
      (fa, ra) => bestWindow(fa, ra, 0, fa.length).gain,
    );
  const bursts = (start: number, end: number): [number, number][] => {
    if (longest < shortest || end - start <= shortest) return [[start, end]];
    const best = bestWindow(ownForward, ownRearward, start, end);
    if (best.gain <= 0 || pValue(start, end, best.gain) > alpha) return [[start, end]];
    const { from, to } = best;
    return [...(from > start ? bursts(start, from) : []), [from, to], ...(to < end ? bursts(to, end) : [])];
  };
  return refine(0, m)
    .flatMap(([start, end]) => bursts(start, end))
    .map(([start, end]) => {
      const [a, b] = units(start, end);
      return { start, end, forward: a, rearward: b, share: a + b > 0 ? a / (a + b) : 0.5 };
    });
}

/** Segments news days by their forward share; one segment when the share never changes enough. */
export function segmentBalance(days: readonly NewsDay[], options: BalanceOptions = {}): BalanceSegment[] {
  const m = days.length;
  if (m === 0) return [];
  const minLength = Math.max(1, options.minSegmentNewsDays ?? 1);
  const penalty = (options.penaltyScale ?? 1) * 2 * Math.log(Math.max(m, 2));
  const forward = new Float64Array(m + 1);
  const rearward = new Float64Array(m + 1);
  days.forEach((day, index) => {
    forward[index + 1] = (forward[index] as number) + day.forward;
    rearward[index + 1] = (rearward[index] as number) + day.rearward;
  });
  const cost = (start: number, end: number): number => {
    const a = (forward[end] as number) - (forward[start] as number);
    const b = (rearward[end] as number) - (rearward[start] as number);
    return -2 * (xlnx(a) + xlnx(b) - xlnx(a + b));
  };
  const best = new Float64Array(m + 1).fill(Number.POSITIVE_INFINITY);
  const previous = new Int32Array(m + 1);
  best[0] = -penalty;
  let candidates: number[] = [0];
  for (let end = minLength; end <= m; end++) {
    let bestValue = Number.POSITIVE_INFINITY;
    let bestStart = 0;
    for (const start of candidates) {
      if (end - start < minLength) continue;
      const value = (best[start] as number) + cost(start, end) + penalty;
      if (value < bestValue) {
        bestValue = value;
        bestStart = start;
      }
    }
    best[end] = bestValue;
    previous[end] = bestStart;
    candidates = candidates.filter(
      (start) => end - start < minLength || (best[start] as number) + cost(start, end) <= bestValue,
    );
    if (Number.isFinite(bestValue)) candidates.push(end);
  }
  const bounds: number[] = [];
  for (let end = m; end > 0; end = previous[end] as number) bounds.push(end);
  bounds.push(0);
  bounds.reverse();
  return bounds.slice(1).map((end, index) => {
    const start = bounds[index] as number;
    const a = (forward[end] as number) - (forward[start] as number);
    const b = (rearward[end] as number) - (rearward[start] as number);
    return { start, end, forward: a, rearward: b, share: a + b > 0 ? a / (a + b) : 0.5 };
  });
}
