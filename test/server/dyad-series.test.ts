/**
 * The `/series` answer for a busy dyad is summed per period by the database (`Store.dyadPeriods`); it must be the
 * series the daily roll-up rows give, on both databases, for every resolution, with and without a range.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/analysis/seeded-random.js';
import { seriesFromRollups } from '../../src/analysis/series.js';
import { AnalysisCache, loadDyadSeries, SERIES_EVENT_LIMIT } from '../../src/server/dyad-analysis.js';
import type { ExternalEvent, Store } from '../../src/store/store.js';
import { event } from '../helpers/coded.js';
import { storeDialects } from '../helpers/stores.js';

/** Numbers rounded to 9 significant digits: the database adds in another order than JavaScript. */
function rounded(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_key, v) => (typeof v === 'number' ? Number(v.toPrecision(9)) : v)));
}

function busyDyad(): ExternalEvent[] {
  const next = seededRandom(17);
  return Array.from({ length: SERIES_EVENT_LIMIT * 8 }, (_, n) => {
    const day = Math.floor(next() * 400);
    const date = new Date(Date.UTC(2017, 11, 20) + day * 86_400_000).toISOString().slice(0, 10);
    const forward = next() < 0.45;
    return {
      ...event({
        date,
        sentence: n,
        source: next() < 0.5 ? 'USAGOV' : 'PRKGOV',
        goldstein: forward ? 3.4 : -4.4,
        quad: forward ? 1 : 3,
        direction: forward ? 'forward' : 'rearward',
      }),
      target: '',
      external_id: `test:${n}`,
      url: null,
    };
  }).map((e) => ({ ...e, target: e.source === 'USAGOV' ? 'PRK' : 'USA' }));
}

for (const { name, dialect } of storeDialects('dyad-series')) {
  const suite = dialect === null ? describe.skip : describe;
  suite(`dyad series from roll-up periods on ${name}`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await (dialect as NonNullable<typeof dialect>).open();
      await store.putExternalEvents(busyDyad());
    });
    afterAll(async () => {
      await dialect?.cleanup();
    });

    it('gives the series of the daily rows for every resolution and range', async () => {
      const ranges = [{}, { from: '2018-01-03' }, { to: '2018-06-30' }, { from: '2018-02-01', to: '2018-03-31' }];
      for (const resolution of ['day', 'week', 'month'] as const) {
        for (const range of ranges) {
          const served = await loadDyadSeries(store, { dyad: 'PRK-USA', resolution, ...range });
          expect(served.basis).toBe('rollups');
          const days = await store.dyadSeries({ dyad: 'PRK-USA', undirected: true, ...range });
          const expected = seriesFromRollups(days, {
            ...range,
            dyad: { a: 'PRK', b: 'USA', direction: 'both' },
            resolution,
          });
          expect(rounded(served.series)).toEqual(rounded(expected));
        }
      }
    });
  });
}

describe('the analysis cache', () => {
  it('keeps answers while the change mark stays, drops them when it moves or the server writes', async () => {
    let mark = 1;
    let computed = 0;
    const compute = async () => ++computed;
    const cache = new AnalysisCache<number>(0, 500, async () => mark);
    expect(await cache.get('a', compute)).toBe(1);
    // ttlMs 0 would expire it at once; with a change mark the answer lives until the data changes.
    expect(await cache.get('a', compute)).toBe(1);
    mark = 2;
    expect(await cache.get('a', compute)).toBe(2);
    expect(await cache.get('a', compute)).toBe(2);
    cache.invalidate();
    expect(await cache.get('a', compute)).toBe(3);
    expect([cache.hits, cache.misses]).toEqual([2, 3]);
  });

  it('drops the least recently used answers past its count or its bytes', async () => {
    const cache = new AnalysisCache<Uint8Array>(5000, 3, null, 600_000, 250);
    const bytes = (n: number) => async () => new Uint8Array(n);
    await cache.get('a', bytes(100));
    await cache.get('b', bytes(100));
    await cache.get('a', bytes(100)); // a hit: `a` is now the most recent
    expect(cache.bytes).toBe(200);
    await cache.get('c', bytes(100)); // 300 bytes > 250: `b`, least recently used, goes
    expect([cache.size, cache.bytes]).toEqual([2, 200]);
    const misses = cache.misses;
    await cache.get('a', bytes(100));
    await cache.get('c', bytes(100));
    expect(cache.misses).toBe(misses);
    await cache.get('b', bytes(100));
    expect(cache.misses).toBe(misses + 1);
    // Count-bound too: four small answers in a cache of three keep the three most recent.
    const small = new AnalysisCache<Uint8Array>(5000, 3);
    for (const key of ['w', 'x', 'y', 'z']) await small.get(key, bytes(1));
    await small.get('w', bytes(1));
    expect([small.size, small.misses]).toEqual([3, 5]);
    // A failed answer is not kept and not counted.
    await expect(cache.get('bad', async () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(cache.bytes).toBe(200);
    cache.invalidate();
    expect([cache.size, cache.bytes]).toEqual([0, 0]);
  });

  it('lives ttlMs where the store cannot tell (PostgreSQL)', async () => {
    let computed = 0;
    const cache = new AnalysisCache<number>(0, 500, async () => null);
    await cache.get('a', async () => ++computed);
    await new Promise((resolve) => setTimeout(resolve, 2));
    expect(await cache.get('a', async () => ++computed)).toBe(2);
  });
});
