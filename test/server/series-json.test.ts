/** The hand-written series JSON must be `JSON.stringify` of the series without its reports, numbers rounded. */

import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/analysis/seeded-random.js';
import { buildDyadSeries, seriesFromRollups } from '../../src/analysis/series.js';
import { seriesJsonText } from '../../src/server/series-json.js';
import { makeEvent } from '../analysis/helpers.js';

/** What `JSON.stringify` writes for the series without reports, every number rounded to three decimals. */
function expected(series: ReturnType<typeof buildDyadSeries>): unknown {
  const { reports: _reports, ...rest } = series;
  // A roll-up series' points leave out what the roll-up does not keep.
  const points = series.weighted
    ? series.points
    : series.points.map(({ modality: _m, docs: _d, publishers: _p, ...point }) => point);
  return JSON.parse(
    JSON.stringify({ ...rest, points }, (_key, value) =>
      typeof value === 'number' ? Math.round(value * 1000) / 1000 : value,
    ),
  );
}

describe('seriesJsonText', () => {
  const usaPrk = { a: 'USA', b: 'PRK', direction: 'both' } as const;

  it('writes an event-based series with modality shares and thirds as rounded JSON', () => {
    const events = [
      makeEvent({ date: '2019-01-01', goldstein: 3.4 }),
      makeEvent({ date: '2019-01-02', goldstein: -4.4, conditional: true }),
      makeEvent({ date: '2019-01-03', goldstein: 7, modality: 'intended', cameo: '057' }),
      makeEvent({ date: '2019-02-20', goldstein: -2, modality: 'reported' }),
    ];
    for (const resolution of ['day', 'week', 'month'] as const) {
      const series = buildDyadSeries(events, { dyad: usaPrk, resolution });
      const text = seriesJsonText(series);
      expect(JSON.parse(text)).toEqual(expected(series));
    }
    const weekly = JSON.parse(seriesJsonText(buildDyadSeries(events, { dyad: usaPrk, resolution: 'week' })));
    // 1 of 3 reports conditional: a third, rounded; the float noise of 3.4 + 7 × weight is gone.
    expect(weekly.points[0].modality.conditional).toBe(0.333);
    expect(String(weekly.points[0].goldsteinMean)).toMatch(/^-?\d+(\.\d{1,3})?$/);
  });

  it('writes a roll-up series, empty periods (mean null) included, and never NaN', () => {
    const rows = [
      {
        day: '2018-01-01',
        events: 3,
        quad: [1, 0, 2, 0],
        goldsteinSum: 0.1 + 0.2,
        forward: 1,
        rearward: 2,
        neutral: 0,
      },
      { day: '2018-03-05', events: 1, quad: [0, 0, 0, 1], goldsteinSum: -10, forward: 0, rearward: 1, neutral: 0 },
    ];
    const series = seriesFromRollups(rows, { dyad: usaPrk, resolution: 'week' });
    const parsed = JSON.parse(seriesJsonText(series));
    expect(parsed).toEqual(expected(series));
    expect(parsed.points[1].goldsteinMean).toBeNull();
    expect(parsed.points[0].goldsteinSum).toBe(0.3);
    expect(parsed.weighted).toBe(false);
    expect(parsed.points[0]).not.toHaveProperty('modality');
  });
});

describe('numbers in series JSON', () => {
  it('round to three decimals exactly as Math.round on thousandths, for any sign and size', () => {
    const next = seededRandom(3);
    const values = [0.0004, -0.0004, -0.0005, 0.0005, 1.05, -2.5, 0.1 + 0.2, 12.3456, -7.0001, 1e13 + 0.5];
    for (let i = 0; i < 5000; i++) values.push((next() - 0.5) * 10 ** Math.floor(next() * 8 - 3));
    for (const value of values) {
      const rounded = Math.abs(value) >= 1e12 ? Math.round(value) : Math.round(value * 1000) / 1000;
      const { points } = JSON.parse(
        seriesJsonText(
          seriesFromRollups(
            [
              {
                day: '2020-01-01',
                events: 1,
                quad: [1, 0, 0, 0],
                goldsteinSum: value,
                forward: 1,
                rearward: 0,
                neutral: 0,
              },
            ],
            { dyad: { a: 'A', b: 'B', direction: 'both' }, resolution: 'day' },
          ),
        ),
      );
      expect(points[0].goldsteinSum, String(value)).toBe(rounded === 0 ? 0 : rounded);
    }
  });
});
