import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/analysis/seeded-random.js';
import type { EventRecord } from '../../src/coder/event.js';
import { periodBounds, rebuildPeriodsSql } from '../../src/store/dyad-periods.js';
import type { SqlStore } from '../../src/store/sql-store.js';
import type { DyadPeriod, Store } from '../../src/store/store.js';
import { recomputeRollupDay } from '../../src/worker/rollup-job.js';
import { coded, event } from '../helpers/coded.js';
import { storeDialects } from '../helpers/stores.js';

/** Repeatable pseudo-random numbers. */

const SIDES = ['USAGOV', 'PRK', 'KOR', 'CHN'];
const WEIGHTS: [string, 1 | 2 | 3 | 4, number, 'forward' | 'rearward' | 'neutral'][] = [
  ['040', 1, 1, 'neutral'],
  ['051', 1, 3.4, 'forward'],
  ['111', 3, -2, 'rearward'],
  ['190', 4, -10, 'rearward'],
];

/** Events over four sides (a side with itself too) and 2018-04-20 … 2018-07-10, across week and month ends. */
function events(count: number, seed: number): EventRecord[] {
  const next = seededRandom(seed);
  return Array.from({ length: count }, (_, sentence) => {
    const [cameo, quad, goldstein, direction] = WEIGHTS[
      Math.floor(next() * WEIGHTS.length)
    ] as (typeof WEIGHTS)[number];
    const day = new Date(Date.UTC(2018, 3, 20) + Math.floor(next() * 82) * 86_400_000).toISOString().slice(0, 10);
    return event({
      sentence,
      date: day,
      source: SIDES[Math.floor(next() * SIDES.length)] ?? 'USA',
      target: SIDES[Math.floor(next() * SIDES.length)] ?? 'PRK',
      cameo,
      root: cameo.slice(0, 2),
      quad,
      goldstein,
      direction,
      negated: next() < 0.1,
    });
  });
}

/** What `dyadPeriods` must answer, summed in JS from the store's undirected daily rows. */
async function expectedPeriods(
  store: Store,
  dyad: string,
  resolution: 'week' | 'month',
  from?: string,
  to?: string,
): Promise<DyadPeriod[]> {
  const days = await store.dyadSeries({ dyad, undirected: true, ...(from ? { from } : {}), ...(to ? { to } : {}) });
  const periods = new Map<string, DyadPeriod>();
  for (const day of days) {
    const key = periodBounds(day.day, resolution).start;
    const p = periods.get(key) ?? {
      day: day.day,
      lastDay: day.day,
      events: 0,
      quad: [0, 0, 0, 0],
      goldsteinSum: 0,
      cooperative: 0,
      conflictual: 0,
      forward: 0,
      rearward: 0,
      neutral: 0,
    };
    p.lastDay = day.day;
    p.events += day.events;
    for (let q = 0; q < 4; q++) p.quad[q] = (p.quad[q] ?? 0) + (day.quad[q] ?? 0);
    p.goldsteinSum += day.goldsteinSum;
    if (day.goldsteinSum > 0) p.cooperative += day.goldsteinSum;
    else p.conflictual -= day.goldsteinSum;
    p.forward += day.forward;
    p.rearward += day.rearward;
    p.neutral += day.neutral;
    periods.set(key, p);
  }
  return [...periods.values()];
}

const round = (periods: DyadPeriod[]) =>
  periods.map((p) => ({
    ...p,
    goldsteinSum: Math.round(p.goldsteinSum * 1e6) / 1e6,
    cooperative: Math.round(p.cooperative * 1e6) / 1e6,
    conflictual: Math.round(p.conflictual * 1e6) / 1e6,
  }));

for (const { name, dialect } of storeDialects('dyad_periods')) {
  const suite = dialect === null ? describe.skip : describe;
  suite(`per-period roll-up on ${name}`, () => {
    let store: SqlStore;
    beforeEach(async () => {
      store = (await (dialect as NonNullable<typeof dialect>).open()) as SqlStore;
    });
    afterAll(async () => {
      await dialect?.cleanup();
    });

    /** The table as kept by the writes equals the table rebuilt from the daily roll-up. */
    const expectConsistent = async () => {
      const read = () =>
        store.driver.all('SELECT * FROM dyad_periods ORDER BY side_a, side_b, resolution, start') as Promise<
          Record<string, unknown>[]
        >;
      const normal = (rows: Record<string, unknown>[]) =>
        rows.map((row) =>
          Object.fromEntries(
            Object.entries(row).map(([k, v]) => [k, typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v]),
          ),
        );
      const kept = normal(await read());
      await store.driver.transaction(async (tx) => {
        await tx.run('DELETE FROM dyad_periods');
        await tx.exec(rebuildPeriodsSql(store.driver.dialect));
      });
      expect(kept).toEqual(normal(await read()));
      return kept.length;
    };

    it('stays equal to the daily roll-up through every kind of write', async () => {
      const all = events(240, 1);
      // Three documents written together (one batch), then one more on its own.
      await Promise.all(
        [0, 1, 2].map((n) => {
          const text = `batch ${n}`;
          return store.putDocument({ text }, coded(text, all.slice(n * 60, n * 60 + 60)));
        }),
      );
      const { id } = await store.putDocument({ text: 'alone' }, coded('alone', all.slice(180)));
      expect(await expectConsistent()).toBeGreaterThan(20);
      // Re-coding takes the old events out and puts new ones in (one transaction).
      await store.replaceCoding(id, coded('alone', events(50, 2)), 'test/1');
      await expectConsistent();
      const added = await store.addCorrection({
        doc: id,
        action: 'add',
        sentence: 0,
        fields: event({ date: '2018-06-30', source: 'CHN', target: 'KOR', goldstein: 3.4, quad: 1 }),
      });
      await store.addCorrection({ doc: id, action: 'delete', sentence: 1 });
      await expectConsistent();
      await store.removeCorrection(added.id);
      await expectConsistent();
      await store.putExternalEvents(
        events(30, 3).map((e, n) => ({ ...e, origin: 'gdelt', doc: '', external_id: `gdelt:${n}`, url: null })),
      );
      await expectConsistent();
      // The repair job recomputes a day from the events (here after the day's roll-up was damaged by hand).
      await store.driver.run("UPDATE dyad_daily SET events = events + 5 WHERE day = '2018-05-31'");
      await recomputeRollupDay(store.driver, '2018-05-31');
      await expectConsistent();
    });

    it('answers whole and cut ranges as the daily roll-up does', async () => {
      const all = events(300, 4);
      await store.putDocument({ text: 'ranges' }, coded('ranges', all));
      const ranges: [string | undefined, string | undefined][] = [
        [undefined, undefined],
        ['2018-05-01', '2018-06-30'], // whole months
        ['2018-04-30', '2018-07-01'], // a Monday to a Sunday: whole weeks
        ['2018-05-03', '2018-06-13'], // cut at both ends
        ['2018-05-03', undefined],
        [undefined, '2018-06-13'],
        ['2018-05-08', '2018-05-10'], // inside one week
        ['2018-06-30', '2018-07-01'], // one day each side of a month end
      ];
      for (const dyad of ['USA-PRK', 'PRK-USA', 'CHN-KOR', 'USA-USA']) {
        for (const resolution of ['week', 'month'] as const) {
          for (const [from, to] of ranges) {
            const got = await store.dyadPeriods({
              dyad,
              undirected: true,
              resolution,
              ...(from ? { from } : {}),
              ...(to ? { to } : {}),
            });
            expect(round(got), `${dyad} ${resolution} ${from}…${to}`).toEqual(
              round(await expectedPeriods(store, dyad, resolution, from, to)),
            );
          }
        }
      }
    });
  });
}
