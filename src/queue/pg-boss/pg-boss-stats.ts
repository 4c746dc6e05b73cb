/** What `dyadwatch jobs` reads from pg-boss's tables: depth, throughput and failures per queue. */
import { QUEUE_NAMES } from '../jobs.js';
import type { FailedJob, QueueCounts } from '../queue.js';

/** Live jobs and the archive (completed jobs move there after pg-boss's archive delay). */
function allJobs(schema: string, columns: string): string {
  return `(SELECT ${columns} FROM ${schema}.job UNION ALL SELECT ${columns} FROM ${schema}.archive) AS jobs`;
}

export function countsSql(schema: string): string {
  return `SELECT name,
    count(*) FILTER (WHERE state IN ('created', 'retry')) AS queued,
    count(*) FILTER (WHERE state = 'active') AS active,
    count(*) FILTER (WHERE state = 'completed') AS completed,
    count(*) FILTER (WHERE state = 'failed') AS failed,
    count(*) FILTER (WHERE state = 'completed' AND completed_on > now() - interval '1 minute') AS per_minute,
    count(*) FILTER (WHERE state = 'completed' AND completed_on > now() - interval '15 minutes') AS per_minute15
  FROM ${allJobs(schema, 'name, state, completed_on')}
  GROUP BY name`;
}

export function failuresSql(schema: string): string {
  return `SELECT name, id, completed_on, retry_count, output, data
  FROM ${allJobs(schema, 'name, id, state, completed_on, retry_count, output, data')}
  WHERE state = 'failed' AND name NOT LIKE '%-dead'
  ORDER BY completed_on DESC NULLS LAST
  LIMIT $1`;
}

/** One row per work queue, with its dead-letter queue's size folded in; queues without jobs show zeros. */
export function toCounts(rows: readonly Record<string, unknown>[]): QueueCounts[] {
  const byName = new Map<string, Record<string, unknown>>(rows.map((row) => [String(row.name), row]));
  return QUEUE_NAMES.map((name) => {
    const row = byName.get(name) ?? {};
    const dead = byName.get(`${name}-dead`) ?? {};
    return {
      name,
      queued: Number(row.queued ?? 0),
      active: Number(row.active ?? 0),
      completed: Number(row.completed ?? 0),
      failed: Number(row.failed ?? 0),
      dead: Number(dead.queued ?? 0) + Number(dead.active ?? 0) + Number(dead.completed ?? 0),
      perMinute: Number(row.per_minute ?? 0),
      perMinute15: Number(row.per_minute15 ?? 0) / 15,
    };
  });
}

/** pg-boss keeps a handler's error as `{message, stack}`, and a lease timeout as `{value: {message}}`. */
function errorMessage(output: unknown): string {
  if (typeof output !== 'object' || output === null) return 'unknown error';
  const record = output as { message?: unknown; value?: { message?: unknown } };
  const message = record.message ?? record.value?.message;
  return typeof message === 'string' ? message : JSON.stringify(output);
}

export function toFailure(row: Record<string, unknown>): FailedJob {
  const at = row.completed_on instanceof Date ? row.completed_on.toISOString() : String(row.completed_on ?? '');
  return {
    queue: String(row.name),
    id: String(row.id),
    at,
    retries: Number(row.retry_count ?? 0),
    error: errorMessage(row.output),
    data: row.data,
  };
}
