/**
 * The live view across processes: a worker (or any writer) publishes a short notice when a document's events are
 * stored; every server process subscribes and pushes the events to its browsers. `postgres/` carries notices with
 * LISTEN/NOTIFY, so workers and servers on different machines meet in the database; `memory/` keeps them in one
 * process (SQLite deployments, tests).
 *
 * Delivery is at least once: a job retried after a crash publishes its notice again, so subscribers de-duplicate
 * by event id. Notices are not stored: a subscriber that was disconnected gets a `resync` notice and reads what it
 * missed from the store (events with an id above the last one it saw).
 */

/** Events of one document were stored (`stored`) or replaced by a re-coding (`recoded`). */
export interface DocumentNotice {
  kind: 'stored' | 'recoded';
  /** The document id (`sha256:…`). */
  doc: string;
  /** How many events the document now has. */
  events: number;
  /**
   * The stored event ids, ascending; null when there are too many for one notice (NOTIFY payloads stay under
   * 8000 bytes): read them with `store.queryEvents({ doc })`.
   */
  ids: number[] | null;
}

/** The subscription was interrupted and is back: notices may have been missed, read the store for them. */
export interface ResyncNotice {
  kind: 'resync';
}

export type LiveNotice = DocumentNotice | ResyncNotice;

export type LiveListener = (notice: LiveNotice) => void;

export interface LiveBus {
  publish(notice: DocumentNotice): Promise<void>;
  /**
   * Calls `listener` for every notice published from now on (by any process, for `postgres`); resolves once
   * listening, with a function that stops it.
   */
  subscribe(listener: LiveListener): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** Longest notice payload; PostgreSQL refuses NOTIFY payloads of 8000 bytes or more. */
export const MAX_NOTICE_BYTES = 7900;

/** The notice as a compact JSON string under `MAX_NOTICE_BYTES`, dropping the id list when it is too long. */
export function encodeNotice(notice: DocumentNotice): string {
  const full = JSON.stringify(notice);
  if (Buffer.byteLength(full) <= MAX_NOTICE_BYTES) return full;
  return JSON.stringify({ ...notice, ids: null });
}

/** Parses a notice, or returns null for a payload that is not one (another program on the channel). */
export function decodeNotice(payload: string): LiveNotice | null {
  try {
    const value = JSON.parse(payload) as Partial<DocumentNotice>;
    if ((value.kind === 'stored' || value.kind === 'recoded') && typeof value.doc === 'string') {
      return {
        kind: value.kind,
        doc: value.doc,
        events: Number(value.events ?? 0),
        ids: Array.isArray(value.ids) ? value.ids.map(Number) : null,
      };
    }
  } catch {
    // Not JSON: not ours.
  }
  return null;
}
