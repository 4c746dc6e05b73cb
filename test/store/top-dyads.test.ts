/**
 * The busiest undirected pairs are summed from whole months of the per-period roll-up plus the days of the months
 * a range cuts (`topDyads`): they must equal the sums of every day of the daily roll-up, on both databases, for
 * open, month-aligned, month-cutting, one-month and empty ranges.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/analysis/seeded-random.js';
import type { ExternalEvent, Store, TopDyadsQuery } from '../../src/store/store.js';
import { event } from '../helpers/coded.js';
import { storeDialects } from '../helpers/stores.js';

const COUNTRIES = ['USA', 'PRK', 'KOR', 'CHN', 'RUS'];

function spread(count: number): ExternalEvent[] {
  const next = seededRandom(23);
  return Array.from({ length: count }, (_, n) => {
    const source = COUNTRIES[Math.floor(next() * 5)] as string;
    let target = COUNTRIES[Math.floor(next() * 5)] as string;
    if (target === source) target = source === 'USA' ? 'PRK' : 'USA';
    const date = new Date(Date.UTC(2017, 10, 3) + Math.floor(next() * 300) * 86_400_000).toISOString().slice(0, 10);
    const goldstein = Math.round((next() * 20 - 10) * 10) / 10;
    return {
      ...event({ date, sentence: n, goldstein, direction: goldstein > 0 ? 'forward' : 'rearward' }),
      source: `${source}GOV`,
      target,
      external_id: `top:${n}`,
      url: null,
    };
  });
}

/** The reference: every pair's days summed one by one. */
async function summedDays(store: Store, query: TopDyadsQuery) {
  const sums = [];
  for (const [i, a] of COUNTRIES.entries()) {
    for (const b of COUNTRIES.slice(i + 1)) {
      const [x, y] = a < b ? [a, b] : [b, a];
      const days = await store.dyadSeries({ dyad: `${x}-${y}`, undirected: true, from: query.from, to: query.to });
      const events = days.reduce((sum, day) => sum + day.events, 0);
      if (events > 0) sums.push({ dyad: `${x}-${y}`, events, forward: days.reduce((s, d) => s + d.forward, 0) });
    }
  }
  return sums.sort((p, q) => q.events - p.events || (p.dyad < q.dyad ? -1 : 1));
}

for (const { name, dialect } of storeDialects('top-dyads')) {
  const suite = dialect === null ? describe.skip : describe;
  suite(`busiest pairs from months and cut days on ${name}`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await (dialect as NonNullable<typeof dialect>).open();
      await store.putExternalEvents(spread(2500));
    });
    afterAll(async () => {
      await dialect?.cleanup();
    });

    it('equals the day-by-day sums for every kind of range', async () => {
      const ranges: TopDyadsQuery[] = [
        {},
        { from: '2018-01-01' },
        { to: '2018-03-31' },
        { from: '2017-12-14', to: '2018-06-09' },
        { from: '2018-02-01', to: '2018-02-28' },
        { from: '2018-02-05', to: '2018-02-20' },
        { from: '2018-04-10', to: '2018-03-01' },
      ];
      for (const range of ranges) {
        const top = await store.topDyads({ ...range, undirected: true, limit: 50 });
        const expected = await summedDays(store, range);
        expect(
          top.map(({ dyad, events, forward }) => ({ dyad, events, forward })),
          JSON.stringify(range),
        ).toEqual(expected);
      }
    });
  });
}
