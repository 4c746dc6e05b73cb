import pg from 'pg';
import {
  type DocumentNotice,
  decodeNotice,
  encodeNotice,
  type LiveBus,
  type LiveListener,
  type LiveNotice,
} from '../live-bus.js';

export interface PostgresLiveBusOptions {
  connectionString: string;
  /** NOTIFY channel; default `dyadwatch_live`. Deployments sharing a database use one channel per store schema. */
  channel?: string;
  /** Where connection problems are reported (default: stderr). */
  onError?: (error: Error) => void;
}

const MAX_RECONNECT_MS = 30_000;

/**
 * Notices through PostgreSQL LISTEN/NOTIFY: `publish` is one `pg_notify` on a small pool; subscribers share one
 * dedicated listening connection, re-established with back-off when it drops, after which listeners get a
 * `resync` notice.
 * @example
 * const bus = new PostgresLiveBus({ connectionString: process.env.DATABASE_URL });
 * const stop = await bus.subscribe((notice) => sse.push(notice));
 */
export class PostgresLiveBus implements LiveBus {
  readonly channel: string;
  private readonly pool: pg.Pool;
  private readonly listeners = new Set<LiveListener>();
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private closed = false;
  private retryMs = 500;
  private reconnectTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: PostgresLiveBusOptions) {
    this.channel = options.channel ?? 'dyadwatch_live';
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(this.channel)) throw new Error(`live bus: bad channel name "${this.channel}"`);
    this.pool = new pg.Pool({ connectionString: options.connectionString, max: 2 });
    this.pool.on('error', (error) => this.report(error));
  }

  async publish(notice: DocumentNotice): Promise<void> {
    await this.pool.query('SELECT pg_notify($1, $2)', [this.channel, encodeNotice(notice)]);
  }

  async subscribe(listener: LiveListener): Promise<() => Promise<void>> {
    this.listeners.add(listener);
    await this.listen();
    return async () => {
      this.listeners.delete(listener);
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer !== null) clearTimeout(this.reconnectTimer);
    this.listeners.clear();
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
    await this.pool.end();
  }

  /** Connects the listening client unless it is connected (or connecting) already. */
  private listen(): Promise<void> {
    if (this.client !== null) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.options.connectionString });
    client.on('notification', (message) => {
      if (message.channel !== this.channel || message.payload === undefined) return;
      const notice = decodeNotice(message.payload);
      if (notice !== null) this.emit(notice);
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('listening connection closed')));
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
    } catch (error) {
      await client.end().catch(() => {});
      throw error;
    }
    this.client = client;
    this.retryMs = 500;
  }

  private lost(client: pg.Client, error: Error): void {
    if (this.client !== client || this.closed) return;
    this.client = null;
    this.report(error);
    client.end().catch(() => {});
    this.reconnect();
  }

  private reconnect(): void {
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (this.closed) return;
      this.listen().then(
        () => this.emit({ kind: 'resync' }),
        (error: Error) => {
          this.report(error);
          this.retryMs = Math.min(MAX_RECONNECT_MS, this.retryMs * 2);
          this.reconnect();
        },
      );
    }, this.retryMs);
  }

  private emit(notice: LiveNotice): void {
    for (const listener of this.listeners) listener(notice);
  }

  private report(error: Error): void {
    (this.options.onError ?? ((e: Error) => process.stderr.write(`live bus: ${e.message}\n`)))(error);
  }
}
