/**
 * Dyad analysis at scale (issue 4's target: series + movements + reciprocity for one dyad over 10 years of daily
 * data at 10 million stored events, under 100 ms on SQLite).
 *
 * Fills a temporary SQLite store's daily roll-up with the rows 10 million events would produce (400 directed
 * dyads × 3,653 days, deterministic counts; DYADWATCH_BENCH_EVENTS to change the total), then times, for one
 * undirected dyad: reading its two directed roll-up series (A→B, B→A; the undirected one is their sum) and
 * running `analyseDyadRollups` (series at week resolution, movements on the daily series, state, reciprocity,
 * patterns). The baseline, measured in the same run, is the two roll-up reads alone: the ratio says what the
 * analysis adds to the reads it cannot avoid.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyseDyadRollups } from '../src/analysis/index.js';
import type { SqlStore } from '../src/store/sql-store.js';
import type { SqliteDriver } from '../src/store/sqlite/sqlite-driver.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { Store } from '../src/store/store.js';

const COUNTRIES = Array.from({ length: 21 }, (_, i) => `C${String.fromCharCode(65 + i)}X`);
const DYADS = COUNTRIES.flatMap((a) => COUNTRIES.filter((b) => b !== a).map((b) => [a, b] as const)).slice(0, 400);
const FIRST = Date.UTC(2015, 0, 1);
const DAYS = 3653;
const TARGET_MS = 100;

const day = (n: number): string => new Date(FIRST + n * 86_400_000).toISOString().slice(0, 10);

/** Deterministic events per (dyad, day), busier dyads first, with regime changes so there is something to find. */
function eventsFor(dyad: number, dayIndex: number, mean: number): number {
  const weight = 2 / (1 + dyad / 40);
  const noise = ((dyad * 2654435761 + dayIndex * 40503) >>> 0) % 1000;
  return Math.max(0, Math.round(mean * weight * (0.5 + noise / 1000)));
}

/** Goldstein mean per event: calm, a tense year, a thaw, calm again. */
function toneFor(dayIndex: number, noise: number): number {
  const base = dayIndex < 1200 ? 0.8 : dayIndex < 1600 ? -3 : dayIndex < 2200 ? 2.5 : 0.5;
  return base + ((noise % 200) - 100) / 50;
}

function meanForTotal(total: number): number {
  let units = 0;
  for (let d = 0; d < DYADS.length; d++) for (let t = 0; t < DAYS; t++) units += eventsFor(d, t, 100) / 100;
  return total / units;
}

function fill(store: Store, mean: number): number {
  const { db } = (store as SqlStore).driver as SqliteDriver;
  const insert = db.prepare(
    'INSERT INTO dyad_daily (source, target, day, events, quad1, quad2, quad3, quad4, goldstein_sum, forward, rearward, neutral) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  let total = 0;
  const batch = db.transaction((from: number, to: number) => {
    for (let d = from; d < to; d++) {
      const [source, target] = DYADS[d] as readonly [string, string];
      for (let t = 0; t < DAYS; t++) {
        const n = eventsFor(d, t, mean);
        if (n === 0) continue;
        const tone = toneFor(t, (d * 7919 + t * 104729) % 1000);
        const cooperative = Math.round((n * (tone + 10)) / 20);
        const q1 = Math.round(cooperative * 0.7);
        const q3 = Math.round((n - cooperative) * 0.7);
        const forward = cooperative;
        const rearward = n - cooperative;
        insert.run(
          source,
          target,
          day(t),
          n,
          q1,
          cooperative - q1,
          q3,
          n - cooperative - q3,
          n * tone,
          forward,
          rearward,
          0,
        );
        total += n;
      }
    }
  });
  for (let d = 0; d < DYADS.length; d += 50) batch(d, Math.min(DYADS.length, d + 50));
  return total;
}

async function time(runs: number, work: (i: number) => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 3; i++) await work(i);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work(i);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))] ?? Number.NaN;
  return { p50: at(50), p95: at(95) };
}

export async function run(): Promise<void> {
  const wanted = Number(process.env.DYADWATCH_BENCH_EVENTS ?? 10_000_000);
  const dir = mkdtempSync(join(tmpdir(), 'dyadwatch-analysis-bench-'));
  try {
    const store = await openSqliteStore(join(dir, 'bench.db'));
    const started = performance.now();
    const total = fill(store, meanForTotal(wanted));
    console.log(
      `SQLite roll-up for ${total.toLocaleString('en')} events (${DYADS.length} directed dyads × ${DAYS} days) filled in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    // Pairs whose both directions are in the table, busiest first.
    const pairs = DYADS.filter(([a, b]) => DYADS.some(([c, d]) => c === b && d === a)).slice(0, 20);
    const pick = (i: number) => pairs[i % pairs.length] as readonly [string, string];
    const read = (a: string, b: string) =>
      Promise.all([store.dyadSeries({ dyad: `${a}-${b}` }), store.dyadSeries({ dyad: `${b}-${a}` })]);
    const baseline = await time(50, (i) => read(...pick(i)));
    let movements = 0;
    const full = await time(50, async (i) => {
      const [a, b] = pick(i);
      const [aToB, bToA] = await read(a, b);
      const analysis = analyseDyadRollups({ aToB, bToA }, { a, b, resolution: 'week' });
      movements += analysis.movements.length;
    });
    const [a, b] = pick(0);
    const rows = await read(a, b);
    const analysisOnly = await time(50, async () => analyseDyadRollups({ aToB: rows[0], bToA: rows[1] }, { a, b }));
    const ms = (value: number) => `${value.toFixed(1)} ms`;
    console.log(`read two directed roll-up series (baseline)  p50 ${ms(baseline.p50)}  p95 ${ms(baseline.p95)}`);
    console.log(`analysis in memory (series+movements+…)    p50 ${ms(analysisOnly.p50)}  p95 ${ms(analysisOnly.p95)}`);
    console.log(
      `read + analyse, one dyad, 10 years           p50 ${ms(full.p50)}  p95 ${ms(full.p95)}  (${(full.p50 / baseline.p50).toFixed(1)}× the baseline; ${(movements / 53).toFixed(1)} movements per dyad)`,
    );
    console.log(`p95 ${ms(full.p95)} against the ${TARGET_MS} ms target: ${full.p95 < TARGET_MS ? 'met' : 'NOT met'}`);
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
