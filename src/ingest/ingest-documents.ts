/**
 * The ingest loop shared by files, URLs and feeds: clean each document, skip it when its hash is already stored
 * (before spending time coding it), code it, store it in one transaction. A failing item is counted and reported,
 * never thrown: the batch goes on.
 */
import type { Coder } from '../coder/types.js';
import { cleanText, documentId } from '../store/document-id.js';
import type { Store } from '../store/store.js';
import type { SourceItem } from './file-sources.js';

export interface IngestSummary {
  new: number;
  versions: number;
  duplicates: number;
  failed: number;
  sentences: number;
  events: number;
  /** Per-item problems, `where: message`. */
  errors: string[];
  milliseconds: number;
}

export interface IngestOptions {
  store: Store;
  coder: Coder;
  /** Called after each item with the summary so far and the item's input bytes (progress bars). */
  onItem?: (summary: IngestSummary, item: SourceItem) => void;
  /** Stops errors piling up in memory on huge batches; the count keeps going. Default 1000. */
  maxErrors?: number;
  /**
   * Documents in flight at once (default 256, and at most 32 million characters of text between them): coded and waiting for
   * their batch to commit. The store writes the documents that are ready together, one transaction per batch
   * (`store/group-commit.ts`), so a wide window means few commits; on PostgreSQL the coder also keeps working on
   * the next documents while a batch is on its way to the server.
   */
  concurrency?: number;
}

export function emptySummary(): IngestSummary {
  return { new: 0, versions: 0, duplicates: 0, failed: 0, sentences: 0, events: 0, errors: [], milliseconds: 0 };
}

/** Codes and stores one item, updating `summary`; returns the stored document id, or null. */
export async function ingestItem(
  item: SourceItem,
  options: IngestOptions,
  summary: IngestSummary,
): Promise<string | null> {
  const fail = (message: string) => {
    summary.failed++;
    if (summary.errors.length < (options.maxErrors ?? 1000)) summary.errors.push(`${item.where}: ${message}`);
    return null;
  };
  if (item.document === undefined) return fail(item.error ?? 'unreadable');
  try {
    const text = cleanText(item.document.text);
    if (text === '') return fail('empty document');
    const id = documentId(text);
    if (await options.store.hasDocument(id)) {
      summary.duplicates++;
      return id;
    }
    const coded = options.coder.codeDocument({
      id,
      date: item.document.date,
      text,
      ...(item.document.title ? { title: item.document.title } : {}),
    });
    const result = await options.store.putDocument({ ...item.document, text, coder: options.coder.version }, coded);
    if (result.status === 'duplicate') summary.duplicates++;
    else {
      if (result.status === 'new') summary.new++;
      else summary.versions++;
      summary.sentences += result.sentences;
      summary.events += result.events;
    }
    return result.id;
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
}

/** Text held by documents in flight at once, beyond which ingest waits for earlier ones to be stored. */
const MAX_BYTES_IN_FLIGHT = 32 * 1024 * 1024;

/**
 * Ingests a stream of items and returns the summary. Documents reach the store in stream order and the store
 * commits them first in, first out, so the first of two equal texts is the one stored and versions of one page
 * are stored in order. `onItem` runs once an item's document has been committed.
 * @example const summary = await ingestItems(filesItems(paths), { store, coder });
 */
export async function ingestItems(items: AsyncIterable<SourceItem>, options: IngestOptions): Promise<IngestSummary> {
  const started = performance.now();
  const summary = emptySummary();
  const concurrency = Math.max(1, options.concurrency ?? 256);
  let inFlight = 0;
  let bytes = 0;
  // The loop waits for any item to finish: one waiter woken, rather than a race over every promise in flight.
  const waiting: (() => void)[] = [];
  const settled = () => new Promise<void>((resolve) => waiting.push(resolve));
  let failure: { error: unknown } | null = null;
  for await (const item of items) {
    const size = item.document?.text.length ?? 0;
    while (inFlight >= concurrency || (inFlight > 0 && bytes + size > MAX_BYTES_IN_FLIGHT)) await settled();
    if (failure !== null) break;
    inFlight++;
    bytes += size;
    void (async () => {
      try {
        await ingestItem(item, options, summary);
        summary.milliseconds = performance.now() - started;
        options.onItem?.(summary, item);
      } catch (error) {
        failure ??= { error };
      } finally {
        inFlight--;
        bytes -= size;
        waiting.shift()?.();
      }
    })();
  }
  while (inFlight > 0) await settled();
  if (failure !== null) throw (failure as { error: unknown }).error;
  summary.milliseconds = performance.now() - started;
  return summary;
}
