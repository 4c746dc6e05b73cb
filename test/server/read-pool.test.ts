/**
 * The read pool (`read-pool.ts`): dyad series and analyses computed on worker threads over their own read-only
 * connections must answer what the server's own thread answers, pass a 404 through as a 404, and see what the
 * server writes. The workers run the built code (`npm test` builds first).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/package-root.js';
import { HttpError } from '../../src/server/http-error.js';
import { ReadPool } from '../../src/server/read-pool.js';
import { inProcessReads } from '../../src/server/reads.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { ExternalEvent, Store } from '../../src/store/store.js';
import { event } from '../helpers/coded.js';
import { LOOPBACK, testApp } from './api-helpers.js';

const built = existsSync(join(packageRoot(), 'dist', 'src', 'server', 'read-worker.js'));
if (!built) console.warn('dist/ is not built (npm run build): the read pool tests are SKIPPED.');

function usaPrk(count: number, tag: string, goldstein: number): ExternalEvent[] {
  return Array.from({ length: count }, (_, n) => ({
    ...event({
      date: new Date(Date.UTC(2018, 0, 1) + ((n * 3) % 500) * 86_400_000).toISOString().slice(0, 10),
      sentence: n,
      goldstein,
      quad: goldstein > 0 ? 1 : 4,
      direction: goldstein > 0 ? 'forward' : 'rearward',
    }),
    source: n % 2 === 0 ? 'USAGOV' : 'PRKGOV',
    target: n % 2 === 0 ? 'PRK' : 'USA',
    external_id: `${tag}:${n}`,
    url: null,
  }));
}

describe.skipIf(!built)('the read pool', () => {
  let dir: string;
  let store: Store;
  let pool: ReadPool;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dyadwatch-pool-'));
    store = await openSqliteStore(join(dir, 'test.db'));
    // Over the series' event limit, so the series comes from the roll-up; the analysis from events.
    await store.putExternalEvents(usaPrk(1500, 'a', 3.4));
    pool = new ReadPool(store.location, 2);
    await pool.ready();
  });
  afterAll(async () => {
    await pool?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers series and analyses as the server thread does, for several requests at once', async () => {
    const here = inProcessReads(store);
    const requests = [
      { dyad: 'USA-PRK' },
      { dyad: 'PRK-USA', resolution: 'month' as const },
      { dyad: 'USA-PRK', from: '2018-02-07', to: '2018-09-19' },
      { dyad: 'USA-PRK', resolution: 'day' as const, to: '2018-03-01' },
    ];
    const pooled = await Promise.all(requests.map((request) => pool.seriesJson(request)));
    for (const [i, request] of requests.entries()) {
      expect(Buffer.from(pooled[i] as Uint8Array).toString()).toBe(
        Buffer.from(await here.seriesJson(request)).toString(),
      );
    }
    const analysis = await pool.analysis({ dyad: 'USA-PRK', from: '2018-01-01', to: '2018-03-31' });
    expect(analysis).toEqual(await here.analysis({ dyad: 'USA-PRK', from: '2018-01-01', to: '2018-03-31' }));
    expect(analysis.basis).toBe('events');
  });

  it('answers event pages, text searches included, as the server thread does', async () => {
    const here = inProcessReads(store);
    const queries = [
      { dyad: 'USA-PRK', undirected: true, limit: 50 },
      { dyad: 'PRK-USA', order: 'desc' as const, limit: 20, from: '2018-03-01' },
    ];
    for (const query of queries) {
      expect(Buffer.from(await pool.eventPageJson(query)).toString()).toBe(
        Buffer.from(await here.eventPageJson(query)).toString(),
      );
    }
    const found = JSON.parse(Buffer.from(await pool.eventPageJson({ limit: 5 }, 'threatened')).toString());
    expect(found.items).toHaveLength(5);
    expect(found).toEqual(JSON.parse(Buffer.from(await here.eventPageJson({ limit: 5 }, 'threatened')).toString()));
  });

  it('says so when its workers cannot open the store', async () => {
    const broken = new ReadPool(join(dir, 'missing', 'none.db'), 1);
    await expect(broken.ready()).rejects.toThrow(/read pool: a worker (failed|exited)/);
    await expect(broken.seriesJson({ dyad: 'USA-PRK' })).rejects.toThrow(/read pool/);
    await broken.close();
  });

  it('passes a 404 through as an HttpError', async () => {
    const missing = pool.seriesJson({ dyad: 'RUS-UKR' });
    await expect(missing).rejects.toBeInstanceOf(HttpError);
    await expect(missing).rejects.toMatchObject({ status: 404, message: expect.stringMatching(/no events/) });
  });

  it("sees the server's writes at once, its whole-period memo included", async () => {
    const before = JSON.parse(Buffer.from(await pool.seriesJson({ dyad: 'USA-PRK' })).toString());
    await store.putExternalEvents(usaPrk(300, 'b', -9));
    const after = JSON.parse(Buffer.from(await pool.seriesJson({ dyad: 'USA-PRK' })).toString());
    expect(after.events).toBe(before.events + 300);
    const rearward = (series: { series: { points: { rearward: number }[] } }) =>
      series.series.points.reduce((sum, point) => sum + point.rearward, 0);
    expect(rearward(after)).toBe(rearward(before) + 300);
  });

  it('serves the API: a series through the pool equals one from the server thread', async () => {
    const { app: pooledApp } = testApp(store, { reads: pool });
    const { app: plainApp } = testApp(store);
    for (const path of [
      '/api/dyads/USA-PRK/series?resolution=month',
      '/api/dyads/USA-PRK/state',
      '/api/events?q=panmunjom',
    ]) {
      const [a, b] = await Promise.all([pooledApp.request(path, {}, LOOPBACK), plainApp.request(path, {}, LOOPBACK)]);
      expect(a.status).toBe(200);
      expect(await a.text()).toBe(await b.text());
    }
    expect((await pooledApp.request('/api/dyads/RUS-UKR/series', {}, LOOPBACK)).status).toBe(404);
    const badCursor = await pooledApp.request('/api/events?dyad=USA-PRK&cursor=nonsense', {}, LOOPBACK);
    expect(badCursor.status).toBe(400);
    expect(((await badCursor.json()) as { error: { message: string } }).error.message).toMatch(/cursor/);
  });
});
