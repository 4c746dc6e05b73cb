/**
 * Ingest throughput: documents/s and sentences/s coding and storing a real news corpus into SQLite (and into
 * PostgreSQL when DATABASE_URL is set), as a ratio to the coder alone on the same documents in the same run.
 * Target: ratio ≥ 0.7 on SQLite (storing costs at most 30%). Corpus: ../shared/corpora/reuters21578.jsonl, first
 * DYADWATCH_BENCH_DOCS documents (default 3000).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Coder } from '../src/coder/types.js';
import { fileItems, type SourceItem } from '../src/ingest/file-sources.js';
import { ingestItems } from '../src/ingest/ingest-documents.js';
import { sharedDir } from '../src/package-root.js';
import { cleanText, documentId } from '../src/store/document-id.js';
import { openPostgresStore } from '../src/store/postgres/postgres-store.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { Store } from '../src/store/store.js';

async function corpus(limit: number): Promise<SourceItem[]> {
  const shared = sharedDir();
  if (shared === null) return [];
  const path = join(shared, 'corpora', 'reuters21578.jsonl');
  const items: SourceItem[] = [];
  for await (const item of fileItems(path, statSync(path).size)) {
    if (item.document) items.push(item);
    if (items.length >= limit) break;
  }
  return items;
}

function codeAll(coder: Coder, items: readonly SourceItem[]): { ms: number; sentences: number; events: number } {
  const started = performance.now();
  let sentences = 0;
  let events = 0;
  for (const item of items) {
    const document = item.document;
    if (document === undefined) continue;
    const text = cleanText(document.text);
    const title = document.title ? { title: document.title } : {};
    const coded = coder.codeDocument({ id: documentId(text), date: document.date, text, ...title });
    sentences += coded.sentences.length;
    events += coded.events.length;
  }
  return { ms: performance.now() - started, sentences, events };
}

async function ingestAll(store: Store, coder: Coder, items: readonly SourceItem[]) {
  async function* stream() {
    yield* items;
  }
  const started = performance.now();
  const summary = await ingestItems(stream(), { store, coder });
  return { ms: performance.now() - started, summary };
}

function line(label: string, docs: number, sentences: number, ms: number, baselineMs: number | null): string {
  const seconds = ms / 1000;
  const ratio = baselineMs === null ? '' : `  ratio to coder alone ${(baselineMs / ms).toFixed(2)}`;
  return `${label.padEnd(22)} ${(docs / seconds).toFixed(0).padStart(6)} docs/s ${(sentences / seconds).toFixed(0).padStart(7)} sentences/s  (${seconds.toFixed(2)} s)${ratio}`;
}

export async function run(): Promise<void> {
  const limit = Number(process.env.DYADWATCH_BENCH_DOCS ?? 3000);
  const items = await corpus(limit);
  if (items.length === 0) {
    console.log('SKIPPED: ../shared/corpora/reuters21578.jsonl not found');
    return;
  }
  const { createCoder } = await import('../src/coder/index.js');
  const coder = await createCoder();
  codeAll(coder, items.slice(0, 200));
  // The machine may be busy with other work: measure the coder and SQLite alternately, twice, and keep the best
  // of each, so a burst of outside load does not land on one side of the ratio only.
  const dir = mkdtempSync(join(tmpdir(), 'dyadwatch-bench-'));
  let baseline = Number.POSITIVE_INFINITY;
  let best: Awaited<ReturnType<typeof ingestAll>> | null = null;
  let counts = { sentences: 0, events: 0 };
  try {
    for (let round = 0; round < 2; round++) {
      const alone = codeAll(coder, items);
      counts = alone;
      baseline = Math.min(baseline, alone.ms);
      const sqlite = await openSqliteStore(join(dir, `bench-${round}.db`));
      const stored = await ingestAll(sqlite, coder, items);
      await sqlite.close();
      if (best === null || stored.ms < best.ms) best = stored;
    }
    console.log(`corpus: ${items.length} Reuters stories, ${counts.sentences} sentences, ${counts.events} events`);
    console.log(line('coder alone', items.length, counts.sentences, baseline, null));
    if (best !== null) {
      console.log(line('code + store SQLite', items.length, best.summary.sentences, best.ms, baseline));
      if (best.summary.failed > 0) console.log(`  (${best.summary.failed} failed: ${best.summary.errors[0]})`);
    }
    const again = await openSqliteStore(join(dir, 'bench-0.db'));
    const rerun = await ingestAll(again, coder, items);
    await again.close();
    console.log(line('re-ingest (all dupes)', items.length, 0, rerun.ms, baseline));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const url = process.env.DATABASE_URL;
  if (!url) {
    console.log('PostgreSQL: SKIPPED (DATABASE_URL not set)');
    return;
  }
  const schema = `bench_ingest_${process.pid}`;
  const store = await openPostgresStore({ connectionString: url, schema });
  try {
    const stored = await ingestAll(store, coder, items);
    console.log(line('code + store Postgres', items.length, stored.summary.sentences, stored.ms, baseline));
  } finally {
    await store.close();
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  }
}
