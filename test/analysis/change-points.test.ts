import { describe, expect, it } from 'vitest';
import { detectChangePoints, estimateNoiseSigma } from '../../src/analysis/change-points.js';
import { seededNormal } from './helpers.js';

function piecewise(levels: [number, number][], sigma: number, seed: number): number[] {
  const noise = seededNormal(seed);
  return levels.flatMap(([level, length]) => Array.from({ length }, () => level + sigma * noise()));
}

describe('detectChangePoints (PELT, Gaussian mean shift)', () => {
  it('finds known change points within three points', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const values = piecewise(
        [
          [0, 60],
          [3, 40],
          [-2, 50],
          [1, 30],
        ],
        1,
        seed,
      );
      const { changePoints, segments } = detectChangePoints(values);
      expect(changePoints).toHaveLength(3);
      [60, 100, 150].forEach((truth, index) => {
        expect(Math.abs((changePoints[index] ?? -99) - truth)).toBeLessThanOrEqual(3);
      });
      expect(segments[1]?.mean).toBeCloseTo(3, 0);
    }
  });

  it('finds no change on a flat noisy series', () => {
    for (let seed = 10; seed < 30; seed++) {
      expect(detectChangePoints(piecewise([[0.5, 300]], 2, seed)).changePoints).toEqual([]);
    }
  });

  it('estimates the noise from differences, barely moved by a large level shift', () => {
    const values = piecewise(
      [
        [0, 200],
        [20, 200],
      ],
      1,
      7,
    );
    expect(estimateNoiseSigma(values)).toBeGreaterThan(0.85);
    expect(estimateNoiseSigma(values)).toBeLessThan(1.3);
  });

  it('handles empty, constant and short series', () => {
    expect(detectChangePoints([]).segments).toEqual([]);
    expect(detectChangePoints([2, 2, 2, 2, 2]).segments).toEqual([{ start: 0, end: 5, mean: 2 }]);
    expect(detectChangePoints([1]).changePoints).toEqual([]);
  });

  it('honours a known variance, the penalty scale and the minimum segment length', () => {
    const step = [0, 0, 0, 0, 0, 5, 5, 5, 5, 5];
    expect(detectChangePoints(step, { variance: 1 }).changePoints).toEqual([5]);
    expect(detectChangePoints(step, { variance: 1, penaltyScale: 100 }).changePoints).toEqual([]);
    const blip = [0, 0, 0, 0, 9, 0, 0, 0, 0, 0];
    expect(detectChangePoints(blip, { variance: 1, minSegmentLength: 1 }).changePoints).toEqual([4, 5]);
    expect(detectChangePoints(blip, { variance: 1, minSegmentLength: 2 }).changePoints).not.toContain(4.5);
  });
});

describe('detectChangePoints on long series (block means, then refined to the point)', () => {
  it('finds the same changes as the exact search', () => {
    for (const seed of [1, 2, 3]) {
      const values = piecewise(
        [
          [0, 1200],
          [-1, 400],
          [0.8, 600],
          [0, 1453],
        ],
        2,
        seed,
      );
      const exact = detectChangePoints(values, { maxExactLength: Number.POSITIVE_INFINITY });
      const fast = detectChangePoints(values);
      expect(fast.changePoints).toEqual(exact.changePoints);
      expect(fast.changePoints).toHaveLength(3);
    }
  });

  it('finds nothing in a long flat series', () => {
    expect(detectChangePoints(piecewise([[0.3, 3653]], 2, 42)).changePoints).toEqual([]);
  });
});
