/**
 * The live view across processes: a writer that is not the server (a worker, another server) stores a document
 * and announces it on the live bus; the server's bridge reads its events from the store and an SSE client on
 * `/api/live` receives them, once each however often the notice comes. In-process with SQLite and the in-process
 * bus; with PostgreSQL (when DATABASE_URL is set) across connections: the server on a port with its own store and
 * LISTEN connection, the writer with another store and bus.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { liveChannel } from '../../src/queue/index.js';
import type { DocumentNotice, LiveBus } from '../../src/queue/live-bus.js';
import { MemoryLiveBus } from '../../src/queue/memory/memory-live-bus.js';
import { PostgresLiveBus } from '../../src/queue/postgres/postgres-live-bus.js';
import { startServer } from '../../src/server/serve.js';
import { cleanText, documentId } from '../../src/store/document-id.js';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js';
import type { Store } from '../../src/store/store.js';
import { postgresUrl, storeDialects } from '../helpers/stores.js';
import { json, LOOPBACK, readSse, testApp } from './api-helpers.js';
import { fakeCoder } from './fake-coder.js';

type Frame = { event: string; id?: string; data: string };

/** Stores a document the way a worker does (not through the server) and returns its notice. */
async function storeElsewhere(store: Store, text: string, date: string): Promise<DocumentNotice> {
  const clean = cleanText(text);
  const doc = documentId(clean);
  const coder = fakeCoder();
  await store.putDocument(
    { text: clean, published: date, source: 'worker', coder: coder.version },
    coder.codeDocument({ id: doc, date, text: clean }),
  );
  const ids = (await store.queryEvents({ doc, limit: 1000 })).items.map((event) => event.id).sort((a, b) => a - b);
  return { kind: 'stored', doc, events: ids.length, ids };
}

const eventsOf = (frames: Frame[]) =>
  frames.filter((f) => f.event === 'event').map((f) => JSON.parse(f.data) as { id: number; source: string });

const [sqlite, postgres] = storeDialects('live_bridge').map((d) => d.dialect);

describe('live bridge in-process (SQLite, in-process bus)', () => {
  afterAll(() => sqlite?.cleanup());

  it('publishes a notice’s events once, answers resync from the store, and feeds inline ingest through the bus', async () => {
    if (!sqlite) throw new Error('SQLite is always there');
    const store = await sqlite.open();
    const bus = new MemoryLiveBus();
    const { app, context } = testApp(store, { bus });
    await context.live.ready;
    const abort = new AbortController();
    const stream = await app.request('/api/live', { signal: abort.signal });
    const reading = readSse(stream, (frames) => eventsOf(frames).length >= 5, 5000);
    await new Promise((resolve) => setTimeout(resolve, 50));

    // A worker's document, announced twice (at least once): two events, each once.
    const notice = await storeElsewhere(store, 'USA praised PRK. PRK met USA.', '2020-01-02');
    await bus.publish(notice);
    await bus.publish(notice);
    // Stored while notices were lost: a resync finds it in the store.
    await storeElsewhere(store, 'CHN threatened TWN.', '2020-01-03');
    await (bus as unknown as { publish(n: unknown): Promise<void> }).publish({ kind: 'resync' });
    // The server's own ingest goes through the bus too, once.
    const listened: DocumentNotice[] = [];
    await bus.subscribe((n) => {
      if (n.kind !== 'resync') listened.push(n);
    });
    const response = await app.request('/api/ingest', json({ text: 'JPN aided KOR. KOR met JPN.' }), LOOPBACK);
    expect(response.status).toBe(201);
    const outcome = (await response.json()) as { events: { id: number }[] };
    expect(outcome.events).toHaveLength(2);
    expect(listened.map((n) => n.ids)).toEqual([outcome.events.map((e) => e.id).sort((a, b) => a - b)]);

    const frames = await reading;
    abort.abort();
    const events = eventsOf(frames);
    expect(events.map((e) => e.source)).toEqual(['USA', 'PRK', 'CHN', 'JPN', 'KOR']);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    expect(frames.filter((f) => f.event === 'document')).toHaveLength(3);
    await context.live.stop();
  });
});

const url = postgresUrl();

describe.skipIf(url === null || !postgres)('live bridge across processes (PostgreSQL LISTEN/NOTIFY)', () => {
  const closers: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const close of closers.reverse()) await close().catch(() => {});
    await postgres?.cleanup();
  });

  it('an SSE client on the server receives events a separate writer stored and announced', async () => {
    if (!postgres) return;
    const dialect = postgres;
    const serverStore = await dialect.open();
    const schema = dialect.env().DYADWATCH_PG_SCHEMA ?? 'public';
    const channel = liveChannel(schema);
    const serverBus = new PostgresLiveBus({ connectionString: url ?? '', channel });
    closers.push(() => serverBus.close());
    const coder = fakeCoder();
    const { pino } = await import('pino');
    const server = await startServer({
      store: serverStore,
      coder: async () => coder,
      bus: serverBus,
      port: 0,
      webRoot: null,
      logger: pino({ level: 'silent' }),
      apiToken: null,
      feedCheckMinutes: 0,
    });
    closers.push(() => server.close());

    // The writer: its own connection pool and its own bus, as a worker process has.
    const writerStore = await openPostgresStore({ connectionString: url ?? '', schema });
    closers.push(() => writerStore.close());
    const writerBus: LiveBus = new PostgresLiveBus({ connectionString: url ?? '', channel });
    closers.push(() => writerBus.close());

    const origin = server.url.replace('localhost', '127.0.0.1');
    const abort = new AbortController();
    const stream = await fetch(`${origin}/api/live`, { signal: abort.signal });
    const reading = readSse(stream, (frames) => eventsOf(frames).length >= 3, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 100));

    const first = await storeElsewhere(writerStore, 'RUS threatened UKR. UKR met USA.', '2021-02-03');
    await writerBus.publish(first);
    await writerBus.publish(first);
    const second = await storeElsewhere(writerStore, 'IND aided NPL.', '2021-02-04');
    await writerBus.publish(second);

    const frames = await reading;
    abort.abort();
    const events = eventsOf(frames);
    expect(events.map((e) => e.id)).toEqual([...(first.ids ?? []), ...(second.ids ?? [])]);
    expect(events.map((e) => e.source)).toEqual(['RUS', 'UKR', 'IND']);
  }, 30_000);
});
