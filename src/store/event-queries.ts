/** Read queries over events, the dyad roll-up and actors, written once for both dialects. */
import { decodeCursor, encodeCursor } from './cursor.js';
import type { Dialect, Queryable } from './driver.js';
import { parseDyad } from './dyad-key.js';
import { FIRST_DAY, LAST_DAY, readPeriods, splitByPeriods } from './dyad-periods.js';
import type { WholePeriodReader } from './period-memo.js';
import { EVENT_JSON, EVENT_SELECT, eventFromValues, toActor, toDyadDay } from './rows.js';
import type {
  ActorSeen,
  DyadDay,
  DyadPeriod,
  DyadPeriodQuery,
  DyadSeriesQuery,
  DyadVolume,
  EventQuery,
  Page,
  StoredEvent,
  TopDyadsQuery,
} from './store.js';

const MAX_LIMIT = 10_000;

/** The exclusive upper bound of all strings starting with `prefix` (`USA` → `USB`), for index-friendly ranges. */
function prefixEnd(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

function limitOf(limit: number | undefined, fallback: number): number {
  return Math.max(1, Math.min(MAX_LIMIT, Math.floor(limit ?? fallback)));
}

/** The WHERE clauses of an event query (without the dyad key), the dyad keys and the page size. */
function eventFilters(query: EventQuery): { where: string[]; params: unknown[]; keys: string[]; limit: number } {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, ...values: unknown[]) => {
    where.push(clause);
    params.push(...values);
  };
  const prefix = (column: string, code: string) => add(`(${column} >= ? AND ${column} < ?)`, code, prefixEnd(code));
  /** The dyad keys asked for: one, or two for an undirected dyad (walked apart, see `pageStatement`). */
  let keys: string[] = [];
  if (query.dyad !== undefined) {
    const { source, target } = parseDyad(query.dyad);
    keys = [`${source}-${target}`];
    if (query.undirected && source !== target) keys.push(`${target}-${source}`);
  }
  if (query.actor) {
    const end = prefixEnd(query.actor);
    add('((source >= ? AND source < ?) OR (target >= ? AND target < ?))', query.actor, end, query.actor, end);
  }
  if (query.source) prefix('source', query.source);
  if (query.target) prefix('target', query.target);
  if (query.from) add('date >= ?', query.from);
  if (query.to) add('date <= ?', query.to);
  if (query.doc) add('doc_id = ?', query.doc);
  if (query.origin) add('origin = ?', query.origin);
  if (query.quad !== undefined) add('quad = ?', query.quad);
  if (query.root) add('root = ?', query.root);
  if (query.cameo) add('cameo = ?', query.cameo);
  if (query.plover) add('plover = ?', query.plover);
  if (query.direction) add('direction = ?', query.direction);
  if (query.modality) add('modality = ?', query.modality);
  if (query.negated !== undefined) add('negated = ?', query.negated);
  return { where, params, keys, limit: limitOf(query.limit, 100) };
}

/**
 * The statement of one keyset page, reading `columns` of at most `limit + 1` rows (one more tells whether there is
 * a next page). Pages are ordered by (date, id), so a cursor stays valid while new events arrive. Every page is an
 * ordered walk of an index that stops after `limit + 1` matches:
 * - the cursor is a row-value comparison, `(date, id) > (?, ?)`, which both databases turn into an index range
 *   (the equivalent `date > ? OR (date = ? AND id > ?)` made SQLite scan and sort the dyad's every event);
 * - an undirected dyad is two such walks, one per direction, merged: `dyad_key IN (?, ?)` cannot be read in
 *   (date, id) order from one index, so it was sorted whole (55,000 rows for USA–PRK, 200 ms with a filter). The
 *   walks read only (date, id) from the index, and the page's rows are read once the ids are merged.
 */
function pageStatement(query: EventQuery, columns: string): { sql: string; params: unknown[]; limit: number } {
  const { where, params, keys, limit } = eventFilters(query);
  const descending = query.order === 'desc';
  const direction = descending ? 'DESC' : 'ASC';
  if (query.cursor) {
    const [date, id] = decodeCursor(query.cursor);
    where.push(`(date, id) ${descending ? '<' : '>'} (?, ?)`);
    params.push(date, id);
  }
  const sorted = `ORDER BY date ${direction}, id ${direction}`;
  const walk = (select: string, dyad: boolean) => {
    const clauses = dyad ? ['dyad_key = ?', ...where] : where;
    return `SELECT ${select} FROM events${clauses.length ? ` WHERE ${clauses.join(' AND ')}` : ''} ${sorted} LIMIT ?`;
  };
  if (keys.length === 2) {
    return {
      sql: `SELECT ${columns} FROM events WHERE id IN (SELECT id FROM (SELECT * FROM (${walk('date, id', true)}) AS one
           UNION ALL SELECT * FROM (${walk('date, id', true)}) AS other ${sorted} LIMIT ?) AS page) ${sorted}`,
      params: [keys[0], ...params, limit + 1, keys[1], ...params, limit + 1, limit + 1],
      limit,
    };
  }
  if ((query.actor || query.source || query.target) && keys.length === 0) {
    // A code prefix is a range of an actor index (an actor: of both), whose matches SQLite sorts by date: sorting
    // whole rows of a busy actor (USA: 0.48 s at 1 M events) cost ten times sorting (date, id) and then reading
    // the page's rows.
    return {
      sql: `SELECT ${columns} FROM events WHERE id IN (SELECT id FROM (${walk('id', false)}) AS page) ${sorted}`,
      params: [...params, limit + 1],
      limit,
    };
  }
  return { sql: walk(columns, keys.length === 1), params: [...keys, ...params, limit + 1], limit };
}

/** See `Store.queryEvents`; keyset pages as `pageStatement` reads them, or ids above `afterId`. */
export async function queryEvents(db: Queryable, query: EventQuery = {}): Promise<Page<StoredEvent>> {
  if (query.afterId !== undefined) {
    const { where, params, keys, limit } = eventFilters(query);
    if (keys.length > 0) {
      where.unshift(`dyad_key IN (${keys.map(() => '?').join(', ')})`);
      params.unshift(...keys);
    }
    where.push('id > ?');
    params.push(query.afterId);
    const direction = query.order === 'desc' ? 'DESC' : 'ASC';
    const sql = `SELECT ${EVENT_SELECT} FROM events WHERE ${where.join(' AND ')} ORDER BY id ${direction} LIMIT ?`;
    return { items: (await db.values(sql, [...params, limit])).map(eventFromValues), next: null };
  }
  // Rows as arrays: a page of a thousand wide rows costs half as much without an object per row.
  const { sql, params, limit } = pageStatement(query, EVENT_SELECT);
  const rows = await db.values(sql, params);
  const items = rows.slice(0, limit).map(eventFromValues);
  const last = items[items.length - 1];
  return { items, next: rows.length > limit && last !== undefined ? encodeCursor([last.date, last.id]) : null };
}

/**
 * See `Store.queryEventsJson`. On SQLite each row leaves the database as its JSON text (`EVENT_JSON`): turning 28
 * columns into JavaScript values was most of a page's cost, and the page's JSON is then joined, not serialised
 * (a page of 76 events: ~0.2 ms instead of ~0.7–1 ms). Elsewhere it is `queryEvents` serialised.
 */
export async function queryEventsJson(db: Queryable, query: EventQuery = {}): Promise<string> {
  if (db.dialect !== 'sqlite' || query.afterId !== undefined) return JSON.stringify(await queryEvents(db, query));
  const { sql, params, limit } = pageStatement(query, `date, id, ${EVENT_JSON}`);
  const rows = await db.values(sql, params);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const next = rows.length > limit && last !== undefined ? encodeCursor([String(last[0]), Number(last[1])]) : null;
  return `{"items":[${page.map((row) => row[2]).join(',')}],"next":${JSON.stringify(next)}}`;
}

/** The roll-up's counts, without the dyad's own source and target (a caller asking for one dyad knows them). */
const COLUMNS = 'events, quad1, quad2, quad3, quad4, goldstein_sum, forward, rearward, neutral';

const SUMS = `SUM(events) AS events, SUM(quad1) AS quad1, SUM(quad2) AS quad2, SUM(quad3) AS quad3,
  SUM(quad4) AS quad4, SUM(goldstein_sum) AS goldstein_sum, SUM(forward) AS forward, SUM(rearward) AS rearward,
  SUM(neutral) AS neutral`;

/** A roll-up row read as values in the order `day, ${COLUMNS}` (what `toDyadDay` makes of the same row). */
function dyadDayOfValues(values: readonly unknown[]): DyadDay {
  const events = Number(values[1] ?? 0);
  const goldsteinSum = Number(values[6] ?? 0);
  return {
    day: String(values[0] ?? ''),
    events,
    quad: [Number(values[2] ?? 0), Number(values[3] ?? 0), Number(values[4] ?? 0), Number(values[5] ?? 0)],
    goldsteinSum,
    goldsteinMean: events === 0 ? 0 : goldsteinSum / events,
    forward: Number(values[7] ?? 0),
    rearward: Number(values[8] ?? 0),
    neutral: Number(values[9] ?? 0),
  };
}

/** See `Store.dyadSeries`: one row per day that has events, read from the roll-up only. */
export async function dyadSeries(db: Queryable, query: DyadSeriesQuery): Promise<DyadDay[]> {
  const { source, target } = parseDyad(query.dyad);
  const from = query.from ?? FIRST_DAY;
  const to = query.to ?? LAST_DAY;
  if (!query.undirected || source === target) {
    const sql = `SELECT day, ${COLUMNS} FROM dyad_daily WHERE source = ? AND target = ? AND day >= ? AND day <= ? ORDER BY day`;
    const params = [source, target, from, to];
    // Ten years of a dyad are ~3,650 rows: read as arrays, with no object per row to build.
    return (await db.values(sql, params)).map(dyadDayOfValues);
  }
  const rows = await db.all(
    `SELECT day, ${SUMS} FROM dyad_daily
     WHERE ((source = ? AND target = ?) OR (source = ? AND target = ?)) AND day >= ? AND day <= ?
     GROUP BY day ORDER BY day`,
    [source, target, target, source, from, to],
  );
  return rows.map(toDyadDay);
}

const DAY_COLUMNS = 'day, events, quad1, quad2, quad3, quad4, goldstein_sum, forward, rearward, neutral';

/**
 * The period a roll-up day falls in, as an SQL expression over `day`: weeks start on Monday (the series' ISO
 * weeks), numbered from the Monday before 1970-01-01 (day -3) and shifted by 150,000 weeks so the
 * integer division never sees a negative number.
 */
function periodOf(dialect: Dialect, resolution: DyadPeriodQuery['resolution']): string {
  if (resolution === 'day') return 'day';
  if (resolution === 'month') return 'SUBSTR(day, 1, 7)';
  const epochDay =
    dialect === 'sqlite'
      ? 'CAST(julianday(SUBSTR(day, 1, 10)) - 2440587.5 AS INTEGER)'
      : "(CAST(SUBSTR(day, 1, 10) AS DATE) - DATE '1970-01-01')";
  return `((${epochDay} + 1050003) / 7)`;
}

/** `dyadPeriods` summed from the daily roll-up: any direction, resolution and range. */
async function periodsFromDays(db: Queryable, dialect: Dialect, query: DyadPeriodQuery): Promise<DyadPeriod[]> {
  const { source, target } = parseDyad(query.dyad);
  const from = query.from ?? FIRST_DAY;
  const to = query.to ?? LAST_DAY;
  const one = `SELECT ${DAY_COLUMNS} FROM dyad_daily WHERE source = ? AND target = ? AND day >= ? AND day <= ?`;
  const both = !query.undirected || source === target ? one : `${one} UNION ALL ${one}`;
  const params = both === one ? [source, target, from, to] : [source, target, from, to, target, source, from, to];
  const rows = await db.all(
    `SELECT MIN(day) AS day, MAX(day) AS last_day, SUM(events) AS events, SUM(quad1) AS quad1, SUM(quad2) AS quad2,
       SUM(quad3) AS quad3, SUM(quad4) AS quad4, SUM(goldstein_sum) AS goldstein_sum,
       SUM(CASE WHEN goldstein_sum > 0 THEN goldstein_sum ELSE 0 END) AS cooperative,
       SUM(CASE WHEN goldstein_sum > 0 THEN 0 ELSE -goldstein_sum END) AS conflictual,
       SUM(forward) AS forward, SUM(rearward) AS rearward, SUM(neutral) AS neutral
     FROM (SELECT day, ${SUMS} FROM (${both}) AS directed GROUP BY day) AS days
     GROUP BY ${periodOf(dialect, query.resolution)} ORDER BY MIN(day)`,
    params,
  );
  return rows.map((row) => {
    const { goldsteinMean: _mean, ...day } = toDyadDay(row);
    return {
      ...day,
      lastDay: String(row.last_day),
      cooperative: Number(row.cooperative ?? 0),
      conflictual: Number(row.conflictual ?? 0),
    };
  });
}

/**
 * See `Store.dyadPeriods`. Undirected weeks and months come from the per-period roll-up (`dyad-periods.ts`): the
 * whole periods in the range are its rows; a period the range cuts (a `from` after its first day, a `to` before
 * its last) is summed from the daily roll-up of the days in range. Directed and daily queries sum the daily roll-up:
 * the inner query sums each day over the direction(s) asked for (primary-key range scans), the outer one sums the
 * days per period and splits them by the sign of their Goldstein sum.
 */
export async function dyadPeriods(
  db: Queryable,
  dialect: Dialect,
  query: DyadPeriodQuery,
  readWhole: WholePeriodReader = (...args) => readPeriods(db, ...args),
): Promise<DyadPeriod[]> {
  const { resolution } = query;
  if (!query.undirected || resolution === 'day') return periodsFromDays(db, dialect, query);
  const { source, target } = parseDyad(query.dyad);
  const [sideA, sideB] = source <= target ? [source, target] : [target, source];
  const { head, whole, tail } = splitByPeriods(query.from, query.to, resolution);
  const days = async (range: [string, string] | null) =>
    range === null ? [] : periodsFromDays(db, dialect, { ...query, from: range[0], to: range[1] });
  const before = await days(head);
  const inside = whole === null ? [] : await readWhole(sideA, sideB, resolution, whole[0], whole[1]);
  return [...before, ...inside, ...(await days(tail))];
}

const ROLLUP_COLUMNS = 'events, quad1, quad2, quad3, quad4, goldstein_sum, forward, rearward, neutral';
const PAIR_A = 'CASE WHEN source <= target THEN source ELSE target END';
const PAIR_B = 'CASE WHEN source <= target THEN target ELSE source END';

/**
 * The undirected pairs' sums over a range, as rows to group: whole calendar months from the per-period roll-up
 * (`dyad_periods`, some 120 rows a pair for ten years) and the days of a month the range cuts from the daily one.
 * Summing every daily row instead took 1.5 s at 1 M events (686,000 rows), for the live page's busiest dyads.
 */
function pairRowsSql(query: TopDyadsQuery): { sql: string; params: unknown[] } {
  const days = `SELECT ${PAIR_A} AS side_a, ${PAIR_B} AS side_b, ${ROLLUP_COLUMNS} FROM dyad_daily WHERE day >= ? AND day <= ?`;
  const months = `SELECT side_a, side_b, ${ROLLUP_COLUMNS} FROM dyad_periods WHERE resolution = 'month' AND start >= ? AND start <= ?`;
  const split = splitByPeriods(query.from, query.to, 'month');
  const parts: string[] = [];
  const params: unknown[] = [];
  for (const [sql, range] of [
    [days, split.head],
    [months, split.whole],
    [days, split.tail],
  ] as const) {
    if (range === null) continue;
    parts.push(sql);
    params.push(...range);
  }
  return { sql: parts.join(' UNION ALL '), params };
}

/** See `Store.topDyads`. */
export async function topDyads(db: Queryable, query: TopDyadsQuery = {}): Promise<DyadVolume[]> {
  const limit = limitOf(query.limit, 20);
  const order = 'ORDER BY SUM(events) DESC, side_a, side_b LIMIT ?';
  let rows: Record<string, unknown>[];
  if (query.undirected) {
    const pairs = pairRowsSql(query);
    rows = await db.all<Record<string, unknown>>(
      `SELECT side_a, side_b, ${SUMS} FROM (${pairs.sql}) AS pair_rows GROUP BY side_a, side_b ${order}`,
      [...pairs.params, limit],
    );
  } else {
    rows = await db.all<Record<string, unknown>>(
      `SELECT source AS side_a, target AS side_b, ${SUMS} FROM dyad_daily
       WHERE day >= ? AND day <= ? GROUP BY source, target ${order}`,
      [query.from ?? FIRST_DAY, query.to ?? LAST_DAY, limit],
    );
  }
  return rows.map((row) => {
    const day = toDyadDay(row);
    const source = String(row.side_a);
    const target = String(row.side_b);
    return {
      dyad: `${source}-${target}`,
      source,
      target,
      events: day.events,
      goldsteinMean: day.goldsteinMean,
      forward: day.forward,
      rearward: day.rearward,
      neutral: day.neutral,
    };
  });
}

/** See `Store.searchActors`: codes starting with the text, or labels containing it, most frequent first. */
export async function searchActors(db: Queryable, text: string, limit = 20): Promise<ActorSeen[]> {
  const code = text.trim().toUpperCase();
  if (code === '') {
    const rows = await db.all('SELECT * FROM actors ORDER BY events DESC, code LIMIT ?', [limitOf(limit, 20)]);
    return rows.map(toActor);
  }
  const rows = await db.all(
    `SELECT * FROM actors WHERE (code >= ? AND code < ?) OR LOWER(label) LIKE ? ORDER BY events DESC, code LIMIT ?`,
    [code, prefixEnd(code), `%${text.trim().toLowerCase().replace(/[%_]/g, '')}%`, limitOf(limit, 20)],
  );
  return rows.map(toActor);
}
