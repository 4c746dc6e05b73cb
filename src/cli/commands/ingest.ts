import type { Command } from 'commander';
import { fetchLimits, withDbOption, withFetchOptions } from '../../ingest/cli-support.js';
import { CliError } from '../cli-error.js';

interface IngestFlags {
  db?: string;
  date?: string;
  allow?: string[];
  allowPrivate?: boolean;
  timeout?: string;
  maxSize?: string;
  json?: boolean;
  queue?: boolean;
}

/** `dyadwatch ingest PATH|URL…`: files, folders (recursively) and article URLs, coded and stored. */
export function register(program: Command): void {
  const command = program
    .command('ingest')
    .description('code and store documents from files, folders (txt, md, html, jsonl) and article URLs')
    .argument('<sources...>', 'files, folders or http(s) URLs')
    .option('--date <YYYY-MM-DD>', 'date for documents that carry none (default: file modification date)')
    .option('--json', 'print the summary as JSON on stdout')
    .option('--queue', 'enqueue for `dyadwatch worker` processes instead of coding here (needs DATABASE_URL)');
  withFetchOptions(withDbOption(command)).action(async (sources: string[], flags: IngestFlags) => {
    if (flags.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(flags.date))
      throw new CliError(`--date ${flags.date}: use YYYY-MM-DD`);
    if (flags.queue) return (await import('../../ingest/enqueue.js')).ingestToQueue(sources, flags);
    const { collectFiles, fileItems } = await import('../../ingest/file-sources.js');
    const { ingestItems } = await import('../../ingest/ingest-documents.js');
    const { urlItem } = await import('../../ingest/url-source.js');
    const { loadCoder, openCliStore, printErrors, progressBar } = await import('../../ingest/cli-support.js');
    const urls = sources.filter((s) => /^https?:\/\//i.test(s));
    const paths = sources.filter((s) => !/^https?:\/\//i.test(s));
    let collected: Awaited<ReturnType<typeof collectFiles>>;
    try {
      collected = await collectFiles(paths);
    } catch (error) {
      throw new CliError((error as Error).message);
    }
    const coder = await loadCoder();
    const store = await openCliStore(flags);
    const limits = fetchLimits(flags);
    const totalBytes = collected.files.reduce((sum, f) => sum + f.size, 0) + urls.length;
    const bar = await progressBar(totalBytes, 'ingest');
    let done = 0;
    async function* items() {
      for (const file of collected.files)
        yield* fileItems(file.path, file.size, flags.date ? { date: flags.date } : {});
      for (const url of urls) yield { ...(await urlItem(url, limits)), bytes: 1 };
    }
    try {
      const summary = await ingestItems(items(), {
        store,
        coder,
        onItem(progress, item) {
          done += item.bytes;
          bar.update(done, {
            docs: progress.new + progress.versions + progress.duplicates,
            events: progress.events,
            failed: progress.failed,
          });
        },
      });
      bar.stop();
      const seconds = summary.milliseconds / 1000;
      if (flags.json) process.stdout.write(`${JSON.stringify({ ...summary, ignored: collected.ignored })}\n`);
      process.stderr.write(
        `ingest: ${summary.new} new, ${summary.versions} new versions, ${summary.duplicates} duplicate, ${summary.failed} failed; ` +
          `${summary.sentences} sentences, ${summary.events} events in ${seconds.toFixed(1)} s into ${store.location}\n`,
      );
      printErrors([...collected.ignored, ...summary.errors], collected.ignored.length + summary.failed);
      if (summary.failed > 0) process.exitCode = 2;
    } finally {
      bar.stop();
      await store.close();
    }
  });
}
