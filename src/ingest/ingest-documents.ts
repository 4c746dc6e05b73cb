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
   * Documents in flight at once. SQLite writes are local and fast, so 1; PostgreSQL writes wait on the network
   * and the commit, so 4 by default: the coder works on the next documents while earlier ones are being stored.
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

/**
 * Ingests a stream of items and returns the summary. Items sharing a URL are never in flight together, so
 * versions of one page are stored in order.
 * @example const summary = await ingestItems(filesItems(paths), { store, coder });
 */
export async function ingestItems(items: AsyncIterable<SourceItem>, options: IngestOptions): Promise<IngestSummary> {
  const started = performance.now();
  const summary = emptySummary();
  const concurrency = Math.max(1, options.concurrency ?? (options.store.dialect === 'postgres' ? 4 : 1));
  const inFlight = new Set<Promise<void>>();
  const byUrl = new Map<string, Promise<void>>();
  for await (const item of items) {
    while (inFlight.size >= concurrency) await Promise.race(inFlight);
    const url = item.document?.url ?? null;
    const before = url === null ? undefined : byUrl.get(url);
    const task: Promise<void> = (async () => {
      if (before !== undefined) await before;
      await ingestItem(item, options, summary);
      summary.milliseconds = performance.now() - started;
      options.onItem?.(summary, item);
    })().finally(() => {
      inFlight.delete(task);
      if (url !== null && byUrl.get(url) === task) byUrl.delete(url);
    });
    inFlight.add(task);
    if (url !== null) byUrl.set(url, task);
  }
  await Promise.all(inFlight);
  summary.milliseconds = performance.now() - started;
  return summary;
}
