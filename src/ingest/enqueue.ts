/**
 * `ingest --queue` and `feeds watch --queue`: instead of coding here, documents become `code` jobs (carrying their
 * text, so a worker on another machine needs nothing from this one), article URLs `fetch` jobs, due feeds
 * `fetch` jobs that poll them. Unreadable items are reported here and never enqueued.
 */
import { CliError } from '../cli/cli-error.js';
import type { CodeJob, FetchJob } from '../queue/jobs.js';
import type { Queue } from '../queue/queue.js';
import type { Store } from '../store/store.js';
import { collectFiles, fileItems } from './file-sources.js';

export interface EnqueueSummary {
  code: number;
  fetch: number;
  failed: number;
  errors: string[];
  milliseconds: number;
}

export interface EnqueueOptions {
  /** Date for documents that carry none. */
  date?: string;
  /** Jobs per insert round trip (default 200). */
  batch?: number;
}

/**
 * Enqueues files, folders and URLs for the workers.
 * @example const summary = await enqueueSources(queue, ['archive/', 'https://example.org/a'], {});
 */
export async function enqueueSources(
  queue: Queue,
  sources: readonly string[],
  options: EnqueueOptions = {},
): Promise<EnqueueSummary> {
  const started = performance.now();
  const summary: EnqueueSummary = { code: 0, fetch: 0, failed: 0, errors: [], milliseconds: 0 };
  const urls = sources.filter((s) => /^https?:\/\//i.test(s));
  const { files, ignored } = await collectFiles(sources.filter((s) => !/^https?:\/\//i.test(s)));
  summary.errors.push(...ignored);
  const batch = options.batch ?? 200;
  let pending: CodeJob[] = [];
  const flush = async () => {
    summary.code += await queue.sendMany('code', pending);
    pending = [];
  };
  for (const file of files) {
    for await (const item of fileItems(file.path, file.size, options.date ? { date: options.date } : {})) {
      if (item.document === undefined) {
        summary.failed++;
        if (summary.errors.length < 1000) summary.errors.push(`${item.where}: ${item.error ?? 'unreadable'}`);
        continue;
      }
      pending.push({ where: item.where, document: item.document });
      if (pending.length >= batch) await flush();
    }
  }
  await flush();
  const fetches: FetchJob[] = urls.map((url) => ({ url }));
  summary.fetch = await queue.sendMany('fetch', fetches);
  summary.milliseconds = performance.now() - started;
  return summary;
}

/**
 * Enqueues one poll job per due feed (every feed with `all`); returns how many. The feed's schedule moves on
 * here, so the next round does not enqueue it again while a worker polls it.
 */
export async function enqueueDueFeeds(store: Store, queue: Queue, options: { all?: boolean } = {}): Promise<number> {
  const now = new Date();
  const due = (await store.listFeeds()).filter((feed) => options.all || feed.nextPollAt <= now.toISOString());
  for (const feed of due) {
    await queue.send('fetch', { feed: feed.id });
    await store.updateFeed(feed.id, {
      nextPollAt: new Date(now.getTime() + feed.intervalMinutes * 60_000).toISOString(),
    });
  }
  return due.length;
}

/** The `ingest --queue` action: enqueue, report, exit code 2 when some items could not be read. */
export async function ingestToQueue(sources: readonly string[], flags: { date?: string; json?: boolean }) {
  const { openQueue, QueueConfigError } = await import('../queue/index.js');
  const queue = await openQueue().catch((error: Error) => {
    throw new CliError(
      `ingest --queue: ${error instanceof QueueConfigError ? '' : 'cannot open the queue: '}${error.message}`,
    );
  });
  try {
    const summary = await enqueueSources(queue, sources, flags.date ? { date: flags.date } : {}).catch(
      (error: Error) => {
        throw new CliError(error.message);
      },
    );
    if (flags.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
    process.stderr.write(
      `ingest --queue: ${summary.code} documents and ${summary.fetch} URLs queued, ${summary.failed} unreadable, ` +
        `in ${(summary.milliseconds / 1000).toFixed(1)} s into ${queue.location}\n`,
    );
    for (const error of summary.errors.slice(0, 50)) process.stderr.write(`  error: ${error}\n`);
    if (summary.failed > 0) process.exitCode = 2;
  } finally {
    await queue.close();
  }
}

/** The `feeds watch --queue` loop: every `minutes`, enqueue the due feeds; runs until the process is stopped. */
export async function watchFeedsToQueue(flags: { db?: string }, minutes: number): Promise<never> {
  const { openCliStore } = await import('./cli-support.js');
  const { openQueue } = await import('../queue/index.js');
  const queue = await openQueue().catch((error: Error) => {
    throw new CliError(`feeds watch --queue: ${error.message}`);
  });
  const store = await openCliStore(flags);
  for (;;) {
    const sent = await enqueueDueFeeds(store, queue);
    process.stderr.write(`feeds: ${sent === 0 ? 'none due' : `${sent} due feeds queued for the workers`}\n`);
    await new Promise((resolve) => setTimeout(resolve, minutes * 60_000));
  }
}
