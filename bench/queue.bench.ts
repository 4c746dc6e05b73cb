/**
 * Queue throughput: a backfill of real news through the pg-boss queue with 1 and then 2 `dyadwatch worker`
 * processes (the scaling ratio; this machine has 2 cores, shared with PostgreSQL), against inline ingest into the
 * same PostgreSQL in the same run (the per-document cost of going through the queue). Needs DATABASE_URL and
 * ../shared/corpora/reuters21578.jsonl (first DYADWATCH_BENCH_QUEUE_DOCS documents, default 1500); skipped with a
 * notice otherwise. Workers are the built CLI beside this file (`dist/src/cli/main.js` after `npm run build`).
 */
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createCoder } from '../src/coder/index.js';
import { fileItems, type SourceItem } from '../src/ingest/file-sources.js';
import { ingestItems } from '../src/ingest/ingest-documents.js';
import { sharedDir } from '../src/package-root.js';
import { openQueue } from '../src/queue/index.js';
import type { CodeJob } from '../src/queue/jobs.js';
import { cleanText, documentId } from '../src/store/document-id.js';
import { openPostgresStore } from '../src/store/postgres/postgres-store.js';

const SCHEMA = `bench_queue_${process.pid}`;

async function corpus(limit: number): Promise<SourceItem[]> {
  const shared = sharedDir();
  const path = shared === null ? '' : join(shared, 'corpora', 'reuters21578.jsonl');
  if (!existsSync(path)) return [];
  const items: SourceItem[] = [];
  for await (const item of fileItems(path, statSync(path).size)) {
    if (item.document) items.push(item);
    if (items.length >= limit) break;
  }
  return items;
}

async function resetSchema(url: string, schema: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; DROP SCHEMA IF EXISTS ${schema}_jobs CASCADE`);
  await admin.end();
}

async function inline(url: string, items: readonly SourceItem[]) {
  await resetSchema(url, SCHEMA);
  const store = await openPostgresStore({ connectionString: url, schema: SCHEMA });
  const coder = await createCoder();
  async function* stream() {
    yield* items;
  }
  const started = performance.now();
  const summary = await ingestItems(stream(), { store, coder });
  const ms = performance.now() - started;
  await store.close();
  return { ms, sentences: summary.sentences };
}

/** Enqueues the corpus, starts `workers` processes, and times them from the first one ready to the last document. */
async function queued(url: string, items: readonly SourceItem[], workers: number, distinct: number) {
  await resetSchema(url, SCHEMA);
  const store = await openPostgresStore({ connectionString: url, schema: SCHEMA });
  const queue = await openQueue({ databaseUrl: url, schema: SCHEMA });
  const jobs: CodeJob[] = items.flatMap((item) =>
    item.document ? [{ where: item.where, document: item.document }] : [],
  );
  const enqueueStarted = performance.now();
  for (let i = 0; i < jobs.length; i += 500) await queue.sendMany('code', jobs.slice(i, i + 500));
  const enqueueMs = performance.now() - enqueueStarted;
  const main = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'cli', 'main.js');
  const env = { ...process.env, DATABASE_URL: url, DYADWATCH_PG_SCHEMA: SCHEMA, DYADWATCH_DB: '' };
  let started = 0;
  const children = Array.from({ length: workers }, () => {
    const child = spawn(process.execPath, [main, 'worker'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr?.on('data', (chunk: Buffer) => {
      if (started === 0 && chunk.toString().includes('consuming')) started = performance.now();
    });
    return child;
  });
  // A light poll (one count of a small table) so watching does not slow the workers down.
  const documents = async () =>
    Number((await watcher.query(`SELECT count(*) AS n FROM ${SCHEMA}.documents`)).rows[0]?.n ?? 0);
  const watcher = new pg.Client({ connectionString: url });
  await watcher.connect();
  try {
    for (;;) {
      if (started > 0 && (await documents()) >= distinct) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return { ms: performance.now() - started, enqueueMs };
  } finally {
    await watcher.end();
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((child) => new Promise((resolve) => child.on('exit', resolve))));
    await queue.close();
    await store.close();
  }
}

export async function run(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.log('SKIPPED: set DATABASE_URL (the queue lives in PostgreSQL)');
    return;
  }
  const items = await corpus(Number(process.env.DYADWATCH_BENCH_QUEUE_DOCS ?? 1500));
  if (items.length === 0) {
    console.log('SKIPPED: ../shared/corpora/reuters21578.jsonl is not there');
    return;
  }
  const distinct = new Set(items.map((item) => documentId(cleanText(item.document?.text ?? '')))).size;
  try {
    const base = await inline(url, items);
    const one = await queued(url, items, 1, distinct);
    const two = await queued(url, items, 2, distinct);
    const rate = (ms: number) => distinct / (ms / 1000);
    const row = (label: string, ms: number) =>
      `${label.padEnd(24)} ${rate(ms).toFixed(0).padStart(6)} docs/s ${(base.sentences / (ms / 1000)).toFixed(0).padStart(7)} sentences/s  (${(ms / 1000).toFixed(2)} s)`;
    console.log(`${distinct} Reuters documents, ${base.sentences} sentences, PostgreSQL`);
    console.log(row('inline ingest (1 core)', base.ms));
    console.log(row('queue, 1 worker', one.ms));
    console.log(row('queue, 2 workers', two.ms));
    console.log(
      `scaling ratio 2 workers / 1 worker: ${(one.ms / two.ms).toFixed(2)} (2 cores, shared with PostgreSQL)`,
    );
    console.log(
      `queue overhead per document: ${((one.ms - base.ms) / distinct).toFixed(2)} ms (1 worker vs inline); ` +
        `enqueueing: ${(one.enqueueMs / distinct).toFixed(3)} ms per document`,
    );
  } finally {
    await resetSchema(url, SCHEMA);
  }
}
