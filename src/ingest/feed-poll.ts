/**
 * RSS and Atom feeds: poll with conditional GET (ETag, Last-Modified), fetch and code each item not seen before,
 * keep per-feed error state and back off exponentially while a feed keeps failing.
 */
import { parseFeed } from '@rowanmanning/feed-parser';
import type { Feed } from '../store/store.js';
import { emptySummary, type IngestOptions, type IngestSummary, ingestItem } from './ingest-documents.js';
import { type FetchLimits, safeFetch } from './safe-fetch.js';
import { urlItem } from './url-source.js';

/** Longest wait between polls of a failing feed. */
const MAX_BACKOFF_MINUTES = 24 * 60;

export interface FeedPollResult {
  feed: Feed;
  /** `fetched` (new content), `not-modified` (304) or `failed`. */
  outcome: 'fetched' | 'not-modified' | 'failed';
  items: number;
  summary: IngestSummary;
  error: string | null;
}

/** Minutes to wait after `errors` consecutive failures: the interval doubled per failure, capped at a day. */
export function backoffMinutes(intervalMinutes: number, errors: number): number {
  return Math.min(MAX_BACKOFF_MINUTES, intervalMinutes * 2 ** Math.min(errors, 16));
}

function later(minutes: number, now: Date): string {
  return new Date(now.getTime() + minutes * 60_000).toISOString();
}

/**
 * Polls one feed once, whatever its schedule, and stores what is new.
 * @example const result = await pollFeed(feed, { store, coder, limits: { allow: ['127.0.0.1'] } });
 */
export async function pollFeed(
  feed: Feed,
  options: IngestOptions & { limits?: FetchLimits; now?: () => Date },
): Promise<FeedPollResult> {
  const { store } = options;
  const now = options.now?.() ?? new Date();
  const summary = emptySummary();
  const conditional: Record<string, string> = {};
  if (feed.etag) conditional['if-none-match'] = feed.etag;
  if (feed.lastModified) conditional['if-modified-since'] = feed.lastModified;
  try {
    const page = await safeFetch(feed.url, {
      ...options.limits,
      headers: { ...options.limits?.headers, ...conditional },
    });
    if (page.status === 304) {
      await store.updateFeed(feed.id, {
        lastPolledAt: now.toISOString(),
        lastSuccessAt: now.toISOString(),
        error: null,
        errorCount: 0,
        nextPollAt: later(feed.intervalMinutes, now),
      });
      return { feed: (await store.getFeed(feed.id)) ?? feed, outcome: 'not-modified', items: 0, summary, error: null };
    }
    let parsed: ReturnType<typeof parseFeed>;
    try {
      parsed = parseFeed(page.body);
    } catch (error) {
      throw new Error(`not a valid RSS or Atom feed (${(error as Error).message})`);
    }
    let items = 0;
    for (const item of parsed.items) {
      const guid = item.id ?? item.url;
      if (!guid || (await store.hasFeedItem(feed.id, guid))) continue;
      items++;
      const link = item.url ? new URL(item.url, page.url).toString() : null;
      let source = link ? await urlItem(link, options.limits ?? {}, { feedId: feed.id, source: feed.url }) : null;
      // A page that cannot be fetched still leaves the feed's own text for the item, when there is some.
      const fallback = item.content ?? item.description;
      if ((source === null || source.document === undefined) && fallback) {
        const { parseHTML } = await import('linkedom');
        const text = parseHTML(`<!doctype html><html><body>${fallback}</body></html>`).document.body?.textContent ?? '';
        if (text.trim().length > 0) {
          source = {
            where: link ?? guid,
            bytes: text.length,
            document: {
              text,
              url: link,
              title: item.title,
              date: (item.published ?? now).toISOString().slice(0, 10),
              source: feed.url,
              feedId: feed.id,
            },
          };
        }
      }
      if (source === null) continue;
      if (source.document && item.title && !source.document.title) source.document.title = item.title;
      if (source.document && item.published && !source.document.published) {
        source.document.published = item.published.toISOString().slice(0, 10);
        source.document.date = source.document.published;
      }
      const id = await ingestItem(source, options, summary);
      if (id !== null) await store.markFeedItem(feed.id, guid, link, id);
    }
    await store.updateFeed(feed.id, {
      title: feed.title ?? parsed.title,
      etag: page.headers.etag ?? null,
      lastModified: page.headers['last-modified'] ?? null,
      lastPolledAt: now.toISOString(),
      lastSuccessAt: now.toISOString(),
      error: null,
      errorCount: 0,
      nextPollAt: later(feed.intervalMinutes, now),
    });
    return { feed: (await store.getFeed(feed.id)) ?? feed, outcome: 'fetched', items, summary, error: null };
  } catch (error) {
    const message = (error as Error).message;
    const errorCount = feed.errorCount + 1;
    await store.updateFeed(feed.id, {
      lastPolledAt: now.toISOString(),
      error: message,
      errorCount,
      nextPollAt: later(backoffMinutes(feed.intervalMinutes, errorCount), now),
    });
    return { feed: (await store.getFeed(feed.id)) ?? feed, outcome: 'failed', items: 0, summary, error: message };
  }
}

/** Polls every feed whose next poll time has come (all of them with `all`). */
export async function pollDueFeeds(
  options: IngestOptions & { limits?: FetchLimits; now?: () => Date; all?: boolean },
): Promise<FeedPollResult[]> {
  const now = options.now?.() ?? new Date();
  const due = (await options.store.listFeeds()).filter((feed) => options.all || feed.nextPollAt <= now.toISOString());
  const results: FeedPollResult[] = [];
  for (const feed of due) results.push(await pollFeed(feed, options));
  return results;
}
