/**
 * Group commit for `Store.putDocument`: documents handed over while the previous batch was being written (or
 * within one turn of the event loop) are written together in one transaction. Each caller still gets its own
 * result once that transaction has committed, and each document is still stored whole or not at all. A batch that
 * fails is rolled back and its documents are written again one per transaction, so one bad document fails alone.
 *
 * A single writer waiting on each document gets a transaction per document, as before; the saving comes when
 * several documents are in flight (`ingestItems` keeps a window of them), where commits dominated the cost of
 * storing: SQLite writes every touched page to the WAL at each commit, PostgreSQL waits for its WAL flush.
 */
import { setImmediate } from 'node:timers';
import { type DocumentWrite, inList, writeDocuments } from './document-writer.js';
import type { Driver } from './driver.js';
import type { PutResult } from './store.js';

/** Most documents per transaction: a batch's rows stay well inside either database's statement limits. */
export const MAX_BATCH = 256;

interface Pending extends DocumentWrite {
  resolve(result: PutResult): void;
  reject(error: unknown): void;
}

export class GroupCommit {
  private queue: Pending[] = [];
  private scheduled = false;
  private writing: Promise<void> | null = null;

  constructor(private readonly driver: Driver) {}

  put(write: DocumentWrite): Promise<PutResult> {
    return new Promise<PutResult>((resolve, reject) => {
      this.queue.push({ ...write, resolve, reject });
      this.schedule();
    });
  }

  /** Resolves once everything handed over so far is written (before closing the store). */
  async drain(): Promise<void> {
    while (this.writing !== null || this.queue.length > 0) {
      if (this.writing === null) this.start();
      await this.writing;
    }
  }

  /** Writes at the next turn of the event loop, when every document ready by then has joined the queue. */
  private schedule(): void {
    if (this.scheduled || this.writing !== null) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (this.writing === null) this.start();
    });
  }

  private start(): void {
    const batch = this.queue.splice(0, MAX_BATCH);
    this.writing = this.write(batch).finally(() => {
      this.writing = null;
      if (this.queue.length > 0) this.schedule();
    });
  }

  private async write(batch: readonly Pending[]): Promise<void> {
    if (batch.length === 0) return;
    let results: PutResult[];
    try {
      results = await this.driver.transaction((tx) => writeDocuments(tx, batch));
    } catch (error) {
      if (batch.length === 1) {
        batch[0]?.reject(error);
        return;
      }
      for (const one of batch) {
        try {
          const [result] = await this.driver.transaction((tx) => writeDocuments(tx, [one]));
          one.resolve(result as PutResult);
        } catch (oneError) {
          one.reject(oneError);
        }
      }
      return;
    }
    batch.forEach((one, i) => {
      one.resolve(results[i] as PutResult);
    });
  }
}

/**
 * `Store.hasDocument` asked for many documents at once (ingest checks each item before coding it): the ids asked
 * for within one turn of the event loop are looked up with one query, where each would otherwise take a round
 * trip to PostgreSQL and a connection from the pool that the writes need too.
 */
interface Asker {
  resolve(found: boolean): void;
  reject(error: unknown): void;
}

export class GroupLookup {
  private waiting = new Map<string, Asker[]>();
  private scheduled = false;
  /** Lookups run one after another, so answers come back in the order they were asked for. */
  private running: Promise<void> = Promise.resolve();

  constructor(private readonly driver: Driver) {}

  has(id: string): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      this.waiting.set(id, [...(this.waiting.get(id) ?? []), { resolve, reject }]);
      if (this.scheduled) return;
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        const waiting = this.waiting;
        this.waiting = new Map();
        this.running = this.running.then(() => this.lookup(waiting));
      });
    });
  }

  /** Resolves once every lookup asked for so far has been answered (before closing the store). */
  async drain(): Promise<void> {
    while (this.scheduled) await new Promise<void>((resolve) => setImmediate(resolve));
    await this.running;
  }

  private async lookup(waiting: Map<string, Asker[]>): Promise<void> {
    const ids = [...waiting.keys()];
    try {
      const found = new Set<string>();
      for (let start = 0; start < ids.length; start += MAX_BATCH) {
        const list = inList(ids.slice(start, start + MAX_BATCH));
        const rows = await this.driver.all<{ id: string }>(
          `SELECT id FROM documents WHERE id IN (${list.sql})`,
          list.params,
        );
        for (const row of rows) found.add(row.id);
      }
      for (const [id, askers] of waiting) for (const asker of askers) asker.resolve(found.has(id));
    } catch (error) {
      for (const askers of waiting.values()) for (const asker of askers) asker.reject(error);
    }
  }
}
