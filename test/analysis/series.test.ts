import { describe, expect, it } from 'vitest';
import type { DyadSpec } from '../../src/analysis/analysis-event.js';
import { dedupEvents } from '../../src/analysis/dedup.js';
import { parseModalityWeights } from '../../src/analysis/modality-weights.js';
import { addDays } from '../../src/analysis/periods.js';
import {
  aggregateSeries,
  buildDyadSeries,
  dailySeriesFromRollupLists,
  ewma,
  mergeRollups,
  seriesFromRollups,
} from '../../src/analysis/series.js';
import { makeEvent } from './helpers.js';

const usaPrk: DyadSpec = { a: 'USA', b: 'PRK', direction: 'both' };

describe('dedupEvents', () => {
  it('merges a wire story repeated across documents into one report with mentions', () => {
    const evidence = 'North Korea threatened to walk away from the planned summit in Singapore';
    const events = [
      makeEvent({ date: '2018-05-16', goldstein: -5.8, cameo: '134', evidence, publisher: 'Reuters', doc: 'a' }),
      makeEvent({ date: '2018-05-16', goldstein: -5.8, cameo: '134', evidence, publisher: 'AP', doc: 'b' }),
      makeEvent({ date: '2018-05-17', goldstein: -5.8, cameo: '134', evidence: `${evidence} on Wednesday`, doc: 'c' }),
      makeEvent({ date: '2018-05-19', goldstein: -5.8, cameo: '134', evidence, doc: 'd' }),
      makeEvent({
        date: '2018-05-16',
        goldstein: -5.8,
        cameo: '134',
        evidence: 'Totally different words here',
        doc: 'e',
      }),
      makeEvent({ date: '2018-05-16', goldstein: -5.8, cameo: '134', evidence, doc: 'a' }),
    ];
    const reports = dedupEvents(events);
    expect(reports.map((report) => report.mentions)).toEqual([3, 1, 1, 1]);
    expect(reports[0]?.docs).toEqual(['a', 'b', 'c']);
    expect(reports[0]?.publishers).toEqual(['Reuters', 'AP']);
    expect(reports.reduce((sum, report) => sum + report.mentions, 0)).toBe(events.length);
  });
});

describe('modality weights', () => {
  it('validates a partial table and fills in the defaults', () => {
    expect(parseModalityWeights({ reported: 1 })).toMatchObject({ reported: 1, asserted: 1, conditional: 0.4 });
    expect(() => parseModalityWeights({ reported: 2 })).toThrow(/reported/);
    expect(() => parseModalityWeights({ sarcastic: 0.1 })).toThrow(/modality weights/);
  });
});

describe('buildDyadSeries', () => {
  const events = [
    makeEvent({ date: '2018-12-31', goldstein: 4 }),
    makeEvent({ date: '2019-01-02', goldstein: -6, source: 'PRKGOV', target: 'USAGOV', conditional: true }),
    makeEvent({ date: '2019-01-03', goldstein: 8, modality: 'intended' }),
    makeEvent({ date: '2019-01-03', goldstein: -10, negated: true }),
    makeEvent({ date: '2019-01-20', goldstein: 2, modality: 'reported' }),
    makeEvent({ date: '2019-01-04', goldstein: 9, source: 'KORGOV', target: 'PRKGOV' }),
  ];

  it('buckets by ISO week across the year boundary, fills gaps and weights modality', () => {
    const series = buildDyadSeries(events, { dyad: usaPrk, resolution: 'week' });
    expect(series.points.map((point) => point.key)).toEqual(['2019-W01', '2019-W02', '2019-W03']);
    const [first, gap, last] = series.points;
    expect(first?.reports).toBe(4);
    expect(first?.quad).toEqual([2, 0, 2, 0]);
    expect(first?.forward).toBe(2);
    expect(first?.rearward).toBe(2);
    expect(first?.goldsteinSum).toBe(-4);
    expect(first?.goldsteinMean).toBe(-1);
    expect(first?.cooperative).toBeCloseTo(4 + 8 * 0.5);
    expect(first?.conflictual).toBeCloseTo(6 * 0.4);
    expect(first?.net).toBeCloseTo(8 - 2.4);
    expect(first?.modality).toEqual({ conditional: 0.25, intended: 0.25, negated: 0.25, hypothetical: 0, reported: 0 });
    expect(gap?.reports).toBe(0);
    expect(gap?.goldsteinMean).toBeNull();
    expect(last?.net).toBeCloseTo(1.6);
    // A 7-day half-life at weekly resolution: each week keeps half the previous level.
    expect(first?.level).toBeCloseTo(5.6 / 2);
    expect(gap?.level).toBeCloseTo(5.6 / 4);
  });

  it('separates the directions of a dyad', () => {
    const prkToUsa = buildDyadSeries(events, { dyad: { ...usaPrk, direction: 'b-a' }, resolution: 'month' });
    expect(prkToUsa.points.map((point) => point.key)).toEqual(['2019-01']);
    expect(prkToUsa.points[0]?.reports).toBe(1);
    const usaToPrk = buildDyadSeries(events, { dyad: { ...usaPrk, direction: 'a-b' }, resolution: 'month' });
    expect(usaToPrk.points.map((point) => point.reports)).toEqual([1, 3]);
  });

  it('gives an all-zero series for an explicit range without events, and refuses to guess a range', () => {
    const empty = buildDyadSeries([], { dyad: usaPrk, resolution: 'day', from: '2019-03-01', to: '2019-03-03' });
    expect(empty.points.map((point) => [point.key, point.reports, point.level])).toEqual([
      ['2019-03-01', 0, 0],
      ['2019-03-02', 0, 0],
      ['2019-03-03', 0, 0],
    ]);
    expect(() => buildDyadSeries([], { dyad: usaPrk })).toThrow(/give a date range/);
    const inverted = buildDyadSeries(events, { dyad: usaPrk, from: '2019-02-01', to: '2019-01-01' });
    expect(inverted.points).toEqual([]);
  });

  it('counts distinct documents and publishers per period', () => {
    const evidence = 'Trump said he would meet Kim';
    const repeated = ['r1', 'r2', 'r3'].map((doc, index) =>
      makeEvent({ date: '2018-03-08', doc, evidence, publisher: index === 2 ? 'AP' : 'Reuters' }),
    );
    const series = buildDyadSeries(repeated, { dyad: usaPrk, resolution: 'day' });
    expect(series.points[0]).toMatchObject({ reports: 1, mentions: 3, docs: 3, publishers: 2 });
    const undeduplicated = buildDyadSeries(repeated, { dyad: usaPrk, resolution: 'day', dedup: false });
    expect(undeduplicated.points[0]).toMatchObject({ reports: 3, mentions: 3 });
  });

  it('builds the same unweighted sums from daily roll-up rows', () => {
    const rows = [
      { day: '2019-01-01', events: 3, quad: [2, 0, 1, 0], goldsteinSum: 2, forward: 2, rearward: 1, neutral: 0 },
      { day: '2019-01-09', events: 1, quad: [0, 0, 0, 1], goldsteinSum: -10, forward: 0, rearward: 1, neutral: 0 },
      { day: '2019-01-10', events: 2, quad: [1, 0, 0, 1], goldsteinSum: 1, forward: 1, rearward: 1, neutral: 0 },
    ];
    const series = seriesFromRollups(rows, { dyad: usaPrk, resolution: 'week' });
    expect(series.weighted).toBe(false);
    expect(series.points.map((point) => [point.key, point.reports, point.net])).toEqual([
      ['2019-W01', 3, 2],
      ['2019-W02', 3, -9],
    ]);
  });

  it('re-buckets a daily series to the same weeks as building it weekly', () => {
    const rows = Array.from({ length: 40 }, (_, index) => ({
      day: addDays('2018-12-20', index),
      events: index % 3,
      quad: [index % 3, 0, 0, 0],
      goldsteinSum: ((index % 5) - 2) * 3,
      forward: index % 3,
      rearward: 0,
      neutral: 0,
    }));
    const options = { dyad: usaPrk, from: '2018-12-20', to: '2019-01-28' };
    const weekly = seriesFromRollups(rows, { ...options, resolution: 'week' });
    const summed = aggregateSeries(seriesFromRollups(rows, { ...options, resolution: 'day' }), 'week');
    expect(summed.points.map((point) => [point.key, point.reports, point.net])).toEqual(
      weekly.points.map((point) => [point.key, point.reports, point.net]),
    );
    summed.points.forEach((point, index) => {
      expect(point.level).toBeCloseTo(weekly.points[index]?.level ?? Number.NaN);
    });
  });

  it('sums the two directions of a roll-up into the undirected dyad', () => {
    const row = (day: string, events: number, goldsteinSum: number) => ({
      day,
      events,
      quad: [events, 0, 0, 0],
      goldsteinSum,
      forward: events,
      rearward: 0,
      neutral: 0,
    });
    const merged = mergeRollups(
      [row('2019-01-01', 1, 2), row('2019-01-03', 2, 4)],
      [row('2019-01-02', 1, -3), row('2019-01-03', 1, 1)],
    );
    expect(merged.map((r) => [r.day, r.events, r.goldsteinSum, r.quad[0]])).toEqual([
      ['2019-01-01', 1, 2, 1],
      ['2019-01-02', 1, -3, 1],
      ['2019-01-03', 3, 5, 3],
    ]);
  });

  it('builds the undirected daily series from the two directions without merging rows, as if merged', () => {
    const row = (day: string, events: number, goldsteinSum: number) => ({
      day,
      events,
      quad: [events, 0, events, 0],
      goldsteinSum,
      forward: events,
      rearward: 1,
      neutral: 0,
    });
    const left = [row('2019-01-01', 1, 2), row('2019-01-03', 2, 4), row('2019-01-09', 1, -6)];
    const right = [row('2019-01-02', 1, -3), row('2019-01-03', 1, -5), row('2019-01-05', 3, 7)];
    const dyad = { a: 'USA', b: 'PRK', direction: 'both' } as const;
    for (const range of [{}, { from: '2018-12-30', to: '2019-01-12' }]) {
      const expected = seriesFromRollups(mergeRollups(left, right), { dyad, resolution: 'day', ...range });
      expect(dailySeriesFromRollupLists([left, right], { dyad, ...range })).toEqual(expected);
    }
  });

  it('smooths with the given half-life', () => {
    expect(ewma([4, 0, 0], 1)).toEqual([2, 1, 0.5]);
  });
});
