/** The `feeds` and `feed_items` tables: what to poll, when, and which items were already fetched. */
import type { Queryable } from './driver.js';
import { toFeed } from './rows.js';
import type { Feed, FeedUpdate } from './store.js';

const UPDATE_COLUMNS: Record<keyof FeedUpdate, string> = {
  title: 'title',
  etag: 'etag',
  lastModified: 'last_modified',
  lastPolledAt: 'last_polled_at',
  lastSuccessAt: 'last_success_at',
  error: 'error',
  errorCount: 'error_count',
  nextPollAt: 'next_poll_at',
};

export async function addFeed(
  db: Queryable,
  url: string,
  options: { intervalMinutes?: number; title?: string | null } = {},
): Promise<Feed> {
  const now = new Date().toISOString();
  await db.insertMany(
    'feeds',
    ['url', 'title', 'interval_minutes', 'added_at', 'next_poll_at'],
    [[url, options.title ?? null, options.intervalMinutes ?? 30, now, now]],
    'ON CONFLICT (url) DO NOTHING',
  );
  const feed = await getFeed(db, url);
  if (feed === null) throw new Error(`feed ${url} could not be stored`);
  return feed;
}

export async function getFeed(db: Queryable, idOrUrl: number | string): Promise<Feed | null> {
  const column = typeof idOrUrl === 'number' ? 'id' : 'url';
  const [row] = await db.all(`SELECT * FROM feeds WHERE ${column} = ?`, [idOrUrl]);
  return row === undefined ? null : toFeed(row);
}

export async function listFeeds(db: Queryable): Promise<Feed[]> {
  return (await db.all('SELECT * FROM feeds ORDER BY id')).map(toFeed);
}

export async function updateFeed(db: Queryable, id: number, update: FeedUpdate): Promise<void> {
  const entries = Object.entries(update).filter(([key]) => key in UPDATE_COLUMNS) as [keyof FeedUpdate, unknown][];
  if (entries.length === 0) return;
  const sets = entries.map(([key]) => `${UPDATE_COLUMNS[key]} = ?`).join(', ');
  await db.run(`UPDATE feeds SET ${sets} WHERE id = ?`, [...entries.map(([, value]) => value ?? null), id]);
}

export async function removeFeed(db: Queryable, id: number): Promise<boolean> {
  await db.run('DELETE FROM feed_items WHERE feed_id = ?', [id]);
  return (await db.run('DELETE FROM feeds WHERE id = ?', [id])) > 0;
}

export async function markFeedItem(
  db: Queryable,
  feedId: number,
  guid: string,
  url: string | null,
  docId: string | null,
): Promise<boolean> {
  const inserted = await db.insertMany(
    'feed_items',
    ['feed_id', 'guid', 'url', 'doc_id', 'seen_at'],
    [[feedId, guid, url, docId, new Date().toISOString()]],
    'ON CONFLICT (feed_id, guid) DO NOTHING',
  );
  return inserted > 0;
}

export async function hasFeedItem(db: Queryable, feedId: number, guid: string): Promise<boolean> {
  return (await db.all('SELECT 1 AS seen FROM feed_items WHERE feed_id = ? AND guid = ?', [feedId, guid])).length > 0;
}
