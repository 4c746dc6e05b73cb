/**
 * The scale-out test from issue 7: PostgreSQL, a `dyadwatch serve` process, three `dyadwatch worker` processes, a
 * few hundred documents enqueued with `ingest --queue`, one worker SIGKILLed mid-run. Every document must end up
 * coded exactly once, the roll-up must equal a from-scratch recomputation, and an SSE client on the server's
 * `/api/live` must have received every event (the server hears the workers' LISTEN/NOTIFY notices and reads the
 * events from the store). A bus subscriber in the test checks the notices themselves too.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/package-root.js';
import { liveChannel, openQueue } from '../../src/queue/index.js';
import type { LiveNotice } from '../../src/queue/live-bus.js';
import { PostgresLiveBus } from '../../src/queue/postgres/postgres-live-bus.js';
import type { Queue } from '../../src/queue/queue.js';
import { cleanText, documentId } from '../../src/store/document-id.js';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js';
import { rollupDeltas } from '../../src/store/rollup.js';
import type { Store, StoredEvent } from '../../src/store/store.js';
import { postgresUrl } from '../helpers/stores.js';
import { type BuiltCli, buildCli } from './build-cli.js';
import { type Child, runChild, startChild, waitFor } from './processes.js';

const url = postgresUrl();
const schema = `t_scaleout_${process.pid}`;
const corpus = join(packageRoot(), 'demo', 'corpus.jsonl');

async function dropSchemas(): Promise<void> {
  const admin = new pg.Client({ connectionString: url ?? '' });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; DROP SCHEMA IF EXISTS ${schema}_jobs CASCADE`);
  await admin.end();
}

async function allEvents(store: Store): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  let cursor: string | null = null;
  do {
    const page = await store.queryEvents({ limit: 10_000, cursor, order: 'asc' });
    events.push(...page.items);
    cursor = page.next;
  } while (cursor !== null);
  return events;
}

/** Reads SSE frames until the stream ends, counting the store ids of `event` frames. */
async function readEventIds(response: Response, seen: Map<number, number>): Promise<void> {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const chunk = await reader.read().catch(() => ({ done: true as const, value: undefined }));
    if (chunk.done) return;
    buffer += decoder.decode(chunk.value, { stream: true });
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const block = buffer.slice(0, end).split('\n');
      buffer = buffer.slice(end + 2);
      end = buffer.indexOf('\n\n');
      if (!block.includes('event: event')) continue;
      const data = block.find((line) => line.startsWith('data: '));
      const id = Number((JSON.parse(data?.slice(6) ?? '{}') as { id?: number }).id);
      seen.set(id, (seen.get(id) ?? 0) + 1);
    }
  }
}

describe.skipIf(url === null)('scale-out: three workers, one SIGKILLed', () => {
  let cli: BuiltCli;
  let store: Store;
  let queue: Queue;
  let bus: PostgresLiveBus;
  const notices: LiveNotice[] = [];
  const workers: Child[] = [];
  let server: Child | undefined;
  let env: Record<string, string>;
  /** Event ids (the store's, from the SSE data) the SSE client received, and how often. */
  const streamed = new Map<number, number>();
  const sse = new AbortController();
  let streaming: Promise<void> = Promise.resolve();

  beforeAll(async () => {
    await dropSchemas();
    cli = await buildCli('scale-out');
    env = {
      DATABASE_URL: url ?? '',
      DYADWATCH_PG_SCHEMA: schema,
      DYADWATCH_DB: '',
      DYADWATCH_JOB_LEASE: '3',
      DYADWATCH_JOB_RETRY_DELAY: '1',
      DYADWATCH_QUEUE_MAINTENANCE: '1',
    };
    store = await openPostgresStore({ connectionString: url ?? '', schema });
    // Opening the queue here creates the queues with the short lease the killed worker's job must expire under.
    queue = await openQueue({ env });
    bus = new PostgresLiveBus({ connectionString: url ?? '', channel: liveChannel(schema) });
    await bus.subscribe((notice) => notices.push(notice));
  }, 120_000);

  afterAll(async () => {
    sse.abort();
    await streaming;
    server?.process.kill('SIGKILL');
    for (const worker of workers) worker.process.kill('SIGKILL');
    await bus?.close();
    await queue?.close();
    await store?.close();
    cli?.remove();
    if (url !== null) await dropSchemas();
  });

  it('codes every document exactly once, keeps the roll-up exact and streams every event to SSE', async () => {
    server = startChild(cli.main, ['serve', '--port', '0'], { ...env, LOG_LEVEL: 'warn' });
    const running = server;
    await waitFor(async () => /dyadwatch: http:\/\/\S+/.test(running.output()), 'the server to listen');
    const origin = (running.output().match(/dyadwatch: (http:\/\/\S+)/)?.[1] ?? '').replace('localhost', '127.0.0.1');
    const stream = await fetch(`${origin}/api/live`, { signal: sse.signal });
    expect(stream.headers.get('content-type')).toMatch(/text\/event-stream/);
    streaming = readEventIds(stream, streamed);

    for (let i = 0; i < 3; i++) workers.push(startChild(cli.main, ['worker', '--concurrency', '2'], env));
    await waitFor(async () => workers.every((w) => w.output().includes('consuming')), 'three workers to start');

    const lines = readFileSync(corpus, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '');
    const texts = lines.map((line) => (JSON.parse(line) as { text: string }).text);
    const expected = new Set(texts.map((text) => documentId(cleanText(text))));
    expect(expected.size).toBeGreaterThan(200);
    const started = performance.now();
    const enqueue = await runChild(cli.main, ['ingest', '--queue', corpus], env);
    expect(enqueue.output).toContain(`${lines.length} documents and 0 URLs queued`);
    expect(enqueue.code).toBe(0);

    // Kill one worker while it is busy: a third of the way through.
    await waitFor(async () => (await store.stats()).documents >= expected.size / 3, 'a third of the documents');
    const victim = workers[0];
    victim?.process.kill('SIGKILL');
    expect((await victim?.exited)?.signal).toBe('SIGKILL');

    await waitFor(
      async () => {
        const code = (await queue.counts()).find((c) => c.name === 'code');
        return code !== undefined && code.queued === 0 && code.active === 0;
      },
      'the code queue to drain (the killed worker’s job after its lease)',
      120_000,
    );

    const admin = new pg.Client({ connectionString: url ?? '' });
    await admin.connect();
    const retried = await admin.query(
      `SELECT count(*)::int AS n FROM ${schema}_jobs.job WHERE name = 'code' AND retry_count > 0`,
    );
    console.log(
      `scale-out: ${expected.size} documents in ${((performance.now() - started) / 1000).toFixed(1)} s; ` +
        `${retried.rows[0]?.n} code job(s) retried after the SIGKILL`,
    );

    // Graceful stop of the survivors.
    for (const worker of workers.slice(1)) worker.process.kill('SIGTERM');
    for (const worker of workers.slice(1)) {
      expect((await worker.exited).code).toBe(0);
      expect(worker.output()).toMatch(/stopped: .*code \d+ done/);
    }

    // Every document stored once, with exactly the events the coder gives it.
    // The reference coding comes from the workers' own build: other people may be editing the coder meanwhile.
    const { createCoder } = await cli.load<typeof import('../../src/coder/index.js')>('src/coder/index.js');
    const coder = await createCoder();
    const events = await allEvents(store);
    const byDoc = new Map<string, number>();
    for (const event of events) byDoc.set(event.doc, (byDoc.get(event.doc) ?? 0) + 1);
    expect((await store.stats()).documents).toBe(expected.size);
    const seen = new Set<string>();
    for (const line of lines) {
      const record = JSON.parse(line) as { text: string; date: string; title?: string };
      const text = cleanText(record.text);
      const id = documentId(text);
      if (seen.has(id)) continue;
      seen.add(id);
      const stored = await store.getDocument(id);
      expect(stored, id).not.toBeNull();
      const coded = coder.codeDocument({
        id,
        date: record.date,
        text,
        ...(record.title ? { title: record.title } : {}),
      });
      expect(byDoc.get(id) ?? 0, `${id} events`).toBe(coded.events.length);
      expect(stored?.document.eventCount).toBe(coded.events.length);
      expect(stored?.sentences.length).toBe(coded.sentences.length);
    }
    expect(events.length).toBeGreaterThan(100);

    // The roll-up equals a from-scratch recomputation over the stored events.
    const { rows } = await admin.query(`SELECT * FROM ${schema}.dyad_daily ORDER BY source, target, day`);
    await admin.end();
    const fresh = rollupDeltas(events, 1);
    expect(rows.length).toBe(fresh.length);
    const stored = new Map(rows.map((row) => [`${row.source}\t${row.target}\t${row.day}`, row]));
    for (const delta of fresh) {
      const row = stored.get(`${delta.source}\t${delta.target}\t${delta.day}`);
      expect(row, `${delta.source}-${delta.target} ${delta.day}`).toBeDefined();
      expect(Number(row.events)).toBe(delta.events);
      expect([row.quad1, row.quad2, row.quad3, row.quad4].map(Number)).toEqual(delta.quad);
      expect(Number(row.goldstein_sum)).toBeCloseTo(delta.goldsteinSum, 6);
      expect([row.forward, row.rearward, row.neutral].map(Number)).toEqual([
        delta.forward,
        delta.rearward,
        delta.neutral,
      ]);
    }

    // The server's SSE stream carried every event, once.
    await waitFor(
      async () => events.every((e) => streamed.has(e.id)),
      'the SSE client to receive every event',
      30_000,
    ).catch(() => {});
    expect(events.filter((e) => !streamed.has(e.id)).map((e) => e.id)).toEqual([]);
    expect([...streamed].filter(([, times]) => times > 1)).toEqual([]);
    expect(running.process.exitCode).toBeNull();

    // The bus listener was told of every document and every event (at least once; ids de-duplicate).
    const announcedDocs = new Set<string>();
    const announcedIds = new Set<number>();
    for (const notice of notices) {
      if (notice.kind === 'resync') continue;
      announcedDocs.add(notice.doc);
      const ids = notice.ids ?? (await store.queryEvents({ doc: notice.doc, limit: 10_000 })).items.map((e) => e.id);
      for (const id of ids) announcedIds.add(id);
    }
    expect([...expected].filter((id) => !announcedDocs.has(id))).toEqual([]);
    expect(events.filter((e) => !announcedIds.has(e.id)).map((e) => e.id)).toEqual([]);

    // Nothing failed for good.
    const counts = await queue.counts();
    expect(counts.find((c) => c.name === 'code')?.dead).toBe(0);
    expect(await queue.failures(10)).toEqual([]);
  }, 240_000);
});
