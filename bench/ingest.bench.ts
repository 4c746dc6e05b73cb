/**
 * Ingest throughput: documents/s and sentences/s coding and storing a real news corpus into SQLite (and into
 * PostgreSQL when DATABASE_URL is set), as a ratio to the coder alone on the same documents in the same run,
 * the three taking turns over slices of the corpus.
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

interface Side {
  name: 'coder' | 'sqlite' | 'postgres';
  ms: number;
  sentences: number;
  failed: number;
  error: string | null;
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
  const url = process.env.DATABASE_URL || null;
  // The machine may be busy with other work. The coder alone, SQLite and PostgreSQL take turns over slices of the
  // corpus (order reversed every other slice), each store growing across its slices as in one long ingest, so a
  // burst of outside load lands on all of them alike; two rounds, the better round of each kept.
  const SLICES = 10;
  const sliceSize = Math.ceil(items.length / SLICES);
  const dir = mkdtempSync(join(tmpdir(), 'dyadwatch-bench-'));
  const best = new Map<Side['name'], Side>();
  let counts = { sentences: 0, events: 0 };
  try {
    for (let round = 0; round < 2; round++) {
      const sqlite = await openSqliteStore(join(dir, `bench-${round}.db`));
      const schema = `bench_ingest_${process.pid}_${round}`;
      const postgres = url === null ? null : await openPostgresStore({ connectionString: url, schema });
      const sides: Side[] = [
        { name: 'coder', ms: 0, sentences: 0, failed: 0, error: null },
        { name: 'sqlite', ms: 0, sentences: 0, failed: 0, error: null },
        ...(postgres === null ? [] : [{ name: 'postgres' as const, ms: 0, sentences: 0, failed: 0, error: null }]),
      ];
      let events = 0;
      try {
        for (let s = 0; s < SLICES; s++) {
          const slice = items.slice(s * sliceSize, (s + 1) * sliceSize);
          for (const side of s % 2 === 0 ? sides : [...sides].reverse()) {
            if (side.name === 'coder') {
              const alone = codeAll(coder, slice);
              side.ms += alone.ms;
              side.sentences += alone.sentences;
              events += alone.events;
            } else {
              const stored = await ingestAll(side.name === 'sqlite' ? sqlite : (postgres as Store), coder, slice);
              side.ms += stored.ms;
              side.sentences += stored.summary.sentences;
              side.failed += stored.summary.failed;
              side.error ??= stored.summary.errors[0] ?? null;
            }
          }
        }
      } finally {
        await sqlite.close();
        if (postgres !== null) {
          await postgres.close();
          await dropSchema(url as string, schema);
        }
      }
      counts = { sentences: sides[0]?.sentences ?? 0, events };
      for (const side of sides) {
        const known = best.get(side.name);
        if (known === undefined || side.ms < known.ms) best.set(side.name, side);
      }
    }
    const baseline = best.get('coder')?.ms ?? Number.NaN;
    console.log(`corpus: ${items.length} Reuters stories, ${counts.sentences} sentences, ${counts.events} events`);
    console.log(line('coder alone', items.length, counts.sentences, baseline, null));
    for (const [name, label] of [
      ['sqlite', 'code + store SQLite'],
      ['postgres', 'code + store Postgres'],
    ] as const) {
      const side = best.get(name);
      if (side === undefined) continue;
      console.log(line(label, items.length, side.sentences, side.ms, baseline));
      if (side.failed > 0) console.log(`  (${side.failed} failed: ${side.error})`);
    }
    if (url === null) console.log('PostgreSQL: SKIPPED (DATABASE_URL not set)');
    const again = await openSqliteStore(join(dir, 'bench-0.db'));
    const rerun = await ingestAll(again, coder, items);
    await again.close();
    console.log(line('re-ingest (all dupes)', items.length, 0, rerun.ms, baseline));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function dropSchema(url: string, schema: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.end();
}
