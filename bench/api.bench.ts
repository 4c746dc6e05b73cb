/**
 * API read throughput and latency, and live latency, on loopback (issue 5's targets: p99 under 100 ms for dyad
 * series and event pages at 50 connections on a 1-million-event store; ingest → SSE p99 under 500 ms).
 *
 * Fills a SQLite store with synthetic GDELT-style events (1,000,000 by default, or `DYADWATCH_BENCH_EVENTS`) with a
 * bench-only bulk loader: prepared statements in big transactions straight on the database file, the events'
 * indexes built once at the end, and the actors and the `dyad_daily` roll-up summed in memory with the store's own
 * `rollupDeltas` (so the roll-up is what `putExternalEvents` would have made). Then starts the real server in a
 * child process (so the load generator does not share its event loop), runs autocannon (50 connections, 10 s per
 * case) and measures ingest → SSE delivery for 50 documents coded by the real coder.
 */
import { fork } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { pino } from 'pino';
import { createCoder } from '../src/coder/index.js';
import { startServer } from '../src/server/serve.js';
import { cleanText, documentId } from '../src/store/document-id.js';
import { dyadKey } from '../src/store/dyad-key.js';
import { rollupDeltas } from '../src/store/rollup.js';
import { EVENT_COLUMNS, eventValues } from '../src/store/rows.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { ExternalEvent } from '../src/store/store.js';

const TARGET = Number(process.env.DYADWATCH_BENCH_EVENTS ?? 1_000_000);
const LIVE_SAMPLES = 50;
const COUNTRIES = [
  'USA',
  'PRK',
  'KOR',
  'CHN',
  'JPN',
  'RUS',
  'UKR',
  'IND',
  'PAK',
  'IRN',
  'ISR',
  'GBR',
  'FRA',
  'DEU',
  'TUR',
  'SYR',
  'EGY',
  'SAU',
  'BRA',
  'MEX',
];
const CODES: [string, string, 1 | 2 | 3 | 4, number, string][] = [
  ['040', 'Consult', 1, 1, 'CONSULT'],
  ['051', 'Praise or endorse', 1, 3.4, 'AGREE'],
  ['070', 'Provide aid', 2, 7, 'AID'],
  ['111', 'Criticize or denounce', 3, -2, 'DISAPPROVE'],
  ['130', 'Threaten', 3, -4.4, 'THREATEN'],
  ['190', 'Use conventional military force', 4, -10, 'ASSAULT'],
];

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** A pseudo-random but repeatable stream (so runs compare). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function syntheticEvent(n: number, next: () => number): ExternalEvent {
  // One dyad in twenty is USA–PRK, so the benchmark dyad is large (tens of thousands of events at 1 M).
  const pair =
    next() < 0.05 ? ['USA', 'PRK'] : [COUNTRIES[Math.floor(next() * 20)], COUNTRIES[Math.floor(next() * 20)]];
  const [a = 'USA', b = 'CHN'] = next() < 0.5 ? pair : [...pair].reverse();
  const [cameo, name, quad, goldstein, plover] = CODES[Math.floor(next() * CODES.length)] ?? CODES[0]!;
  const day = Math.floor(next() * 3650);
  const date = new Date(Date.UTC(2015, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
  return {
    doc: `bench:${n}`,
    sentence: 0,
    date,
    source: `${a}GOV`,
    source_text: a,
    target: b === a ? 'UKR' : b,
    target_text: b,
    cameo,
    cameo_name: name,
    root: cameo.slice(0, 2),
    quad,
    goldstein,
    plover,
    direction: goldstein > 0 ? 'forward' : 'rearward',
    negated: false,
    conditional: false,
    modality: 'asserted',
    evidence: `Synthetic report ${n}: ${a} and ${b}.`,
    span: [0, 30],
    coder: 'bench',
    confidence: 1,
    external_id: `bench:${n}`,
    url: null,
  };
}

type Sums = {
  events: number;
  quad: number[];
  goldsteinSum: number;
  forward: number;
  rearward: number;
  neutral: number;
};

/**
 * Bulk-loads `TARGET` synthetic events into the (migrated, empty) SQLite file: 50,000 rows per transaction, the
 * events' secondary indexes dropped during the load and rebuilt after, actors and roll-up written once at the end.
 */
function fill(path: string): number {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  const started = performance.now();
  const indexes = db
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' AND sql IS NOT NULL")
    .all() as { name: string; sql: string }[];
  for (const index of indexes) db.exec(`DROP INDEX ${index.name}`);
  const insert = db.prepare(
    `INSERT INTO events (${EVENT_COLUMNS.join(', ')}) VALUES (${EVENT_COLUMNS.map(() => '?').join(', ')})`,
  );
  const rollup = new Map<string, Sums>();
  const actors = new Map<string, { label: string; first: string; last: string; events: number }>();
  const see = (code: string, label: string, date: string) => {
    const actor = actors.get(code);
    if (actor === undefined) return void actors.set(code, { label, first: date, last: date, events: 1 });
    if (date < actor.first) actor.first = date;
    if (date >= actor.last) {
      actor.last = date;
      actor.label = label;
    }
    actor.events++;
  };
  const next = random(42);
  const batch = 50_000;
  const insertBatch = db.transaction((events: ExternalEvent[]) => {
    for (const event of events) {
      const values = eventValues(
        { ...event, origin: 'gdelt', correction_id: null },
        null,
        dyadKey(event.source, event.target),
        event.external_id,
        event.url,
      );
      insert.run(...values.map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : (v ?? null))));
    }
  });
  for (let inserted = 0; inserted < TARGET; inserted += batch) {
    const events = Array.from({ length: Math.min(batch, TARGET - inserted) }, (_, i) =>
      syntheticEvent(inserted + i, next),
    );
    insertBatch(events);
    for (const event of events) {
      see(event.source, event.source_text, event.date);
      see(event.target, event.target_text, event.date);
    }
    for (const delta of rollupDeltas(events, 1)) {
      const key = `${delta.source}\t${delta.target}\t${delta.day}`;
      const sums = rollup.get(key);
      if (sums === undefined) {
        rollup.set(key, { ...delta, quad: [...delta.quad] });
        continue;
      }
      sums.events += delta.events;
      for (let q = 0; q < 4; q++) sums.quad[q] = (sums.quad[q] ?? 0) + (delta.quad[q] ?? 0);
      sums.goldsteinSum += delta.goldsteinSum;
      sums.forward += delta.forward;
      sums.rearward += delta.rearward;
      sums.neutral += delta.neutral;
    }
  }
  const loaded = performance.now();
  for (const index of indexes) db.exec(index.sql);
  const putRollup = db.prepare(
    'INSERT INTO dyad_daily (source, target, day, events, quad1, quad2, quad3, quad4, goldstein_sum, forward, rearward, neutral) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const putActor = db.prepare('INSERT INTO actors (code, label, first_seen, last_seen, events) VALUES (?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (const [key, sums] of rollup) {
      const [source, target, day] = key.split('\t');
      putRollup.run(
        source,
        target,
        day,
        sums.events,
        ...sums.quad,
        sums.goldsteinSum,
        sums.forward,
        sums.rearward,
        sums.neutral,
      );
    }
    for (const [code, actor] of actors) putActor.run(code, actor.label, actor.first, actor.last, actor.events);
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `store: ${TARGET.toLocaleString()} events in ${seconds.toFixed(0)} s (${Math.round(TARGET / seconds).toLocaleString()}/s; rows ${((loaded - started) / 1000).toFixed(0)} s, indexes and roll-up ${(seconds - (loaded - started) / 1000).toFixed(0)} s), ${rollup.size.toLocaleString()} dyad-days`,
  );
  return TARGET;
}

/** The server child: opens the store, starts the real server on a free port and tells the parent the port. */
async function serveChild(path: string): Promise<void> {
  const store = await openSqliteStore(path);
  const coder = await createCoder();
  const server = await startServer({
    store,
    coder: async () => coder,
    port: 0,
    webRoot: null,
    logger: pino({ level: 'silent' }),
    apiToken: null,
    feedCheckMinutes: 0,
  });
  process.send?.({ port: server.port });
  process.once('disconnect', async () => {
    await server.close();
    await store.close();
    process.exit(0);
  });
}

async function load(title: string, url: string, requests?: autocannon.Request[]): Promise<void> {
  const result = await autocannon({
    url,
    connections: 50,
    duration: 10,
    ...(requests ? { requests } : {}),
  });
  const errors = result.errors + result.non2xx;
  console.log(
    `${title.padEnd(44)} ${Math.round(result.requests.average).toString().padStart(7)} req/s   p50 ${result.latency.p50} ms   p99 ${result.latency.p99} ms${errors ? `   (${errors} errors/non-2xx)` : ''}`,
  );
}

async function liveLatency(origin: string): Promise<void> {
  const abort = new AbortController();
  const stream = await fetch(`${origin}/api/live`, { signal: abort.signal });
  const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  const arrived = new Map<string, number>();
  let buffer = '';
  const reading = (async () => {
    for (;;) {
      const chunk = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (chunk.done) return;
      buffer += decoder.decode(chunk.value, { stream: true });
      for (const match of buffer.matchAll(/"doc":"(sha256:[0-9a-f]{64})"/g))
        if (!arrived.has(match[1] ?? '')) arrived.set(match[1] ?? '', performance.now());
      buffer = buffer.slice(-200);
    }
  })();
  const latencies: number[] = [];
  for (let n = 0; n < LIVE_SAMPLES; n++) {
    // Event evidence is the clause, not the sentence: documents are recognised by their id in the events.
    const text = `North Korea threatened the United States over drills, report ${Date.now()}-${n} said.`;
    const marker = documentId(cleanText(text));
    const started = performance.now();
    const response = await fetch(`${origin}/api/ingest`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text, date: '2024-06-01' }),
    });
    await response.arrayBuffer();
    while (!arrived.has(marker) && performance.now() - started < 5000)
      await new Promise((resolve) => setTimeout(resolve, 1));
    latencies.push((arrived.get(marker) ?? Number.NaN) - started);
  }
  abort.abort();
  await reading;
  const delivered = latencies.filter((l) => !Number.isNaN(l));
  console.log(
    `ingest → SSE delivery (${delivered.length}/${LIVE_SAMPLES} delivered)            p50 ${percentile(delivered, 50).toFixed(1)} ms   p99 ${percentile(delivered, 99).toFixed(1)} ms`,
  );
}

export async function run(): Promise<void> {
  // DYADWATCH_BENCH_DB keeps the filled store at that path and reuses it on the next run (for profiling).
  const kept = process.env.DYADWATCH_BENCH_DB;
  const dir = kept ? null : mkdtempSync(join(tmpdir(), 'dyadwatch-bench-api-'));
  const path = kept ?? join(dir ?? '', 'bench.db');
  const reuse = kept !== undefined && existsSync(kept);
  if (!reuse) await (await openSqliteStore(path)).close();
  const child = fork(fileURLToPath(import.meta.url), [], {
    env: { ...process.env, DYADWATCH_BENCH_API_SERVER: path },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    if (reuse) console.log(`store: reusing ${path}`);
    else fill(path);
    child.send('go');
    const port = await new Promise<number>((resolve, reject) => {
      child.once('message', (message: { port: number }) => resolve(message.port));
      child.once('exit', (code) => reject(new Error(`the server child exited (${code})`)));
    });
    const origin = `http://127.0.0.1:${port}`;
    const ranges = Array.from({ length: 200 }, (_, i) => {
      const year = 2015 + (i % 9);
      return `from=${year}-01-01&to=${year + 1}-${String(1 + (i % 12)).padStart(2, '0')}-28`;
    });
    const varied = (path: (i: number) => string): autocannon.Request[] => {
      let i = 0;
      return [{ setupRequest: (request) => ({ ...request, path: path(i++ % ranges.length) }) }];
    };
    console.log('server in a child process; 50 connections, 10 s per case, loopback');
    await load('dyad series USA-PRK, whole range (cached)', `${origin}/api/dyads/USA-PRK/series`);
    await load(
      'dyad series USA-PRK, 200 different ranges',
      origin,
      varied((i) => `/api/dyads/USA-PRK/series?${ranges[i]}`),
    );
    await load(
      'dyad series CHN-RUS, 200 different ranges',
      origin,
      varied((i) => `/api/dyads/CHN-RUS/series?${ranges[i]}`),
    );
    await load('event page USA-PRK, first 100', `${origin}/api/events?dyad=USA-PRK&limit=100`);
    await load(
      'event page USA-PRK, 200 different dates',
      origin,
      varied((i) => `/api/events?dyad=USA-PRK&undirected=true&limit=100&${ranges[i]}`),
    );
    await load(
      'event page, all events, 200 different dates',
      origin,
      varied((i) => `/api/events?limit=100&${ranges[i]}`),
    );
    await liveLatency(origin);
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    if (child.connected) child.disconnect();
    if (child.exitCode === null) await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    child.kill('SIGKILL');
    if (dir !== null) rmSync(dir, { recursive: true, force: true });
  }
}

if (process.env.DYADWATCH_BENCH_API_SERVER) {
  const path = process.env.DYADWATCH_BENCH_API_SERVER;
  process.once('message', () => void serveChild(path));
} else if (import.meta.url === `file://${process.argv[1]}`) await run();
