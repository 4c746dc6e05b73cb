/**
 * The `code` job: one document, coded and stored in one transaction. Idempotent through the document hash: a
 * document already stored (by an earlier delivery of this job, or by another job with the same text) is not coded
 * again. Exactly-once effect under at-least-once delivery rests on that and on the store's transaction.
 */
import type { QueuedJob } from '../queue/queue.js';
import { cleanText, documentId } from '../store/document-id.js';
import type { PutStatus } from '../store/store.js';
import { announce, type JobContext } from './job-context.js';

export interface CodeJobResult {
  doc: string;
  status: PutStatus;
  events: number;
}

export async function runCodeJob(job: QueuedJob<'code'>, context: JobContext): Promise<CodeJobResult> {
  const { document, feedItem, where } = job.data;
  const text = cleanText(document.text ?? '');
  if (text === '') throw new Error(`${where}: empty document`);
  const doc = documentId(text);
  let status: PutStatus = 'duplicate';
  let events = 0;
  if (!(await context.store.hasDocument(doc))) {
    const coded = context.coder.codeDocument({
      id: doc,
      date: document.date,
      text,
      ...(document.title ? { title: document.title } : {}),
    });
    const result = await context.store.putDocument({ ...document, text, coder: context.coder.version }, coded);
    status = result.status;
    events = result.events;
  }
  if (feedItem !== undefined) await context.store.markFeedItem(feedItem.feedId, feedItem.guid, feedItem.url, doc);
  // A retried job may find its document stored by the delivery that crashed before announcing it: announce again.
  if (status !== 'duplicate' || job.retryCount > 0) await announce(context, 'stored', doc);
  return { doc, status, events };
}
