/**
 * The live stream's memory: every newly coded event and newly detected movement becomes a message with a
 * monotonically increasing id, kept in a bounded ring so a client that reconnects with `Last-Event-ID` gets
 * what it missed. Ids start at the process start time in milliseconds, so they keep rising across restarts and a
 * client holding an id from an earlier process is told it missed messages rather than silently given none.
 */

export type LiveMessageType = 'event' | 'movement' | 'document';

export interface LiveMessage {
  id: number;
  type: LiveMessageType;
  /** ISO time the message was published. */
  at: string;
  data: unknown;
}

export type LiveListener = (message: LiveMessage) => void;

export interface LiveHubOptions {
  /** Messages kept for resume (default 2000). */
  capacity?: number;
  /** First id minus one (default: `Date.now()`). */
  base?: number;
}

/** What a reconnecting client gets: the messages after its id, and whether some were lost in between. */
export interface LiveResume {
  messages: LiveMessage[];
  /** True when the client's id is older than the ring holds (or from another process). */
  gap: boolean;
}

export class LiveHub {
  readonly capacity: number;
  #ring: LiveMessage[] = [];
  #lastId: number;
  #listeners = new Set<LiveListener>();

  constructor(options: LiveHubOptions = {}) {
    this.capacity = Math.max(1, options.capacity ?? 2000);
    this.#lastId = options.base ?? Date.now();
  }

  get lastId(): number {
    return this.#lastId;
  }

  get listeners(): number {
    return this.#listeners.size;
  }

  /** Adds a message to the ring and hands it to every listener. */
  publish(type: LiveMessageType, data: unknown): LiveMessage {
    const message: LiveMessage = { id: ++this.#lastId, type, at: new Date().toISOString(), data };
    this.#ring.push(message);
    if (this.#ring.length > this.capacity) this.#ring.splice(0, this.#ring.length - this.capacity);
    for (const listener of this.#listeners) {
      try {
        listener(message);
      } catch {
        // A broken listener (a closed connection) must not stop the others; its stream cleans it up.
      }
    }
    return message;
  }

  /** The messages after `lastId` still in the ring. */
  since(lastId: number): LiveResume {
    const oldest = this.#ring[0];
    if (oldest === undefined) return { messages: [], gap: lastId < this.#lastId };
    if (lastId > this.#lastId) return { messages: [...this.#ring], gap: true };
    const gap = lastId < oldest.id - 1;
    return { messages: this.#ring.filter((message) => message.id > lastId), gap };
  }

  /** The newest messages, oldest first (for a page that opens without an id). */
  recent(count: number, type?: LiveMessageType): LiveMessage[] {
    const wanted = type === undefined ? this.#ring : this.#ring.filter((message) => message.type === type);
    return wanted.slice(-count);
  }

  subscribe(listener: LiveListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
