/**
 * The analysis of one dyad as the API serves it. A dyad with few enough events is analysed from its events
 * (modality-weighted, movements cite their evidence); a busier one from the store's daily roll-ups, so even ten
 * years of a busy dyad never have to be read event by event. Results are cached until their dyad pair's data
 * changes (`AnalysisCache`).
 */
import { type AnalysisEvent, analyseDyad, analyseDyadRollups, type DyadAnalysis } from '../analysis/index.js';
import { dayNumber, nominalDays, type Resolution } from '../analysis/periods.js';
import { buildDyadSeries, type DyadSeries, seriesFromPeriodRollups } from '../analysis/series.js';
import { dyadSide } from '../store/dyad-key.js';
import type { Store, StoredEvent } from '../store/store.js';
import { badRequest, notFound } from './http-error.js';

/** Dyads with more events than this are analysed from roll-ups. */
export const EVENT_ANALYSIS_LIMIT = 5_000;

/**
 * The series alone (`/series`) is built from events only up to this many: reading and de-duplicating events costs
 * some 50 µs each, so a whole-range series of a dyad with 5,000 events took 300 ms, while the roll-up answers any
 * range in a few milliseconds (see docs/api.md).
 */
export const SERIES_EVENT_LIMIT = 1_000;

/**
 * The most points a series may have (a query-cost limit): 20,000 is 54 years of days, four centuries of weeks.
 * Without it, `from=0001-01-01&resolution=day` made a read thread build and analyse 740,000 days.
 */
export const MAX_SERIES_POINTS = 20_000;

/** Refuses (400) a range that would make a series longer than `MAX_SERIES_POINTS`. */
function checkSeriesLength(from: string, to: string, resolution: Resolution): void {
  const points = Math.floor((dayNumber(to) - dayNumber(from)) / nominalDays(resolution)) + 1;
  if (points <= MAX_SERIES_POINTS) return;
  const unit = resolution === 'day' ? 'days' : `${resolution}s`;
  const coarser =
    resolution === 'day' ? ' or ask for weeks or months' : resolution === 'week' ? ' or ask for months' : '';
  throw badRequest(
    `${from} to ${to} is about ${points.toLocaleString('en')} ${unit}; a series has at most ${MAX_SERIES_POINTS.toLocaleString('en')} points: narrow from and to${coarser}`,
  );
}

export interface DyadAnalysisRequest {
  /** `A-B`, country level (`USA-PRK`). */
  dyad: string;
  from?: string | undefined;
  to?: string | undefined;
  resolution?: Resolution | undefined;
}

export interface ServedDyadAnalysis {
  dyad: string;
  a: string;
  b: string;
  /** `events` (weighted, with evidence) or `rollups` (daily sums). */
  basis: 'events' | 'rollups';
  events: number;
  analysis: DyadAnalysis;
}

export function splitDyad(dyad: string): { a: string; b: string } {
  const [a = '', b = ''] = dyad.split('-');
  return { a, b };
}

/** Every event of the dyad (both directions) in the range, read a page at a time. */
export async function dyadEvents(
  store: Store,
  dyad: string,
  from?: string,
  to?: string,
  limit = EVENT_ANALYSIS_LIMIT,
): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  let cursor: string | null = null;
  do {
    const page = await store.queryEvents({
      dyad,
      undirected: true,
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      limit: 5000,
      cursor,
    });
    events.push(...page.items);
    cursor = events.length >= limit ? null : page.next;
  } while (cursor !== null);
  return events;
}

/** The analysis of events already in hand (used to compare a dyad before and after a document). */
export function analyseEvents(events: readonly AnalysisEvent[], dyad: string, resolution: Resolution = 'week') {
  const { a, b } = splitDyad(dyad);
  return analyseDyad(events, { a, b, resolution });
}

/** Loads and analyses a dyad; 404 when it has no events in the range. */
export async function loadDyadAnalysis(store: Store, request: DyadAnalysisRequest): Promise<ServedDyadAnalysis> {
  const { a, b } = splitDyad(request.dyad);
  const range = { ...(request.from ? { from: request.from } : {}), ...(request.to ? { to: request.to } : {}) };
  const both = await store.dyadSeries({ dyad: request.dyad, undirected: true, ...range });
  const total = both.reduce((sum, day) => sum + day.events, 0);
  if (total === 0)
    throw notFound(`no events for dyad ${request.dyad}${request.from || request.to ? ' in that range' : ''}`);
  const options = { a, b, ...range, resolution: request.resolution ?? 'week' };
  checkSeriesLength(
    request.from ?? both[0]?.day ?? '',
    request.to ?? both[both.length - 1]?.day ?? '',
    options.resolution,
  );
  if (total <= EVENT_ANALYSIS_LIMIT) {
    const events = await dyadEvents(store, request.dyad, request.from, request.to);
    return { dyad: request.dyad, a, b, basis: 'events', events: events.length, analysis: analyseDyad(events, options) };
  }
  const [aToB, bToA] = await Promise.all([
    store.dyadSeries({ dyad: `${a}-${b}`, ...range }),
    store.dyadSeries({ dyad: `${b}-${a}`, ...range }),
  ]);
  return {
    dyad: request.dyad,
    a,
    b,
    basis: 'rollups',
    events: total,
    analysis: analyseDyadRollups({ both, aToB, bToA }, options),
  };
}

/** The cache tag of a dyad's undirected pair at country level: `PRK-USA` for `USA-PRK`, `PRKGOV-USA` and `PRK-USA`. */
export function pairTag(source: string, target: string): string {
  const [a, b] = [dyadSide(source), dyadSide(target)].sort();
  return `${a}-${b}`;
}

/** The pairs a set of events belongs to (what a write of them changes). */
export function eventPairTags(events: readonly { source: string; target: string }[]): string[] {
  return [...new Set(events.map((event) => pairTag(event.source, event.target)))];
}

/** What an answer that is not bytes or text is counted as in the cache's byte budget (a busy dyad's analysis). */
const OBJECT_BYTES = 256 * 1024;

/** An answer's size for the byte budget: UTF-8 answers by their length, text at two bytes a character. */
function answerBytes(value: unknown): number {
  if (value instanceof Uint8Array) return value.byteLength;
  if (typeof value === 'string') return 2 * value.length;
  return OBJECT_BYTES;
}

interface CacheEntry<T> {
  at: number;
  value: Promise<T>;
  pairs: readonly string[] | null;
  /** Counted in the byte budget once the answer is in. */
  bytes: number;
}

/**
 * A cache of read answers. An answer that depends on one dyad's pair is tagged with it (`pairTag`), so a write
 * drops only the answers of the pairs it touched (`invalidate(pairs)`) and every untagged answer (lists over all
 * dyads, event pages without a dyad); a write the server cannot attribute drops everything (`invalidate()`). When
 * the store can tell that another process committed (`Store.changeMark`, SQLite), everything is dropped then, and
 * an answer otherwise stays valid until the data changes, with `stableTtlMs` only as a backstop; where it cannot
 * (PostgreSQL, where workers and CLI imports write unannounced) an answer lives `ttlMs`. Past `maxEntries` answers
 * or `maxBytes`, the least recently used go first (a Map keeps insertion order; a hit moves its answer last).
 */
export class AnalysisCache<T> {
  #entries = new Map<string, CacheEntry<T>>();
  #bytes = 0;
  #mark: number | null = null;
  /** Bumped by every invalidation (tests and the bench read it). */
  generation = 0;
  /** Lookups answered from the cache and lookups that computed (the API benchmark reports the hit rate). */
  hits = 0;
  misses = 0;

  constructor(
    readonly ttlMs = 5000,
    readonly maxEntries = 500,
    readonly changeMark: (() => Promise<number | null>) | null = null,
    readonly stableTtlMs = 600_000,
    readonly maxBytes = 256 * 1024 * 1024,
  ) {}

  /** Bytes the cached answers hold (as `answerBytes` counts them). */
  get bytes(): number {
    return this.#bytes;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The cached answer for `key`, or `compute`'s, kept under the pairs it depends on (null: depends on all). */
  async get(key: string, compute: () => Promise<T>, pairs: readonly string[] | null = null): Promise<T> {
    const mark = this.changeMark === null ? null : await this.changeMark();
    if (mark !== this.#mark) {
      if (this.#mark !== null) this.invalidate();
      this.#mark = mark;
    }
    const ttl = mark === null ? this.ttlMs : this.stableTtlMs;
    const hit = this.#entries.get(key);
    if (hit && performance.now() - hit.at < ttl) {
      this.hits++;
      this.#entries.delete(key);
      this.#entries.set(key, hit);
      return hit.value;
    }
    this.misses++;
    if (hit) this.#drop(key, hit);
    const value = compute();
    const entry: CacheEntry<T> = { at: performance.now(), value, pairs, bytes: 0 };
    this.#entries.set(key, entry);
    // A failed computation is forgotten (unless a newer one replaced it meanwhile).
    value.then(
      (answer) => {
        if (this.#entries.get(key) !== entry) return;
        entry.bytes = answerBytes(answer);
        this.#bytes += entry.bytes;
        this.#evict();
      },
      () => {
        if (this.#entries.get(key) === entry) this.#drop(key, entry);
      },
    );
    this.#evict();
    return value;
  }

  /**
   * Drops the answers of these pairs and every untagged answer, or everything without `pairs`. An answer being
   * computed is dropped too, so a read that started before the write is not kept.
   */
  invalidate(pairs?: Iterable<string> | null): void {
    this.generation++;
    if (pairs === undefined || pairs === null) {
      this.#entries.clear();
      this.#bytes = 0;
      return;
    }
    const touched = new Set(pairs);
    for (const [key, entry] of this.#entries) {
      if (entry.pairs === null || entry.pairs.some((pair) => touched.has(pair))) this.#drop(key, entry);
    }
  }

  #drop(key: string, entry: CacheEntry<T>): void {
    this.#entries.delete(key);
    this.#bytes -= entry.bytes;
  }

  /** Drops least recently used answers until both limits hold. */
  #evict(): void {
    while (this.#entries.size > this.maxEntries || this.#bytes > this.maxBytes) {
      const oldest = this.#entries.entries().next().value;
      if (oldest === undefined) return;
      this.#drop(oldest[0], oldest[1]);
    }
  }
}

/**
 * Only the undirected series (no change points, no reciprocity): what the chart and `/series` need, cheaply. The
 * database sums the roll-up per period (`Store.dyadPeriods`), so ten years of a busy dyad are some 500 weekly rows.
 */
export async function loadDyadSeries(
  store: Store,
  request: DyadAnalysisRequest,
): Promise<{ dyad: string; a: string; b: string; basis: 'events' | 'rollups'; events: number; series: DyadSeries }> {
  const { a, b } = splitDyad(request.dyad);
  const range = { ...(request.from ? { from: request.from } : {}), ...(request.to ? { to: request.to } : {}) };
  const resolution = request.resolution ?? 'week';
  // Daily roll-up rows are already days; coarser periods are summed by the database.
  const periods =
    resolution === 'day'
      ? (await store.dyadSeries({ dyad: request.dyad, undirected: true, ...range })).map((day) => ({
          ...day,
          lastDay: day.day,
          cooperative: Math.max(0, day.goldsteinSum),
          conflictual: Math.max(0, -day.goldsteinSum),
        }))
      : await store.dyadPeriods({ dyad: request.dyad, undirected: true, resolution, ...range });
  const total = periods.reduce((sum, period) => sum + period.events, 0);
  if (total === 0)
    throw notFound(`no events for dyad ${request.dyad}${request.from || request.to ? ' in that range' : ''}`);
  // Without a range the series runs from the first to the last day with events, as it would from daily rows
  // (periods do not overlap and come in order, so the last one holds the last day).
  const first = periods[0]?.day ?? '';
  const last = periods[periods.length - 1]?.lastDay ?? first;
  checkSeriesLength(request.from ?? first, request.to ?? last, resolution);
  const options = { ...range, dyad: { a, b, direction: 'both' as const }, resolution };
  if (total <= SERIES_EVENT_LIMIT) {
    const events = await dyadEvents(store, request.dyad, request.from, request.to);
    return {
      dyad: request.dyad,
      a,
      b,
      basis: 'events',
      events: events.length,
      series: buildDyadSeries(events, options),
    };
  }
  const bounded = { ...options, from: request.from ?? first, to: request.to ?? last };
  return {
    dyad: request.dyad,
    a,
    b,
    basis: 'rollups',
    events: total,
    series: seriesFromPeriodRollups(periods, bounded),
  };
}
