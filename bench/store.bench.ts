/**
 * Dyad roll-up queries at scale: one dyad's daily series over ten years when the store holds about 10 million
 * events (DYADWATCH_BENCH_EVENTS to change), p50 and p95, on SQLite (target p95 < 50 ms) and on PostgreSQL when
 * DATABASE_URL is set. The roll-up rows those events would produce are generated straight into `dyad_daily`
 * (400 directed dyads × 3,653 days); the baseline is the same rows read with a bare prepared statement, so the
 * ratio is what the Store layer adds. Set DYADWATCH_BENCH_EVENT_ROWS=1 to also write the 10 million event rows
 * themselves (SQLite, several minutes, ~3 GB) and time the same series computed from `events`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openPostgresStore } from '../src/store/postgres/postgres-store.js';
import type { SqlStore } from '../src/store/sql-store.js';
import type { SqliteDriver } from '../src/store/sqlite/sqlite-driver.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { Store } from '../src/store/store.js';

const COUNTRIES = Array.from(
  { length: 20 },
  (_, i) => `C${String.fromCharCode(65 + i)}${String.fromCharCode(65 + ((i * 7) % 26))}`,
);
const DYADS = COUNTRIES.flatMap((a) => COUNTRIES.filter((b) => b !== a).map((b) => [a, b] as const)).slice(0, 400);
const FIRST = Date.UTC(2015, 0, 1);
const DAYS = 3653;

function day(n: number): string {
  return new Date(FIRST + n * 86_400_000).toISOString().slice(0, 10);
}

/** Deterministic events per (dyad, day): busy dyads busier, mean chosen to reach the wanted total. */
function eventsFor(dyad: number, dayIndex: number, mean: number): number {
  const weight = 2 / (1 + dyad / 40);
  const noise = ((dyad * 2654435761 + dayIndex * 40503) >>> 0) % 1000;
  return Math.max(0, Math.round(mean * weight * (0.5 + noise / 1000)));
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function time(runs: number, work: (i: number) => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 5; i++) await work(i);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work(i);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

function meanForTotal(total: number): number {
  let units = 0;
  for (let d = 0; d < DYADS.length; d++) for (let t = 0; t < DAYS; t += 7) units += eventsFor(d, t, 100) / 100;
  return total / (units * 7);
}

async function fillSqlite(store: Store, mean: number): Promise<number> {
  const { db } = (store as SqlStore).driver as SqliteDriver;
  const insert = db.prepare(
    'INSERT INTO dyad_daily (source, target, day, events, quad1, quad2, quad3, quad4, goldstein_sum, forward, rearward, neutral) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  let total = 0;
  const fill = db.transaction((from: number, to: number) => {
    for (let d = from; d < to; d++) {
      const [source, target] = DYADS[d] as readonly [string, string];
      for (let t = 0; t < DAYS; t++) {
        const n = eventsFor(d, t, mean);
        if (n === 0) continue;
        const q = [Math.round(n * 0.4), Math.round(n * 0.2), Math.round(n * 0.25)];
        const q4 = n - (q[0] ?? 0) - (q[1] ?? 0) - (q[2] ?? 0);
        insert.run(
          source,
          target,
          day(t),
          n,
          q[0],
          q[1],
          q[2],
          q4,
          n * 0.8,
          Math.round(n * 0.55),
          Math.round(n * 0.35),
          n - Math.round(n * 0.55) - Math.round(n * 0.35),
        );
        total += n;
      }
    }
  });
  for (let d = 0; d < DYADS.length; d += 50) fill(d, Math.min(DYADS.length, d + 50));
  return total;
}

async function fillPostgres(store: Store, mean: number): Promise<number> {
  const { driver } = store as SqlStore;
  const rows = DYADS.map(([source, target], d) => [source, target, d]);
  await driver.exec('CREATE TEMP TABLE IF NOT EXISTS bench_dyads (source TEXT, target TEXT, n INTEGER)');
  await driver.insertMany('bench_dyads', ['source', 'target', 'n'], rows);
  // The same deterministic counts as SQLite, computed by the server so 1.4 million rows need no round trips.
  await driver.run(
    `INSERT INTO dyad_daily (source, target, day, events, quad1, quad2, quad3, quad4, goldstein_sum, forward, rearward, neutral)
     SELECT source, target, day, n, round(n * 0.4), round(n * 0.2), round(n * 0.25), n - round(n * 0.4) - round(n * 0.2) - round(n * 0.25),
            n * 0.8, round(n * 0.55), round(n * 0.35), n - round(n * 0.55) - round(n * 0.35)
     FROM (SELECT d.source, d.target, to_char(DATE '2015-01-01' + t, 'YYYY-MM-DD') AS day,
                  greatest(0, round(? * (2.0 / (1 + d.n / 40.0)) * (0.5 + (((d.n::bigint * 2654435761 + t::bigint * 40503) % 4294967296) % 1000) / 1000.0)))::int AS n
           FROM bench_dyads d CROSS JOIN generate_series(0, ${DAYS - 1}) AS t) g WHERE n > 0`,
    [mean],
  );
  await driver.exec('ANALYZE dyad_daily');
  const [row] = await driver.all<{ total: number }>('SELECT SUM(events) AS total FROM dyad_daily');
  return Number(row?.total ?? 0);
}

async function measure(label: string, store: Store, baseline: (source: string, target: string) => Promise<unknown>) {
  const pick = (i: number) => DYADS[(i * 37) % DYADS.length] as readonly [string, string];
  const base = await time(200, (i) => baseline(...pick(i)));
  const directed = await time(200, (i) =>
    store.dyadSeries({ dyad: pick(i).join('-'), from: '2015-01-01', to: '2024-12-31' }),
  );
  const undirected = await time(200, (i) => store.dyadSeries({ dyad: pick(i).join('-'), undirected: true }));
  const top = await time(20, (i) =>
    store.topDyads({ from: `${2015 + (i % 10)}-01-01`, to: `${2015 + (i % 10)}-12-31` }),
  );
  const ms = (v: number) => `${v.toFixed(2)} ms`;
  console.log(
    `${label}: dyad series, 10 years, directed   p50 ${ms(directed.p50)}  p95 ${ms(directed.p95)}  (bare statement p50 ${ms(base.p50)}, ratio ${(base.p50 / directed.p50).toFixed(2)})`,
  );
  console.log(`${label}: dyad series, 10 years, undirected p50 ${ms(undirected.p50)}  p95 ${ms(undirected.p95)}`);
  console.log(`${label}: top 20 dyads of one year          p50 ${ms(top.p50)}  p95 ${ms(top.p95)}`);
  return directed;
}

export async function run(): Promise<void> {
  const wanted = Number(process.env.DYADWATCH_BENCH_EVENTS ?? 10_000_000);
  const mean = meanForTotal(wanted);
  const dir = mkdtempSync(join(tmpdir(), 'dyadwatch-store-bench-'));
  try {
    const store = await openSqliteStore(join(dir, 'bench.db'));
    let started = performance.now();
    const total = await fillSqlite(store, mean);
    const stats = await store.stats();
    console.log(
      `SQLite: ${stats.dyadDays} roll-up rows for ${total.toLocaleString('en')} events (${DYADS.length} dyads × ${DAYS} days), generated in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const { db } = (store as SqlStore).driver as SqliteDriver;
    const bare = db.prepare(
      'SELECT * FROM dyad_daily WHERE source = ? AND target = ? AND day >= ? AND day <= ? ORDER BY day',
    );
    const directed = await measure('SQLite', store, async (s, t) => bare.all(s, t, '2015-01-01', '2024-12-31'));
    console.log(
      `SQLite: p95 ${directed.p95.toFixed(2)} ms against the 50 ms target: ${directed.p95 < 50 ? 'met' : 'NOT met'}`,
    );
    if (process.env.DYADWATCH_BENCH_EVENT_ROWS === '1') {
      started = performance.now();
      db.exec(`WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${total - 1})
        INSERT INTO events (date, source, source_text, target, target_text, cameo, cameo_name, root, quad, goldstein, plover,
          direction, negated, conditional, modality, evidence, coder, confidence, origin, dyad_key)
        SELECT date('2015-01-01', '+' || (i % ${DAYS}) || ' days'), 'CAA', '', 'CBH', '', '042', '', '04', 1, 1.9, 'CONSULT',
          'forward', 0, 0, 'asserted', '', 'bench', 1, 'coded', 'C' || char(65 + (i / ${DAYS}) % 20) || 'A-CBH' FROM n`);
      console.log(
        `SQLite: ${total.toLocaleString('en')} event rows written in ${((performance.now() - started) / 1000).toFixed(0)} s`,
      );
      const fromEvents = await time(20, async () =>
        db.prepare("SELECT date, COUNT(*) FROM events WHERE dyad_key = 'CAA-CBH' GROUP BY date ORDER BY date").all(),
      );
      console.log(
        `SQLite: same series from the events table p50 ${fromEvents.p50.toFixed(1)} ms p95 ${fromEvents.p95.toFixed(1)} ms`,
      );
    } else {
      console.log(
        'SQLite: event rows themselves not written (set DYADWATCH_BENCH_EVENT_ROWS=1; several minutes, ~3 GB)',
      );
    }
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const url = process.env.DATABASE_URL;
  if (!url) {
    console.log('PostgreSQL: SKIPPED (DATABASE_URL not set)');
    return;
  }
  const schema = `bench_store_${process.pid}`;
  const store = await openPostgresStore({ connectionString: url, schema });
  try {
    const started = performance.now();
    const total = await fillPostgres(store, mean);
    console.log(
      `PostgreSQL: roll-up rows for ${total.toLocaleString('en')} events generated in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const { driver } = store as SqlStore;
    await measure('PostgreSQL', store, (s, t) =>
      driver.all('SELECT * FROM dyad_daily WHERE source = ? AND target = ? AND day >= ? AND day <= ? ORDER BY day', [
        s,
        t,
        '2015-01-01',
        '2024-12-31',
      ]),
    );
  } finally {
    await store.close();
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  }
}
