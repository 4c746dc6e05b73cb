/**
 * Text search over events (`q`): the text is not in the store's indexes, so a search scans pages of the other
 * filters' matches, at most `MAX_TEXT_SCAN` events per request, and continues with `next`.
 */
import { encodeCursor } from '../store/cursor.js';
import type { EventQuery, Page, Store, StoredEvent } from '../store/store.js';

export const MAX_TEXT_SCAN = 50_000;

function matchesText(event: StoredEvent, needle: string): boolean {
  return (
    event.evidence.toLowerCase().includes(needle) ||
    event.source_text.toLowerCase().includes(needle) ||
    event.target_text.toLowerCase().includes(needle) ||
    event.cameo_name.toLowerCase().includes(needle)
  );
}

/** One page of events whose text contains `q`, scanning at most `MAX_TEXT_SCAN` events. */
export async function searchEvents(store: Store, query: EventQuery, q: string): Promise<Page<StoredEvent>> {
  const needle = q.toLowerCase();
  const limit = query.limit ?? 100;
  const items: StoredEvent[] = [];
  let cursor = query.cursor ?? null;
  let scanned = 0;
  for (;;) {
    const page = await store.queryEvents({ ...query, limit: 1000, cursor });
    for (const [index, event] of page.items.entries()) {
      scanned++;
      cursor = encodeCursor([event.date, event.id]);
      if (matchesText(event, needle)) items.push(event);
      if (items.length === limit) {
        const exhausted = page.next === null && index === page.items.length - 1;
        return { items, next: exhausted ? null : cursor };
      }
    }
    if (page.next === null) return { items, next: null };
    if (scanned >= MAX_TEXT_SCAN) return { items, next: cursor };
  }
}
