/**
 * Escalation and de-escalation in **intensity**: a stretch of days in which the dyad gets louder one way — more
 * hostile (or friendlier) weight per day than the rest of its regime — while the balance of its news days may
 * stay where it was. An already hostile dyad that starts threatening every week keeps its rearward share, so
 * `balance.ts` cannot see it by construction; this scan can. It runs inside each balance segment (one share),
 * so it does not find the balance changes again.
 *
 * Units. As in `balance.ts`, each side is a compound Poisson process and its weight is counted in units
 * (weight / φ, φ = Σw² / Σw over the side's single reports): a day carries forward units f and rearward units r.
 *
 * 1. **Louder.** For every window that starts and ends on a news day, holds at least `minNewsDays` (default 3)
 *    news days (one story, however many reports it brings over a day or two, is not an escalation) and is at
 *    most `maxDays` (default 120) long, the two-sample Poisson deviance of its total units X (both sides) in L
 *    days against the rest of the stretch, G = 2 [X ln(X / E) + Y ln(Y / (T − E))], E = T L / n, X > E. The
 *    window is chosen on the total, side-neutral, so the choice does not bias the test of its balance (step 2).
 *    Significance: the stretch's calendar days shuffled (each day's units move together, so a lumpy day is as
 *    lumpy in every shuffle), the largest G found again each time, 999 seeded shuffles with a sequential stop;
 *    the window stands at p ≤ `level` (default 0.01).
 * 2. **One way, beyond attention.** More news attention raises both sides at once. So the window is a movement
 *    only when its extra weight is one-sided: against the null that it adds the same weight x per day to both
 *    sides (rates a + x / φ_f and b + x / φ_r, a and b the rest's rates with half a unit of prior each), its
 *    Poisson deviance at the best x (one degree of freedom, the change of net) must reach `netThreshold`
 *    (3.84, χ²₁ at 5%). With A = φ_f a, B = φ_r b and K = L (1/φ_f + 1/φ_r), the best x solves
 *    F / (A + x) + R / (B + x) = K, the larger root of K x² + (K (A + B) − F − R) x + K A B − F B − R A = 0.
 *    The window is **rearward** when its net weight per day is below the rest's, **forward** when above. A
 *    hostile dyad whose reports become five times as frequent passes (its net falls by far more than attention
 *    explains); a mixed one (share 0.55) whose reports become five times as frequent does not.
 * 3. **Again.** The parts of the stretch before and after a movement are scanned again, each against its own
 *    rest (binary segmentation). A loud window that fails step 2 ends the scan of its stretch: cutting there
 *    would leave rests that are no longer the regime's.
 *
 * A step up and back down is one window: the escalation's first driving report dates its start, its last one
 * the de-escalation. Calibration in docs/analysis.md.
 */

import { shuffledDaysPValue } from './permutation.js';

/** Units on one calendar day of a stretch. */
export interface IntensityDay {
  /** Calendar day (days since the series' first day). */
  index: number;
  forward: number;
  rearward: number;
}

export interface IntensityOptions {
  /** Longest window, in calendar days (default 120). */
  maxDays?: number;
  /** Fewest news days a window holds (default 3). */
  minNewsDays?: number;
  /** A window is kept when its permutation p-value is at most this (default 0.01). */
  level?: number;
  /**
   * Shuffles behind that p-value (default 999). With 99, p ≤ 0.01 means beating every shuffle, which loses real
   * escalations to Monte Carlo noise; 999 keeps the same level with more power (flat-series false alarms equal).
   */
  permutations?: number;
  /** Deviance of the net shift (attention removed) a loud window needs to be a movement (default 3.84). */
  netThreshold?: number;
}

export interface IntensityWindow {
  side: 'forward' | 'rearward';
  /** First and last calendar day of the window (news days). */
  from: number;
  to: number;
  /** Deviance of the window's total units against the rest of its stretch (step 1). */
  gain: number;
  /** Permutation p-value of the scan that found it. */
  p: number;
  /** Net weight per day of the window minus the rest's (negative: more hostile). */
  netShift: number;
  /** Total weight per day (both sides) of the window minus the rest's. */
  totalShift: number;
  /** Deviance of its net shift with attention allowed for (step 2; see `intensityGain`). */
  attentionGain: number;
}

export const DEFAULT_INTENSITY_OPTIONS = {
  maxDays: 120,
  minNewsDays: 3,
  level: 0.01,
  permutations: 999,
  netThreshold: 3.84,
} as const;

/** Half a unit of prior on each side of the rest, so an empty side still has a rate. */
const PRIOR_UNITS = 0.5;

const term = (observed: number, expected: number): number =>
  (observed > 0 ? observed * Math.log(observed / expected) : 0) - (observed - expected);

/**
 * Deviance of a window (F, R units over L days) against rest rates a, b (units per day) once the same weight
 * per day added to both sides is allowed for (step 2 of the module comment). Dispersions φ_f, φ_r turn units back into weight.
 */
export function intensityGain(
  window: { forward: number; rearward: number; days: number },
  rest: { forward: number; rearward: number },
  phi: { forward: number; rearward: number },
): number {
  const { forward: F, rearward: R, days: L } = window;
  const A = phi.forward * rest.forward;
  const B = phi.rearward * rest.rearward;
  const K = L * (1 / phi.forward + 1 / phi.rearward);
  const linear = K * (A + B) - F - R;
  const constant = K * A * B - F * B - R * A;
  const root = (-linear + Math.sqrt(Math.max(0, linear * linear - 4 * K * constant))) / (2 * K);
  const x = Math.max(root, -Math.min(A, B));
  const muF = Math.max(0, (A + x) / phi.forward) * L;
  const muR = Math.max(0, (B + x) / phi.rearward) * L;
  if ((muF === 0 && F > 0) || (muR === 0 && R > 0)) return Number.POSITIVE_INFINITY;
  return 2 * (term(F, muF) + term(R, muR));
}

/**
 * Windows of a stretch of calendar days [start, end) that are louder than the rest and one-sided beyond news
 * attention, in order (see the module comment). `days` are the stretch's news days in calendar order (days
 * without a report may be left out); `phi` the sides' dispersions (weight per unit).
 */
export function scanIntensity(
  days: readonly IntensityDay[],
  start: number,
  end: number,
  phi: { forward: number; rearward: number },
  options: IntensityOptions = {},
): IntensityWindow[] {
  const settings = { ...DEFAULT_INTENSITY_OPTIONS, ...definedOnly(options) };
  const length = end - start;
  if (length <= 1 || days.length === 0) return [];
  const forward = new Float64Array(length);
  const rearward = new Float64Array(length);
  for (const day of days) {
    if (day.index < start || day.index >= end) continue;
    forward[day.index - start] = (forward[day.index - start] as number) + day.forward;
    rearward[day.index - start] = (rearward[day.index - start] as number) + day.rearward;
  }
  const rounds = Math.max(1, settings.permutations);
  const split = (from: number, to: number): IntensityWindow[] => {
    const fa = forward.subarray(from, to);
    const ra = rearward.subarray(from, to);
    const best = bestWindow(fa, ra, settings);
    if (!best || best.gain <= 0) return [];
    const p = permutationP(fa, ra, settings, best.gain, rounds);
    if (p > settings.level) return [];
    let F = 0;
    let R = 0;
    let totalF = 0;
    let totalR = 0;
    for (let k = 0; k < fa.length; k++) {
      const inside = k >= best.from && k <= best.to;
      if (inside) {
        F += fa[k] as number;
        R += ra[k] as number;
      }
      totalF += fa[k] as number;
      totalR += ra[k] as number;
    }
    const L = best.to - best.from + 1;
    const restDays = Math.max(1, fa.length - L);
    const rest = { forward: (totalF - F + PRIOR_UNITS) / restDays, rearward: (totalR - R + PRIOR_UNITS) / restDays };
    const shiftF = (phi.forward * F) / L - phi.forward * ((totalF - F) / restDays);
    const shiftR = (phi.rearward * R) / L - phi.rearward * ((totalR - R) / restDays);
    const window: IntensityWindow = {
      side: shiftF - shiftR >= 0 ? 'forward' : 'rearward',
      from: start + from + best.from,
      to: start + from + best.to,
      gain: best.gain,
      p,
      netShift: shiftF - shiftR,
      totalShift: shiftF + shiftR,
      attentionGain: intensityGain({ forward: F, rearward: R, days: L }, rest, phi),
    };
    // Louder, but not more hostile or friendly than attention explains: not a movement, and the stretch is not
    // split at it (its rest would no longer be the regime's).
    if (window.attentionGain < settings.netThreshold) return [];
    return [...split(from, from + best.from), window, ...split(from + best.to + 1, to)];
  };
  return split(0, length);
}

interface Candidate {
  /** First and last day of the window, relative to the arrays scanned. */
  from: number;
  to: number;
  gain: number;
}

/**
 * The window of `minNewsDays`…`maxDays` whose total units (both sides) rise most above the rest's rate: the
 * two-sample Poisson deviance G = 2 [X ln(X / E) + Y ln(Y / (T − E))], X units in L days against T − X in the
 * rest, E = T L / n, for X > E. Side-neutral, so choosing the window does not bias the test of its balance.
 */
function bestWindow(
  forward: Float64Array,
  rearward: Float64Array,
  settings: Required<IntensityOptions>,
): Candidate | undefined {
  const n = forward.length;
  let total = 0;
  for (let k = 0; k < n; k++) total += (forward[k] as number) + (rearward[k] as number);
  let best: Candidate | undefined;
  for (let from = 0; from < n; from++) {
    if ((forward[from] as number) + (rearward[from] as number) <= 0) continue;
    let X = 0;
    let newsDays = 0;
    const last = Math.min(n - 1, from + settings.maxDays);
    for (let to = from; to < last; to++) {
      const units = (forward[to] as number) + (rearward[to] as number);
      if (units <= 0) continue;
      X += units;
      newsDays++;
      if (newsDays < settings.minNewsDays) continue;
      const E = (total * (to - from + 1)) / n;
      if (X <= E) continue;
      const Y = total - X;
      const gain = 2 * (X * Math.log(X / E) + (Y > 0 ? Y * Math.log(Y / (total - E)) : 0));
      if (!best || gain > best.gain) best = { from, to, gain };
    }
  }
  return best;
}

/** Permutation p-value of the largest G: the stretch's days shuffled, the scan repeated (`permutation.ts`). */
function permutationP(
  forward: Float64Array,
  rearward: Float64Array,
  settings: Required<IntensityOptions>,
  observed: number,
  rounds: number,
): number {
  return shuffledDaysPValue(
    forward,
    rearward,
    observed,
    { rounds, level: settings.level },
    (fa, ra) => bestWindow(fa, ra, settings)?.gain ?? 0,
  );
}

function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}
