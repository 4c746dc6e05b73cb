/**
 * Reading dyads out of the store for ranking and reports. Everything else in `analysis/` takes plain arrays;
 * this is the one adapter that fetches them through the `Store` interface (either implementation): a dyad with
 * few enough events is read event by event (weighted, with evidence to cite), a busier one from the daily
 * roll-up, so a ranking over thousands of dyads never materialises their events.
 */
import type { Store } from '../store/store.js';
import type { AnalysisEvent, DyadSpec } from './analysis-event.js';
import { addDays, dayNumber } from './periods.js';
import { type DyadRanking, rankDyads } from './rank.js';
import { buildDyadSeries, type DyadSeries, seriesFromRollups } from './series.js';

/** Dyads with more events than this in the window are read from the roll-up. */
export const EVENT_READ_LIMIT = 20_000;

/** Every event of an undirected country-level dyad in a range, a page at a time. */
export async function readDyadEvents(
  store: Store,
  a: string,
  b: string,
  from: string,
  to: string,
): Promise<AnalysisEvent[]> {
  const events: AnalysisEvent[] = [];
  let cursor: string | null = null;
  do {
    const page = await store.queryEvents({ dyad: `${a}-${b}`, undirected: true, from, to, limit: 5000, cursor });
    events.push(...page.items);
    cursor = page.next;
  } while (cursor !== null && events.length < EVENT_READ_LIMIT);
  return events;
}

/** The day-resolution series of a dyad over a range, from events when few enough, else from the roll-up. */
export async function readDailySeries(store: Store, dyad: DyadSpec, from: string, to: string): Promise<DyadSeries> {
  const rows = await store.dyadSeries({ dyad: `${dyad.a}-${dyad.b}`, undirected: true, from, to });
  const total = rows.reduce((sum, row) => sum + row.events, 0);
  const options = { dyad, resolution: 'day' as const, from, to };
  if (total <= EVENT_READ_LIMIT) return buildDyadSeries(await readDyadEvents(store, dyad.a, dyad.b, from, to), options);
  return seriesFromRollups(rows, options);
}

export interface StoredRankOptions {
  since: string;
  until: string;
  /** Length of each list (default 10). */
  top?: number;
  /** How many of the busiest dyads to consider (default 200). */
  candidates?: number;
  minReports?: number;
}

/** Ranks the busiest dyads of the window `[since − span, until]` by their change since `since`. */
export async function rankStoredDyads(store: Store, options: StoredRankOptions): Promise<DyadRanking> {
  const span = dayNumber(options.until) - dayNumber(options.since) + 1;
  const from = addDays(options.since, -span);
  const volumes = await store.topDyads({ from, to: options.until, undirected: true, limit: options.candidates ?? 200 });
  const series: DyadSeries[] = [];
  for (const volume of volumes) {
    if (volume.source === volume.target) continue;
    series.push(
      await readDailySeries(store, { a: volume.source, b: volume.target, direction: 'both' }, from, options.until),
    );
  }
  return rankDyads(series, {
    since: options.since,
    until: options.until,
    top: options.top,
    minReports: options.minReports,
  });
}
