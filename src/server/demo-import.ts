/**
 * The demo corpus (`demo/corpus.jsonl`) coded into an empty store, so `npm start` opens on something to look at.
 * A store that already holds documents is left alone.
 */
import { join } from 'node:path';
import type { Coder } from '../coder/types.js';
import { fileItems } from '../ingest/file-sources.js';
import { type IngestSummary, ingestItems } from '../ingest/ingest-documents.js';
import { packageRoot } from '../package-root.js';
import type { Store } from '../store/store.js';

export function demoCorpusPath(): string {
  return join(packageRoot(), 'demo', 'corpus.jsonl');
}

/** Imports the demo corpus when the store is empty; null when it was not. */
export async function importDemoIfEmpty(
  store: Store,
  coder: Coder,
  onProgress?: (summary: IngestSummary) => void,
): Promise<IngestSummary | null> {
  if ((await store.stats()).documents > 0) return null;
  const path = demoCorpusPath();
  return ingestItems(fileItems(path, 0), { store, coder, onItem: (summary) => onProgress?.(summary) });
}
