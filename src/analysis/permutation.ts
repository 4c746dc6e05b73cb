/**
 * The permutation test the burst scan (`balance.ts`) and the intensity scan (`intensity.ts`) share: a stretch's
 * days shuffled (each day's forward and rearward weight move together), the scan's statistic found again each
 * time. Seeded by the stretch's length and the observed value, so a result is the same on every run; stops as
 * soon as the count of shuffles at least as extreme rules the stretch out at `level`.
 */
import { seededRandom } from './seeded-random.js';

export function shuffledDaysPValue(
  forward: ArrayLike<number>,
  rearward: ArrayLike<number>,
  observed: number,
  test: { rounds: number; level: number },
  statistic: (forward: Float64Array, rearward: Float64Array) => number,
): number {
  const n = forward.length;
  const random = seededRandom(n * 7919 + Math.round(observed * 1000));
  const order = Array.from({ length: n }, (_, index) => index);
  const fa = new Float64Array(n);
  const ra = new Float64Array(n);
  let exceed = 0;
  for (let round = 1; round <= test.rounds; round++) {
    for (let k = n - 1; k > 0; k--) {
      const pick = Math.floor(random() * (k + 1));
      [order[k], order[pick]] = [order[pick] as number, order[k] as number];
    }
    for (let k = 0; k < n; k++) {
      fa[k] = forward[order[k] as number] as number;
      ra[k] = rearward[order[k] as number] as number;
    }
    if (statistic(fa, ra) >= observed - 1e-9) exceed++;
    if ((exceed + 1) / (test.rounds + 1) > test.level) return (exceed + 1) / (round + 1);
  }
  return (exceed + 1) / (test.rounds + 1);
}
