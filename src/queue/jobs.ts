/**
 * The four queues a worker consumes and the payload each carries. Payloads are plain JSON (they live in a jsonb
 * column) and carry everything a worker on another machine needs: a code job carries the document's text, not a
 * path on the machine that enqueued it.
 */
import type { DocumentInput } from '../store/store.js';

export const QUEUE_NAMES = ['fetch', 'code', 'recode', 'rollup'] as const;

export type QueueName = (typeof QUEUE_NAMES)[number];

/** Fetch an article URL (then enqueue it for coding), or poll one feed and code its new items. */
export type FetchJob = { url: string; source?: string; feedId?: number } | { feed: number };

/** Code and store one document; idempotent through the document hash. */
export interface CodeJob {
  /** `path:line` or URL, for messages. */
  where: string;
  document: DocumentInput & { date: string };
  /** The feed item this document came from, recorded as seen once the document is stored. */
  feedItem?: { feedId: number; guid: string; url: string | null };
}

/** Re-code the stored documents whose ids sort after `after` and up to `through` (inclusive). */
export interface RecodeJob {
  after: string;
  through: string;
}

/** Recompute the dyad roll-up of these days (`YYYY-MM-DD`) from the stored events. */
export interface RollupJob {
  days: string[];
}

export interface JobData {
  fetch: FetchJob;
  code: CodeJob;
  recode: RecodeJob;
  rollup: RollupJob;
}

/** The dead-letter queue a queue's jobs go to once their retries are used up (`code` → `code-dead`). */
export function deadLetterName(name: QueueName): string {
  return `${name}-dead`;
}
