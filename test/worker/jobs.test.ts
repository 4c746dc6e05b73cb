/**
 * The job handlers and the consumer loop, in one process on PostgreSQL (the queue needs it): dead letters carry
 * the error, duplicates are coded once, a stop releases what it cannot finish, roll-up and recode jobs are
 * idempotent, fetch jobs hand on to code jobs, and notices cross connections.
 */
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Coder } from '../../src/coder/types.js';
import { liveChannel, openQueue } from '../../src/queue/index.js';
import type { DocumentNotice, LiveNotice } from '../../src/queue/live-bus.js';
import { encodeNotice, MAX_NOTICE_BYTES } from '../../src/queue/live-bus.js';
import { MemoryLiveBus } from '../../src/queue/memory/memory-live-bus.js';
import { PostgresLiveBus } from '../../src/queue/postgres/postgres-live-bus.js';
import type { Queue, QueuedJob } from '../../src/queue/queue.js';
import { documentId } from '../../src/store/document-id.js';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js';
import { rollupDeltas } from '../../src/store/rollup.js';
import { SqlStore } from '../../src/store/sql-store.js';
import type { Store } from '../../src/store/store.js';
import { Consumer } from '../../src/worker/consume.js';
import type { JobContext } from '../../src/worker/job-context.js';
import { enqueueRecode, runRecodeJob } from '../../src/worker/recode-job.js';
import { runRollupJob } from '../../src/worker/rollup-job.js';
import { handleJob, startWorker } from '../../src/worker/run-worker.js';
import { coded, event } from '../helpers/coded.js';
import { articlePage, startServer } from '../helpers/http-server.js';
import { postgresUrl } from '../helpers/stores.js';
import { waitFor } from './processes.js';

const url = postgresUrl();
const schema = `t_jobs_${process.pid}`;

/** A coder that gives every line one PRK→USA threat dated the document's date; its version is settable. */
function fakeCoder(version = 'fake/1'): Coder & { version: string } {
  return {
    version,
    codeDocument(input) {
      const doc = coded(
        input.text,
        input.text
          .split('\n')
          .map((_, sentence) => event({ doc: input.id, sentence, date: input.date, coder: version })),
      );
      return { ...doc, id: input.id };
    },
  };
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url ?? '' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function job<N extends QueuedJob['name']>(name: N, data: QueuedJob<N>['data'], retryCount = 0): QueuedJob<N> {
  return { id: '00000000-0000-0000-0000-000000000000', name, data, retryCount };
}

describe.skipIf(url === null)('worker jobs on PostgreSQL', () => {
  let store: Store;
  let queue: Queue;
  let live: MemoryLiveBus;
  let notices: LiveNotice[];
  let context: JobContext;

  beforeAll(async () => {
    await admin((c) =>
      c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; DROP SCHEMA IF EXISTS ${schema}_jobs CASCADE`),
    );
    store = await openPostgresStore({ connectionString: url ?? '', schema });
    queue = await openQueue({
      databaseUrl: url ?? '',
      schema,
      env: { DYADWATCH_JOB_RETRIES: '1', DYADWATCH_JOB_RETRY_DELAY: '0', DYADWATCH_QUEUE_MAINTENANCE: '1' },
    });
  });

  beforeEach(async () => {
    live = new MemoryLiveBus();
    notices = [];
    await live.subscribe((notice) => notices.push(notice));
    context = { store, coder: fakeCoder(), queue, live, limits: { allow: ['127.0.0.1'] } };
  });

  afterAll(async () => {
    await queue?.close();
    await store?.close();
    if (url !== null)
      await admin((c) =>
        c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; DROP SCHEMA IF EXISTS ${schema}_jobs CASCADE`),
      );
  });

  it('dead-letters a job with its error once the retries are used up', async () => {
    await queue.send('code', { where: 'bad.jsonl:7', document: { text: '   ', date: '2018-05-24' } });
    const worker = startWorker({ context, queues: ['code'], pollMs: 100 });
    try {
      await waitFor(async () => (await queue.failures(5)).length > 0, 'the job to fail for good', 20_000);
    } finally {
      await worker.stop(1000);
    }
    const [failure] = await queue.failures(5);
    expect(failure).toMatchObject({ queue: 'code', retries: 1, error: 'bad.jsonl:7: empty document' });
    expect((await queue.counts()).find((c) => c.name === 'code')).toMatchObject({ dead: 1, queued: 0, active: 0 });
    expect(worker.tally.code.failed).toBe(2);
  });

  it('codes a text once however many jobs carry it, and announces it once', async () => {
    const document = { text: 'North Korea threatened the U.S.\nSeoul urged calm.', date: '2018-05-24' };
    await queue.sendMany('code', [
      { where: 'a', document },
      { where: 'b', document: { ...document, text: `  ${document.text}  ` } },
    ]);
    const worker = startWorker({ context, queues: ['code'], concurrency: 2, pollMs: 100 });
    try {
      await waitFor(async () => worker.tally.code.completed === 2, 'both jobs', 20_000);
    } finally {
      await worker.stop(1000);
    }
    const id = documentId(document.text);
    expect((await store.getDocument(id))?.events).toHaveLength(2);
    expect(notices).toEqual([{ kind: 'stored', doc: id, events: 2, ids: expect.any(Array) }]);
    // A retried delivery finds the document stored and announces it again (its first delivery may have crashed).
    await handleJob(job('code', { where: 'a', document }, 1), context);
    expect(notices).toHaveLength(2);
  });

  it('releases a job it cannot finish within the grace period, for retry elsewhere', async () => {
    await queue.send('recode', { after: '', through: '' });
    const outcomes: string[] = [];
    const consumer = new Consumer({
      queue,
      slots: 1,
      pollMs: 100,
      handle: () => new Promise(() => {}),
      onOutcome: (_job, outcome) => outcomes.push(outcome),
    });
    consumer.start(['recode']);
    await waitFor(async () => consumer.busy === 1, 'the job to be leased');
    await consumer.stop(200);
    expect(outcomes).toEqual(['released']);
    const [row] = await admin((c) =>
      c.query(`SELECT state, output FROM ${schema}_jobs.job WHERE name = 'recode' ORDER BY created_on DESC LIMIT 1`),
    ).then((r) => r.rows);
    expect(row.state).toBe('retry');
    expect(row.output.message).toMatch(/released for retry/);
    await admin((c) => c.query(`DELETE FROM ${schema}_jobs.job WHERE name = 'recode'`));
  });

  it('recomputes a damaged roll-up from the events, and recomputing again changes nothing', async () => {
    const text = 'Pyongyang threatened Washington.';
    await store.putDocument(
      { text, published: '2019-02-27' },
      context.coder.codeDocument({ id: 'x', date: '2019-02-27', text }),
    );
    await admin((c) =>
      c.query(
        `UPDATE ${schema}.dyad_daily SET events = 99 WHERE day = '2019-02-27';
         INSERT INTO ${schema}.dyad_daily VALUES ('AAA', 'BBB', '2019-02-28', 5, 5, 0, 0, 0, 1, 5, 0, 0)`,
      ),
    );
    const read = () =>
      admin((c) =>
        c.query(`SELECT source, target, day, events FROM ${schema}.dyad_daily ORDER BY source, target, day`),
      ).then((r) => r.rows);
    await runRollupJob(job('rollup', { days: ['2019-02-26', '2019-02-27', '2019-02-28'] }), store);
    const events = (await store.queryEvents({ limit: 10_000 })).items;
    const expected = rollupDeltas(events, 1).map((d) => ({
      source: d.source,
      target: d.target,
      day: d.day,
      events: d.events,
    }));
    expect(await read()).toEqual(expected);
    await runRollupJob(job('rollup', { days: ['2019-02-27'] }), store);
    expect(await read()).toEqual(expected);
    expect(store).toBeInstanceOf(SqlStore);
  });

  it('re-codes documents in ranges, each once, with the new coder', async () => {
    for (const text of ['One line.', 'Two\nlines.', 'Three\nmore\nlines.']) {
      await store.putDocument(
        { text, published: '2019-03-01' },
        context.coder.codeDocument({ id: 'x', date: '2019-03-01', text }),
      );
    }
    const total = (await store.stats()).documents;
    expect(await enqueueRecode(store, queue, 2)).toBe(Math.ceil(total / 2));
    const recoder = { ...context, coder: fakeCoder('fake/2') };
    let documents = 0;
    for (;;) {
      const [next] = await queue.fetch('recode', 1);
      if (next === undefined) break;
      documents += (await runRecodeJob(next, recoder)).documents;
      await queue.complete('recode', [next.id]);
    }
    expect(documents).toBe(total);
    const coders = await admin((c) => c.query(`SELECT DISTINCT coder FROM ${schema}.documents`)).then((r) => r.rows);
    expect(coders).toEqual([{ coder: 'fake/2' }]);
    expect(notices.filter((n) => n.kind === 'recoded')).toHaveLength(total);
  });

  it('fetches an article URL and hands the document on as a code job', async () => {
    const server = await startServer({
      '/a': (_req, res) =>
        res
          .writeHead(200, { 'content-type': 'text/html' })
          .end(articlePage('Summit off', ['Trump cancelled the summit with Kim.'])),
    });
    try {
      const result = await handleJob(job('fetch', { url: `${server.origin}/a` }), context);
      expect(result).toMatchObject({ url: `${server.origin}/a` });
      const [code] = await queue.fetch('code', 1);
      expect(code?.data.document.text).toContain('Trump cancelled the summit');
      expect(code?.data.document.url).toBe(`${server.origin}/a`);
      if (code) await queue.complete('code', [code.id]);
      await expect(handleJob(job('fetch', { url: `${server.origin}/missing` }), context)).rejects.toThrow(/404/);
    } finally {
      await server.close();
    }
  });

  it('carries notices between processes over LISTEN/NOTIFY, and keeps them under the NOTIFY limit', async () => {
    const channel = liveChannel(schema);
    const publisher = new PostgresLiveBus({ connectionString: url ?? '', channel });
    const subscriber = new PostgresLiveBus({ connectionString: url ?? '', channel });
    const heard: LiveNotice[] = [];
    try {
      await subscriber.subscribe((notice) => heard.push(notice));
      const notice: DocumentNotice = { kind: 'stored', doc: 'sha256:abc', events: 2, ids: [7, 8] };
      await publisher.publish(notice);
      const many: DocumentNotice = { kind: 'stored', doc: 'sha256:def', events: 3000, ids: [...Array(3000).keys()] };
      await publisher.publish(many);
      await waitFor(async () => heard.length === 2, 'two notices', 5000, 20);
      expect(heard).toEqual([notice, { ...many, ids: null }]);
      expect(Buffer.byteLength(encodeNotice(many))).toBeLessThanOrEqual(MAX_NOTICE_BYTES);
    } finally {
      await publisher.close();
      await subscriber.close();
    }
  });
});
