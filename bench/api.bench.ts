/**
 * API read throughput and latency, and live latency, on loopback (issue 5's targets: p99 under 100 ms for dyad
 * series and event pages at 50 connections on a 1-million-event store; ingest → SSE p99 under 500 ms).
 *
 * Fills a SQLite store with synthetic GDELT-style events (1,000,000 by default, or `DYADWATCH_BENCH_EVENTS`) with a
 * bench-only bulk loader: prepared statements in big transactions straight on the database file, the events'
 * indexes built once at the end, and the actors and the `dyad_daily` roll-up summed in memory with the store's own
 * `rollupDeltas` (so the roll-up is what `putExternalEvents` would have made), and the per-period roll-up rebuilt
 * from it. Then starts the real server in a child process (so the load generator does not share its event loop),
 * runs autocannon (50 connections, 10 s per case) and measures ingest → SSE delivery for 50 documents coded by the
 * real coder.
 *
 * The request mixes are what many users ask at once, not one URL: whole-range series of dyads drawn like users
 * draw them (USA–PRK in three requests of ten, any other pair otherwise; weekly or monthly), event pages over 400
 * queries of varied dyads, directions, filters, orders and ranges, and pages 2–5 reached through `next` cursors.
 * The one-URL cases are kept as the best case. Each line reports the hit rate of the server's analysis cache
 * (series answers and event pages are cached until the data changes; a cold-cache case asks a new query every
 * time, so its latency is the miss path's); before each case the bench waits for the server to be idle, so
 * requests left over from one case do not count in the next.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { pino } from 'pino';
import { createCoder } from '../src/coder/index.js';
import { defaultReadThreads, startServer } from '../src/server/serve.js';
import { cleanText, documentId } from '../src/store/document-id.js';
import { dyadKey } from '../src/store/dyad-key.js';
import { rebuildPeriodsSql } from '../src/store/dyad-periods.js';
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
    // The per-period roll-up, from the daily one, as migration 4 fills it.
    db.exec(rebuildPeriodsSql('sqlite'));
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
    // As `dyadwatch serve` runs it (DYADWATCH_READ_THREADS=0 measures the server without its read pool).
    readThreads: defaultReadThreads(),
  });
  process.send?.({ port: server.port });
  // The event loop's delay and the time spent in garbage collection tell whether a case's tail latency is the
  // server stalling (GC, one slow request) or requests queueing behind each other.
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  let gcMs = 0;
  let gcMax = 0;
  // CPU time of the whole server process (its read threads included): per request, it tells what a case costs
  // even when other work on the machine slows the wall clock.
  let cpu = process.cpuUsage();
  // The event loop's busy share: how much of the server's one request thread a case takes.
  let loop = performance.eventLoopUtilization();
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gcMs += entry.duration;
      gcMax = Math.max(gcMax, entry.duration);
    }
  }).observe({ entryTypes: ['gc'] });
  // The parent asks for the analysis cache's counters after each case, to report its hit rate.
  process.on('message', (message) => {
    if (message === 'reset') {
      delay.reset();
      gcMs = 0;
      gcMax = 0;
      cpu = process.cpuUsage();
      loop = performance.eventLoopUtilization();
      return;
    }
    if (message !== 'cache') return;
    const { hits, misses } = server.context.cache;
    const used = process.cpuUsage(cpu);
    const busy = performance.eventLoopUtilization(loop).utilization;
    const stall = {
      p99: delay.percentile(99) / 1e6,
      max: delay.max / 1e6,
      gcMs,
      gcMax,
      cpuMs: (used.user + used.system) / 1000,
      busy,
    };
    process.send?.({ cache: { hits, misses }, stall });
  });
  process.once('disconnect', async () => {
    await server.close();
    await store.close();
    process.exit(0);
  });
}

interface ChildCounters {
  cache: { hits: number; misses: number };
  /** The server's event-loop delay (p99, max), GC time (total, longest pause) and CPU time since the last reset, in ms. */
  stall: { p99: number; max: number; gcMs: number; gcMax: number; cpuMs: number; busy: number };
}

/** The analysis cache's counters and the stall figures in the server child. */
function cacheCounters(child: ChildProcess): Promise<ChildCounters> {
  return new Promise((resolve) => {
    const listen = (message: Partial<ChildCounters>) => {
      if (message.cache === undefined || message.stall === undefined) return;
      child.off('message', listen);
      resolve(message as ChildCounters);
    };
    child.on('message', listen);
    child.send('cache');
  });
}

/** `DYADWATCH_BENCH_CASES=cold,series` runs only the cases whose title contains one of the words. */
const CASES = (process.env.DYADWATCH_BENCH_CASES ?? '').split(',').filter(Boolean);

async function load(child: ChildProcess, title: string, url: string, requests?: autocannon.Request[]): Promise<void> {
  if (CASES.length > 0 && !CASES.some((word) => title.includes(word))) return;
  // Requests autocannon gave up on in the previous case may still be queued in the server: wait until it idles.
  for (let tries = 0; tries < 30; tries++) {
    const started = performance.now();
    await (await fetch(`${new URL(url).origin}/healthz`)).arrayBuffer();
    if (performance.now() - started < 20) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const before = (await cacheCounters(child)).cache;
  child.send('reset');
  const result = await autocannon({
    url,
    connections: 50,
    duration: 10,
    ...(requests ? { requests } : {}),
  });
  const { cache: after, stall } = await cacheCounters(child);
  const hits = after.hits - before.hits;
  const lookups = hits + after.misses - before.misses;
  const cache = lookups === 0 ? 'no cache' : `cache hits ${((100 * hits) / lookups).toFixed(0)}% of ${lookups}`;
  const cpu = `server CPU ${(stall.cpuMs / Math.max(1, result.requests.total)).toFixed(2)} ms/req`;
  const stalls = `${cpu}, event loop busy ${(100 * stall.busy).toFixed(0)}%, loop delay p99 ${stall.p99.toFixed(0)} / max ${stall.max.toFixed(0)} ms, GC ${stall.gcMs.toFixed(0)} ms (max ${stall.gcMax.toFixed(0)})`;
  const errors = result.errors + result.non2xx;
  console.log(
    `${title.padEnd(52)} ${Math.round(result.requests.average).toString().padStart(6)} req/s   p50 ${String(result.latency.p50).padStart(3)} ms   p99 ${String(result.latency.p99).padStart(4)} ms   ${cache}   ${stalls}${errors ? `   (${errors} errors/non-2xx)` : ''}`,
  );
}

/**
 * A request mix that cycles through `paths` in a shuffled order (the same in every run), so consecutive requests
 * differ the way different users' requests do.
 */
function mix(paths: readonly string[]): autocannon.Request[] {
  const next = random(7);
  const order = paths.map((path) => ({ path, key: next() })).sort((x, y) => x.key - y.key);
  let i = 0;
  return [{ setupRequest: (request) => ({ ...request, path: order[i++ % order.length]?.path ?? '/' }) }];
}

/** Dyads as users ask for them: the busy USA–PRK most often, any other pair of the twenty countries too. */
function dyadChoices(count: number, seed: number): string[] {
  const next = random(seed);
  return Array.from({ length: count }, () => {
    if (next() < 0.3) return next() < 0.5 ? 'USA-PRK' : 'PRK-USA';
    const a = COUNTRIES[Math.floor(next() * COUNTRIES.length)] ?? 'CHN';
    let b = COUNTRIES[Math.floor(next() * COUNTRIES.length)] ?? 'RUS';
    if (b === a) b = a === 'UKR' ? 'RUS' : 'UKR';
    return `${a}-${b}`;
  });
}

/** Walks `pages` pages of each query and returns the URLs of pages 2…pages, as a client following `next` would. */
async function laterPages(origin: string, queries: readonly string[], pages: number): Promise<string[]> {
  const urls: string[] = [];
  for (const query of queries) {
    let next: string | null = null;
    for (let page = 1; page < pages; page++) {
      const path: string = `/api/events?${query}${next === null ? '' : `&cursor=${next}`}`;
      const body = (await (await fetch(`${origin}${path}`)).json()) as { next: string | null };
      if (body.next === null) break;
      next = body.next;
      urls.push(`/api/events?${query}&cursor=${next}`);
    }
  }
  return urls;
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
    // Whole-range series: 300 requests over the dyads users ask for, weekly (the default) or monthly. (Ten years
    // of daily points are 1.3 MB of JSON per answer, a download rather than a chart: not in the mix.)
    const resolutions = random(11);
    const wholeRange = dyadChoices(300, 3).map(
      (dyad) => `/api/dyads/${dyad}/series${resolutions() < 0.75 ? '' : '?resolution=month'}`,
    );
    // Event pages: varied dyads, directions and filters, oldest or newest first.
    const filters = ['', '', '&direction=rearward', '&quad=4', '&root=13', '&plover=AID', '&modality=asserted'];
    const choose = random(5);
    const pageQueries = dyadChoices(400, 9).map((dyad, i) => {
      const filter = filters[Math.floor(choose() * filters.length)] ?? '';
      const undirected = choose() < 0.5 ? '&undirected=true' : '';
      const order = choose() < 0.3 ? '&order=desc' : '';
      const range = choose() < 0.5 ? `&${ranges[i % ranges.length]}` : '';
      return `dyad=${dyad}${undirected}${filter}${order}${range}&limit=100`;
    });
    const laterPageUrls = await laterPages(origin, pageQueries.slice(0, 100), 5);
    console.log('server in a child process; 50 connections, 10 s per case, loopback');
    await load(child, 'dyad series USA-PRK, whole range, one URL', `${origin}/api/dyads/USA-PRK/series`);
    await load(child, 'dyad series, whole range, 300 requests (varied dyads)', origin, mix(wholeRange));
    // The series miss path: every request a series not asked before (each of the 380 pairs in turn, weekly or
    // monthly, ending a day earlier each round), as a chart ending on a given day asks.
    const pairs = COUNTRIES.flatMap((a) => COUNTRIES.filter((b) => b !== a).map((b) => `${a}-${b}`));
    let coldSeries = 0;
    await load(child, 'dyad series, cold cache (every request new)', origin, [
      {
        setupRequest: (request) => {
          const i = coldSeries++;
          const to = new Date(Date.UTC(2024, 11, 31) - Math.floor(i / pairs.length) * 86_400_000);
          const month = i % 4 === 3 ? '&resolution=month' : '';
          const path = `/api/dyads/${pairs[i % pairs.length]}/series?to=${to.toISOString().slice(0, 10)}${month}`;
          return { ...request, path };
        },
      },
    ]);
    await load(
      child,
      'dyad series USA-PRK, 200 different ranges',
      origin,
      varied((i) => `/api/dyads/USA-PRK/series?${ranges[i]}`),
    );
    await load(
      child,
      'dyad series CHN-RUS, 200 different ranges',
      origin,
      varied((i) => `/api/dyads/CHN-RUS/series?${ranges[i]}`),
    );
    await load(child, 'event page USA-PRK, first 100, one URL', `${origin}/api/events?dyad=USA-PRK&limit=100`);
    await load(
      child,
      'event pages, 400 queries (varied dyads, filters)',
      origin,
      mix(pageQueries.map((query) => `/api/events?${query}`)),
    );
    await load(child, `event pages 2–5 by cursor, ${laterPageUrls.length} pages`, origin, mix(laterPageUrls));
    // The miss path: every request a query not asked before (the 400 queries × page sizes 50…100), so the cache
    // answers nothing; what the first reader of a page waits.
    let coldIndex = 0;
    await load(child, 'event pages, cold cache (every request new)', origin, [
      {
        setupRequest: (request) => {
          const i = coldIndex++;
          const query = pageQueries[i % pageQueries.length]?.replace('&limit=100', '') ?? '';
          return { ...request, path: `/api/events?${query}&limit=${50 + (i % 51)}` };
        },
      },
    ]);
    await load(
      child,
      'event page USA-PRK, 200 different dates',
      origin,
      varied((i) => `/api/events?dyad=USA-PRK&undirected=true&limit=100&${ranges[i]}`),
    );
    await load(
      child,
      'event page, all events, 200 different dates',
      origin,
      varied((i) => `/api/events?limit=100&${ranges[i]}`),
    );
    if (CASES.length === 0 || CASES.some((word) => 'ingest live'.includes(word))) await liveLatency(origin);
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
