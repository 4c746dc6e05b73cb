/**
 * A read-only SQLite store (a server's read thread) keeps each pair's whole periods until the data changes
 * (`period-memo.ts`): its answers must equal the writing store's for every range, before and after the writer
 * commits more events.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/analysis/seeded-random.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { DyadPeriodQuery, ExternalEvent, Store } from '../../src/store/store.js';
import { event } from '../helpers/coded.js';

function events(count: number, seed: number, firstDay = Date.UTC(2017, 11, 20)): ExternalEvent[] {
  const next = seededRandom(seed);
  return Array.from({ length: count }, (_, n) => {
    const date = new Date(firstDay + Math.floor(next() * 400) * 86_400_000).toISOString().slice(0, 10);
    const forward = next() < 0.45;
    const fromUsa = next() < 0.5;
    return {
      ...event({ date, sentence: n, goldstein: forward ? 3.4 : -4.4, quad: forward ? 1 : 3 }),
      source: fromUsa ? 'USAGOV' : 'PRKGOV',
      target: fromUsa ? 'PRK' : 'USA',
      direction: forward ? 'forward' : 'rearward',
      external_id: `memo-${seed}:${n}`,
      url: null,
    };
  });
}

describe('whole periods memoised by a read-only SQLite store', () => {
  let dir: string;
  let writer: Store;
  let reader: Store;
  const queries: DyadPeriodQuery[] = [];
  for (const resolution of ['week', 'month'] as const) {
    for (const range of [{}, { from: '2018-01-03' }, { to: '2018-06-30' }, { from: '2018-02-05', to: '2018-04-29' }]) {
      queries.push({ dyad: 'PRK-USA', undirected: true, resolution, ...range });
    }
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dyadwatch-memo-'));
    writer = await openSqliteStore(join(dir, 'test.db'));
    await writer.putExternalEvents(events(3000, 5));
    reader = await openSqliteStore(join(dir, 'test.db'), { readOnly: true });
  });
  afterAll(async () => {
    await reader?.close();
    await writer?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("answers every range as the writer does, and again after the writer's next commit", async () => {
    for (const query of queries) expect(await reader.dyadPeriods(query)).toEqual(await writer.dyadPeriods(query));
    // Asked again: from the memo, still equal.
    for (const query of queries) expect(await reader.dyadPeriods(query)).toEqual(await writer.dyadPeriods(query));
    const before = await reader.dyadPeriods(queries[0] as DyadPeriodQuery);
    await writer.putExternalEvents(events(500, 9));
    const after = await reader.dyadPeriods(queries[0] as DyadPeriodQuery);
    expect(after).not.toEqual(before);
    for (const query of queries) expect(await reader.dyadPeriods(query)).toEqual(await writer.dyadPeriods(query));
  });

  it('refuses to write', async () => {
    await expect(reader.putExternalEvents(events(1, 11))).rejects.toThrow(/readonly/i);
  });
});
