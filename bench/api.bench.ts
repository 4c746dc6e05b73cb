/**
 * API read throughput and latency, and live latency, on loopback (issue 5's targets: p99 under 100 ms for dyad
 * series and event pages at 50 connections on a 1-million-event store; ingest → SSE p99 under 500 ms).
 *
 * Builds a SQLite store of synthetic GDELT-style events through `putExternalEvents` (1,000,000 by default, or
 * `DYADWATCH_BENCH_EVENTS`; fewer, with a printed note, when filling would take more than about two minutes),
 * starts the real server, runs autocannon (50 connections, 10 s per case) and measures ingest → SSE delivery
 * for 100 documents coded by the real coder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { pino } from 'pino';
import { createCoder } from '../src/coder/index.js';
import { startServer } from '../src/server/serve.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { ExternalEvent, Store } from '../src/store/store.js';

const TARGET = Number(process.env.DYADWATCH_BENCH_EVENTS ?? 1_000_000);
const FILL_BUDGET_MS = Number(process.env.DYADWATCH_BENCH_FILL_SECONDS ?? 120) * 1000;
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

async function fill(store: Store): Promise<number> {
  const next = random(42);
  const started = performance.now();
  let inserted = 0;
  const batch = 5000;
  while (inserted < TARGET) {
    const events = Array.from({ length: Math.min(batch, TARGET - inserted) }, (_, i) =>
      syntheticEvent(inserted + i, next),
    );
    inserted += (await store.putExternalEvents(events)).inserted;
    const elapsed = performance.now() - started;
    if (inserted < TARGET && elapsed > FILL_BUDGET_MS) {
      console.log(
        `note: filling stopped at ${inserted.toLocaleString()} events after ${(elapsed / 1000).toFixed(0)} s (target ${TARGET.toLocaleString()})`,
      );
      break;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `store: ${inserted.toLocaleString()} events in ${seconds.toFixed(0)} s (${Math.round(inserted / seconds).toLocaleString()}/s)`,
  );
  return inserted;
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
      for (const match of buffer.matchAll(/marker (\d+)/g))
        if (!arrived.has(match[1] ?? '')) arrived.set(match[1] ?? '', performance.now());
      buffer = buffer.slice(-200);
    }
  })();
  const latencies: number[] = [];
  for (let n = 0; n < 100; n++) {
    const marker = String(100_000 + n);
    const started = performance.now();
    const response = await fetch(`${origin}/api/ingest`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        text: `North Korea threatened the United States over drills, marker ${marker} said.`,
        date: '2024-06-01',
      }),
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
    `ingest → SSE delivery (${delivered.length}/100 delivered)           p50 ${percentile(delivered, 50).toFixed(1)} ms   p99 ${percentile(delivered, 99).toFixed(1)} ms`,
  );
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'dyadwatch-bench-api-'));
  const store = await openSqliteStore(join(dir, 'bench.db'));
  try {
    await fill(store);
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
    const origin = server.url.replace('localhost', '127.0.0.1');
    try {
      const ranges = Array.from({ length: 200 }, (_, i) => {
        const year = 2015 + (i % 9);
        return `from=${year}-01-01&to=${year + 1}-${String(1 + (i % 12)).padStart(2, '0')}-28`;
      });
      const varied = (path: (i: number) => string): autocannon.Request[] => {
        let i = 0;
        return [{ setupRequest: (request) => ({ ...request, path: path(i++ % ranges.length) }) }];
      };
      console.log('50 connections, 10 s per case, loopback');
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
      await server.close();
    }
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
