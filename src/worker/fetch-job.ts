/**
 * The `fetch` job: an article URL is fetched (within the fetch limits) and handed on as a `code` job, so a network
 * failure is retried without re-coding and a coding failure without re-fetching. A feed job polls one feed and
 * codes its new items in the same job: items are marked seen as they are stored, so a retried poll skips them.
 */
import { pollFeed } from '../ingest/feed-poll.js';
import { urlItem } from '../ingest/url-source.js';
import type { QueuedJob } from '../queue/queue.js';
import type { Store } from '../store/store.js';
import { announce, type JobContext } from './job-context.js';

export type FetchJobResult =
  | { url: string; queued: string }
  | { feed: number; outcome: string; items: number; stored: number; failed: number };

export async function runFetchJob(job: QueuedJob<'fetch'>, context: JobContext): Promise<FetchJobResult> {
  const data = job.data;
  if ('feed' in data) return pollOneFeed(data.feed, context);
  const extra = { ...(data.feedId === undefined ? {} : { feedId: data.feedId }), source: data.source ?? data.url };
  const item = await urlItem(data.url, context.limits, extra);
  if (item.document === undefined) throw new Error(`${data.url}: ${item.error ?? 'no document'}`);
  const queued = await context.queue.send('code', { where: data.url, document: item.document });
  return { url: data.url, queued };
}

async function pollOneFeed(feedId: number, context: JobContext): Promise<FetchJobResult> {
  const feed = await context.store.getFeed(feedId);
  if (feed === null) return { feed: feedId, outcome: 'removed', items: 0, stored: 0, failed: 0 };
  const result = await pollFeed(feed, {
    store: announcingStore(context),
    coder: context.coder,
    limits: context.limits,
  });
  if (result.outcome === 'failed') throw new Error(`feed ${feed.id} ${feed.url}: ${result.error}`);
  const { summary } = result;
  return {
    feed: feedId,
    outcome: result.outcome,
    items: result.items,
    stored: summary.new + summary.versions,
    failed: summary.failed,
  };
}

/** The store, announcing each newly stored document on the live bus (feed items are stored inside `pollFeed`). */
function announcingStore(context: JobContext): Store {
  const store = context.store;
  const wrapped = Object.create(store) as Store;
  wrapped.putDocument = async (input, coded) => {
    const result = await store.putDocument(input, coded);
    if (result.status !== 'duplicate') await announce(context, 'stored', result.id);
    return result;
  };
  return wrapped;
}
