/** What every job handler works with: the store, the coder, the queue (to enqueue follow-up jobs), the live bus. */
import type { Coder } from '../coder/types.js';
import type { FetchLimits } from '../ingest/safe-fetch.js';
import type { LiveBus } from '../queue/live-bus.js';
import type { Queue } from '../queue/queue.js';
import type { Store } from '../store/store.js';

export interface JobContext {
  store: Store;
  coder: Coder;
  queue: Queue;
  live: LiveBus;
  limits: FetchLimits;
}

/** Most events a notice lists by id (the rest are read from the store by document). */
const MAX_LISTED = 10_000;

/**
 * Tells live subscribers that a document's events are stored (or re-coded), with their ids. Called after the
 * document's transaction committed; a crash before this line is covered by the job's retry publishing again.
 */
export async function announce(context: JobContext, kind: 'stored' | 'recoded', doc: string): Promise<void> {
  const page = await context.store.queryEvents({ doc, limit: MAX_LISTED, order: 'asc' });
  const ids = page.items.map((event) => event.id).sort((a, b) => a - b);
  await context.live.publish({ kind, doc, events: ids.length, ids: page.next === null ? ids : null });
}
