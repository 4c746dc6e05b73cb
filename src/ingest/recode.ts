/**
 * Re-codes every stored document with the current coder (after a dictionary change): each document's events and
 * sentences are replaced in one transaction, its analyst corrections applied again.
 */
import type { Coder } from '../coder/types.js';
import type { Store } from '../store/store.js';

export interface RecodeSummary {
  documents: number;
  events: number;
  failed: number;
  errors: string[];
  milliseconds: number;
}

/**
 * @example await recodeAll(store, coder, (done) => bar.update(done));
 */
export async function recodeAll(
  store: Store,
  coder: Coder,
  onProgress?: (done: number, summary: RecodeSummary) => void,
): Promise<RecodeSummary> {
  const started = performance.now();
  const summary: RecodeSummary = { documents: 0, events: 0, failed: 0, errors: [], milliseconds: 0 };
  let cursor: string | null = null;
  do {
    const page = await store.documentTexts(cursor, 200);
    for (const doc of page.items) {
      try {
        const coded = coder.codeDocument({
          id: doc.id,
          date: doc.date,
          text: doc.text,
          ...(doc.title ? { title: doc.title } : {}),
        });
        summary.events += (await store.replaceCoding(doc.id, coded, coder.version)).events;
        summary.documents++;
      } catch (error) {
        summary.failed++;
        if (summary.errors.length < 1000) summary.errors.push(`${doc.id}: ${(error as Error).message}`);
      }
      onProgress?.(summary.documents + summary.failed, summary);
    }
    cursor = page.next;
  } while (cursor !== null);
  summary.milliseconds = performance.now() - started;
  return summary;
}
