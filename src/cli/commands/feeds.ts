import type { Command } from 'commander';
import { fetchLimits, withDbOption, withFetchOptions } from '../../ingest/cli-support.js';
import { CliError } from '../cli-error.js';

interface FeedFlags {
  db?: string;
  allow?: string[];
  allowPrivate?: boolean;
  timeout?: string;
  maxSize?: string;
}

async function pollOnce(flags: FeedFlags, all: boolean): Promise<number> {
  const { loadCoder, openCliStore } = await import('../../ingest/cli-support.js');
  const { pollDueFeeds } = await import('../../ingest/feed-poll.js');
  const store = await openCliStore(flags);
  try {
    const coder = await loadCoder();
    const results = await pollDueFeeds({ store, coder, limits: fetchLimits(flags), all });
    let failed = 0;
    for (const r of results) {
      const s = r.summary;
      if (r.outcome === 'failed') failed++;
      process.stderr.write(
        r.outcome === 'failed'
          ? `feed ${r.feed.id} ${r.feed.url}: failed (${r.error}); next try ${r.feed.nextPollAt}\n`
          : `feed ${r.feed.id} ${r.feed.url}: ${r.outcome}, ${r.items} new items → ${s.new + s.versions} stored, ${s.duplicates} duplicate, ${s.failed} failed, ${s.events} events\n`,
      );
      for (const error of s.errors.slice(0, 20)) process.stderr.write(`  error: ${error}\n`);
    }
    if (results.length === 0) process.stderr.write('feeds: none due\n');
    return failed;
  } finally {
    await store.close();
  }
}

/** `dyadwatch feeds add|list|poll|watch|remove`: RSS and Atom feeds, polled politely. */
export function register(program: Command): void {
  const feeds = program.command('feeds').description('RSS/Atom feeds: add, list, poll once, watch, remove');
  withDbOption(
    feeds.command('add').argument('<url>', 'feed URL').option('--interval <minutes>', 'minutes between polls', '30'),
  ).action(async (url: string, flags: { db?: string; interval: string }) => {
    if (!/^https?:\/\//i.test(url)) throw new CliError(`${url}: a feed URL starts with http:// or https://`);
    const interval = Number(flags.interval);
    if (!Number.isInteger(interval) || interval < 1)
      throw new CliError(`--interval ${flags.interval}: a whole number of minutes`);
    const { openCliStore } = await import('../../ingest/cli-support.js');
    const store = await openCliStore(flags);
    try {
      const feed = await store.addFeed(url, { intervalMinutes: interval });
      process.stdout.write(`feed ${feed.id}: ${feed.url} every ${feed.intervalMinutes} min\n`);
    } finally {
      await store.close();
    }
  });
  withDbOption(feeds.command('list').option('--json', 'one JSON object per feed')).action(
    async (flags: { db?: string; json?: boolean }) => {
      const { openCliStore } = await import('../../ingest/cli-support.js');
      const store = await openCliStore(flags);
      try {
        for (const feed of await store.listFeeds()) {
          process.stdout.write(
            flags.json
              ? `${JSON.stringify(feed)}\n`
              : `${feed.id}\t${feed.url}\tevery ${feed.intervalMinutes} min\tnext ${feed.nextPollAt}\t${feed.error ? `ERROR ×${feed.errorCount}: ${feed.error}` : 'ok'}\n`,
          );
        }
      } finally {
        await store.close();
      }
    },
  );
  withDbOption(feeds.command('remove').argument('<id>', 'feed id (see feeds list)')).action(
    async (id: string, flags: { db?: string }) => {
      const { openCliStore } = await import('../../ingest/cli-support.js');
      const store = await openCliStore(flags);
      try {
        if (!(await store.removeFeed(Number(id)))) throw new CliError(`no feed ${id}`);
      } finally {
        await store.close();
      }
    },
  );
  withFetchOptions(
    withDbOption(
      feeds.command('poll').description('poll due feeds once').option('--all', 'poll every feed, due or not'),
    ),
  ).action(async (flags: FeedFlags & { all?: boolean }) => {
    if ((await pollOnce(flags, flags.all === true)) > 0) process.exitCode = 2;
  });
  withFetchOptions(
    withDbOption(
      feeds
        .command('watch')
        .description('poll due feeds every N minutes until stopped')
        .option('--every <minutes>', 'minutes between rounds', '5')
        .option('--queue', 'enqueue due feeds for `dyadwatch worker` processes instead of polling here'),
    ),
  ).action(async (flags: FeedFlags & { every: string; queue?: boolean }) => {
    const minutes = Number(flags.every);
    if (!(minutes > 0)) throw new CliError(`--every ${flags.every}: a positive number of minutes`);
    if (flags.queue) return (await import('../../ingest/enqueue.js')).watchFeedsToQueue(flags, minutes);
    for (;;) {
      await pollOnce(flags, false);
      await new Promise((resolve) => setTimeout(resolve, minutes * 60_000));
    }
  });
}
