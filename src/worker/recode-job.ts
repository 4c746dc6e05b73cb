/**
 * The `recode` job: re-codes a range of stored documents (by id) with this worker's dictionaries. Each document's
 * events are replaced in one transaction, so running a range twice gives the same result.
 */
import type { Queue, QueuedJob } from '../queue/queue.js';
import { encodeCursor } from '../store/cursor.js';
import type { Store } from '../store/store.js';
import { announce, type JobContext } from './job-context.js';

const PAGE = 100;

export async function runRecodeJob(
  job: QueuedJob<'recode'>,
  context: JobContext,
): Promise<{ documents: number; events: number }> {
  const { after, through } = job.data;
  let cursor: string | null = after === '' ? null : encodeCursor([after]);
  let documents = 0;
  let events = 0;
  for (;;) {
    const page = await context.store.documentTexts(cursor, PAGE);
    for (const doc of page.items) {
      if (doc.id > through) return { documents, events };
      const coded = context.coder.codeDocument({
        id: doc.id,
        date: doc.date,
        text: doc.text,
        ...(doc.title ? { title: doc.title } : {}),
      });
      events += (await context.store.replaceCoding(doc.id, coded, context.coder.version)).events;
      documents++;
      await announce(context, 'recoded', doc.id);
    }
    if (page.next === null) return { documents, events };
    cursor = page.next;
  }
}

/**
 * Splits every stored document into ranges of `size` and enqueues one `recode` job per range; returns the number
 * of jobs.
 * @example await enqueueRecode(store, queue, 500);
 */
export async function enqueueRecode(store: Store, queue: Queue, size: number): Promise<number> {
  let cursor: string | null = null;
  let after = '';
  let jobs = 0;
  do {
    const page = await store.documentTexts(cursor, size);
    const last = page.items[page.items.length - 1];
    if (last === undefined) break;
    await queue.send('recode', { after, through: last.id });
    jobs++;
    after = last.id;
    cursor = page.next;
  } while (cursor !== null);
  return jobs;
}
