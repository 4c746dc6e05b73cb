/**
 * The queue on PostgreSQL through pg-boss: jobs live in the same database as the store (schema `pgboss`, or
 * `<store schema>_jobs`), leased with `FOR UPDATE SKIP LOCKED`, retried with exponential back-off and moved to a
 * dead-letter queue with their last error once the retries are used up. pg-boss's maintenance (run by every open
 * queue) fails jobs whose lease expired, so a worker killed mid-job loses nothing.
 */
import PgBoss from 'pg-boss';
import { deadLetterName, type JobData, QUEUE_NAMES, type QueueName } from '../jobs.js';
import type { FailedJob, Queue, QueueCounts, QueuedJob, QueueSettings } from '../queue.js';
import { countsSql, failuresSql, toCounts, toFailure } from './pg-boss-stats.js';

export interface PgBossQueueOptions extends QueueSettings {
  connectionString: string;
  /** pg-boss's schema; created and migrated on open. */
  schema: string;
  /** Seconds between maintenance runs (lease expiry, archiving). Default 30. */
  maintenanceIntervalSeconds?: number;
  /** Connections in pg-boss's pool. Default 4. */
  max?: number;
  /** Where pg-boss's background errors go (default: stderr). */
  onError?: (error: Error) => void;
}

const DEFAULTS = { retryLimit: 5, retryDelaySeconds: 5, expireInSeconds: 900 };

export class PgBossQueue implements Queue {
  private constructor(
    private readonly boss: PgBoss,
    private readonly schema: string,
    readonly location: string,
  ) {}

  /**
   * Starts pg-boss (installing or migrating its schema) and creates the queues and their dead-letter queues if
   * they do not exist yet; existing queues keep their settings.
   * @example const queue = await PgBossQueue.open({ connectionString: process.env.DATABASE_URL, schema: 'pgboss' });
   */
  static async open(options: PgBossQueueOptions): Promise<PgBossQueue> {
    const boss = new PgBoss({
      connectionString: options.connectionString,
      schema: options.schema,
      max: options.max ?? 4,
      schedule: false,
      supervise: true,
      maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 30,
    });
    boss.on('error', options.onError ?? ((error) => process.stderr.write(`queue: ${error.message}\n`)));
    await boss.start();
    const settings = {
      retryLimit: options.retryLimit ?? DEFAULTS.retryLimit,
      retryDelaySeconds: options.retryDelaySeconds ?? DEFAULTS.retryDelaySeconds,
      expireInSeconds: options.expireInSeconds ?? DEFAULTS.expireInSeconds,
    };
    try {
      for (const name of QUEUE_NAMES) {
        await boss.createQueue(deadLetterName(name), { name: deadLetterName(name), retentionDays: 30 } as PgBoss.Queue);
        await boss.createQueue(name, {
          name,
          retryLimit: settings.retryLimit,
          retryDelay: settings.retryDelaySeconds,
          retryBackoff: true,
          expireInSeconds: settings.expireInSeconds,
          deadLetter: deadLetterName(name),
        });
      }
    } catch (error) {
      await boss.stop({ graceful: false });
      throw error;
    }
    return new PgBossQueue(
      boss,
      options.schema,
      `${withoutPassword(options.connectionString)} (schema ${options.schema})`,
    );
  }

  async send<N extends QueueName>(name: N, data: JobData[N]): Promise<string> {
    const id = await this.boss.send(name, data as object);
    if (id === null) throw new Error(`queue ${name}: job was not accepted`);
    return id;
  }

  async sendMany<N extends QueueName>(name: N, data: readonly JobData[N][]): Promise<number> {
    if (data.length === 0) return 0;
    await this.boss.insert(data.map((item) => ({ name, data: item as object })));
    return data.length;
  }

  async fetch<N extends QueueName>(name: N, limit: number): Promise<QueuedJob<N>[]> {
    const jobs = await this.boss.fetch<JobData[N]>(name, { batchSize: limit, includeMetadata: true });
    return jobs.map((job) => ({ id: job.id, name, data: job.data, retryCount: job.retryCount }));
  }

  async complete(name: QueueName, ids: readonly string[]): Promise<void> {
    if (ids.length > 0) await this.boss.complete(name, [...ids]);
  }

  async fail(name: QueueName, id: string, error: Error): Promise<void> {
    await this.boss.fail(name, id, { message: error.message, stack: error.stack ?? null });
  }

  async counts(): Promise<QueueCounts[]> {
    const { rows } = await this.boss.getDb().executeSql(countsSql(this.schema), []);
    return toCounts(rows);
  }

  async failures(limit: number): Promise<FailedJob[]> {
    const { rows } = await this.boss.getDb().executeSql(failuresSql(this.schema), [limit]);
    return rows.map(toFailure);
  }

  /** Stops maintenance and closes the pool; the caller has already finished or failed the jobs it held. */
  async close(): Promise<void> {
    await this.boss.stop({ graceful: false, close: true, wait: true });
  }
}

function withoutPassword(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'postgres';
  }
}
