import { describe, expect, it } from 'vitest';
import type { DyadSpec } from '../../src/analysis/analysis-event.js';
import { listDyads, rankDyads } from '../../src/analysis/rank.js';
import { buildDyadSeries } from '../../src/analysis/series.js';
import { makeEvent } from './helpers.js';

const events = [
  // USA–PRK: quiet cooperation before, threats after.
  makeEvent({ date: '2018-04-10', goldstein: 2, evidence: 'a' }),
  makeEvent({ date: '2018-05-20', goldstein: -6, evidence: 'b' }),
  makeEvent({ date: '2018-05-24', goldstein: -7, evidence: 'c', cameo_name: 'Threaten' }),
  // KOR–PRK: conflict before, summitry after.
  makeEvent({ source: 'KORGOV', target: 'PRKGOV', date: '2018-04-05', goldstein: -4, evidence: 'd' }),
  makeEvent({
    source: 'PRKGOV',
    target: 'KORGOV',
    date: '2018-05-26',
    goldstein: 7,
    evidence: 'e',
    cameo_name: 'Engage in negotiation',
  }),
  makeEvent({ source: 'KORGOV', target: 'PRKGOV', date: '2018-05-27', goldstein: 4, evidence: 'f' }),
  // RUS–UKR: a single report, below the minimum.
  makeEvent({ source: 'RUSGOV', target: 'UKRGOV', date: '2018-05-27', goldstein: -10, evidence: 'g' }),
  makeEvent({ source: 'USAGOV', target: 'USAMIL', date: '2018-05-27', goldstein: 1, evidence: 'domestic' }),
];

describe('rankDyads', () => {
  it('lists the dyads present, busiest first, without domestic pairs', () => {
    expect(listDyads(events).map(({ dyad, events: count }) => `${dyad.a}-${dyad.b}:${count}`)).toEqual([
      'KOR-PRK:3',
      'PRK-USA:3',
      'RUS-UKR:1',
    ]);
  });

  it('ranks improvement and deterioration since a date, with the events behind them', () => {
    const since = '2018-05-01';
    const until = '2018-05-31';
    const series = listDyads(events).map(({ dyad }) =>
      buildDyadSeries(events, { dyad: dyad as DyadSpec, resolution: 'day', from: '2018-03-31', to: until }),
    );
    const ranking = rankDyads(series, { since, until });
    expect(ranking.improved.map((change) => `${change.dyad.a}-${change.dyad.b}`)).toEqual(['KOR-PRK']);
    expect(ranking.deteriorated.map((change) => `${change.dyad.a}-${change.dyad.b}`)).toEqual(['PRK-USA']);
    expect(ranking.movedMost).toHaveLength(2);
    const worse = ranking.deteriorated[0];
    expect(worse?.before).toBeCloseTo(2 / 31);
    expect(worse?.after).toBeCloseTo(-13 / 31);
    expect(worse?.drivers[0]?.evidence).toBe('c');
    expect(worse?.reason).toMatch(
      /^PRK–USA deteriorated: net 0\.06 → -0\.42 per day \(2 reports\), led by USAGOV→PRKGOV "Threaten" \(2018-05-24\)$/,
    );
  });
});
