/**
 * The bridge from the live bus to this server's live hub: the one way events reach `/api/live`. Every process
 * that stores documents (workers, this server's own ingest, other servers) publishes a notice on the bus; the
 * bridge reads the document's events from the store and publishes the ones it has not published yet (notices
 * come at least once, so events are de-duplicated by id), then the movements they made appear. After a `resync`
 * (the bus lost its connection for a while) it reads the events stored since the last one it saw.
 *
 * Events go out in notice order on one chain; movement detection (an analysis per touched dyad) runs on a second
 * chain, so a slow analysis never holds back the next document's events.
 *
 * @example
 * const bridge = new LiveBridge({ store, hub, bus, logger, movements: (doc, events) => ingest.newMovements(doc, events) });
 * await bridge.start();
 */
import type { Logger } from 'pino';
import type { DocumentNotice, LiveBus, LiveNotice } from '../queue/live-bus.js';
import type { Store, StoredEvent } from '../store/store.js';
import { eventPairTags } from './dyad-analysis.js';
import type { LiveMovement } from './ingest-service.js';
import type { LiveHub } from './live-hub.js';

export interface LiveBridgeOptions {
  store: Store;
  hub: LiveHub;
  bus: LiveBus;
  logger: Logger;
  /** The movements a document's new events made appear (see `IngestService.newMovements`). */
  movements(doc: string, events: readonly StoredEvent[]): Promise<LiveMovement[]>;
  /**
   * Called for every document notice not seen before, once the document is read: the store changed for the pairs
   * of its events (null: the document is gone, anything may have changed), so caches drop those answers.
   */
  onChange?: (pairs: readonly string[] | null) => void;
}

/** What the bridge published for a document: its events (all of them, as stored) and the new movements. */
export interface LiveDelivery {
  events: StoredEvent[];
  movements: LiveMovement[];
}

/** Event ids remembered for de-duplication. */
const SEEN_CAPACITY = 200_000;
/** Documents waiting for movement detection beyond which older ones are skipped (a backfill flooding the bus). */
const MOVEMENT_BACKLOG = 200;
/** How far below the last id seen a resync starts: ids are handed out before commit, so they commit out of order. */
const RESYNC_MARGIN = 1000;
const RESYNC_PAGE = 5000;

export class LiveBridge {
  /** Resolves once the bridge listens on the bus. */
  readonly ready: Promise<void>;
  #seen = new Set<number>();
  #seenOrder: number[] = [];
  #lastSeenId = 0;
  #events: Promise<void> = Promise.resolve();
  #movements: Promise<void> = Promise.resolve();
  #movementBacklog = 0;
  #waiters = new Map<string, ((delivery: LiveDelivery) => void)[]>();
  #stop: (() => Promise<void>) | null = null;
  #stopped = false;

  constructor(readonly options: LiveBridgeOptions) {
    this.ready = this.#start();
    this.ready.catch((error: Error) => options.logger.error({ err: error }, 'live bus: subscribing failed'));
  }

  async #start(): Promise<void> {
    // Subscribe first (the in-process bus registers synchronously), then learn where the store stands.
    const stop = await this.options.bus.subscribe((notice) => this.accept(notice));
    if (this.#stopped) {
      await stop();
      return;
    }
    this.#stop = stop;
    const newest = await this.options.store.queryEvents({ afterId: 0, order: 'desc', limit: 1 });
    this.#lastSeenId = Math.max(this.#lastSeenId, newest.items[0]?.id ?? 0);
  }

  /** Stops listening; notices in hand are still published. */
  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#stop?.();
    this.#stop = null;
    await this.#events;
  }

  /** Takes a notice (from the bus, or handed over directly when the bus is down). */
  accept(notice: LiveNotice): void {
    this.#events = this.#events
      .then(() => (notice.kind === 'resync' ? this.#resync() : this.#deliver(notice)))
      .catch((error: Error) => this.options.logger.warn({ err: error, notice }, 'live: notice not published'));
  }

  /**
   * Resolves with what was published for `doc` once a notice for it has been handled, or with null after
   * `timeoutMs`. Call before publishing the notice, so a fast bus cannot answer before anyone waits.
   */
  delivered(doc: string, timeoutMs: number): Promise<LiveDelivery | null> {
    return new Promise((resolve) => {
      const list = this.#waiters.get(doc) ?? [];
      const timer = setTimeout(() => {
        const waiting = this.#waiters.get(doc);
        const index = waiting?.indexOf(done) ?? -1;
        if (waiting && index >= 0) waiting.splice(index, 1);
        if (waiting?.length === 0) this.#waiters.delete(doc);
        resolve(null);
      }, timeoutMs);
      const done = (delivery: LiveDelivery) => {
        clearTimeout(timer);
        resolve(delivery);
      };
      list.push(done);
      this.#waiters.set(doc, list);
    });
  }

  #remember(id: number): boolean {
    if (this.#seen.has(id)) return false;
    this.#seen.add(id);
    this.#seenOrder.push(id);
    if (this.#seenOrder.length > SEEN_CAPACITY) {
      for (const old of this.#seenOrder.splice(0, this.#seenOrder.length - SEEN_CAPACITY)) this.#seen.delete(old);
    }
    if (id > this.#lastSeenId) this.#lastSeenId = id;
    return true;
  }

  async #deliver(notice: DocumentNotice): Promise<void> {
    const { store, hub } = this.options;
    const waiting = this.#waiters.get(notice.doc);
    // Everything listed was published already (a retried job announcing again): nothing to read.
    if (waiting === undefined && notice.ids !== null && notice.ids.every((id) => this.#seen.has(id))) return;
    const stored = await store.getDocument(notice.doc);
    const events = stored?.events ?? [];
    this.options.onChange?.(stored === null ? null : eventPairTags(events));
    const fresh = events.filter((event) => this.#remember(event.id));
    let movements: Promise<LiveMovement[]> = Promise.resolve([]);
    if (fresh.length > 0) {
      const info = stored
        ? {
            id: notice.doc,
            title: stored.document.title,
            url: stored.document.url,
            published: stored.document.published,
          }
        : { id: notice.doc, title: null, url: null, published: null };
      hub.publish('document', { ...info, events: events.length });
      for (const event of fresh) hub.publish('event', { ...event, document: info });
      movements = this.#detect(notice.doc, fresh);
    }
    if (waiting !== undefined) {
      this.#waiters.delete(notice.doc);
      movements.then((found) => {
        for (const done of waiting) done({ events, movements: found });
      });
    }
  }

  /** Queues movement detection for a document's new events; resolves with (and publishes) what it found. */
  #detect(doc: string, events: StoredEvent[]): Promise<LiveMovement[]> {
    this.#movementBacklog++;
    const found = this.#movements.then(async () => {
      try {
        if (this.#movementBacklog > MOVEMENT_BACKLOG) return [];
        const movements = await this.options.movements(doc, events);
        for (const movement of movements) this.options.hub.publish('movement', movement);
        return movements;
      } catch (error) {
        this.options.logger.warn({ err: error, doc }, 'live: movement detection failed');
        return [];
      } finally {
        this.#movementBacklog--;
      }
    });
    this.#movements = found.then(() => undefined);
    return found;
  }

  /** Publishes what was stored while notices may have been lost: events above the last id seen, by document. */
  async #resync(): Promise<void> {
    let after = Math.max(0, this.#lastSeenId - RESYNC_MARGIN);
    const docs = new Set<string>();
    for (;;) {
      const page = await this.options.store.queryEvents({ afterId: after, limit: RESYNC_PAGE });
      for (const event of page.items) {
        if (event.doc && !this.#seen.has(event.id)) docs.add(event.doc);
      }
      const last = page.items.at(-1);
      if (last === undefined || page.items.length < RESYNC_PAGE) break;
      after = last.id;
    }
    this.options.logger.info({ documents: docs.size }, 'live: resync after the bus reconnected');
    for (const doc of docs) await this.#deliver({ kind: 'stored', doc, events: 0, ids: null });
  }
}
