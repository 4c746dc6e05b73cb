import type { Command } from 'commander';
import { withDbOption } from '../../ingest/cli-support.js';

/** `dyadwatch recode`: re-codes every stored document with the current dictionaries, keeping corrections. */
export function register(program: Command): void {
  const command = program
    .command('recode')
    .description('re-code all stored documents with the current dictionaries (analyst corrections are kept)');
  withDbOption(command).action(async (flags: { db?: string }) => {
    const { loadCoder, openCliStore, printErrors, progressBar } = await import('../../ingest/cli-support.js');
    const { recodeAll } = await import('../../ingest/recode.js');
    const coder = await loadCoder();
    const store = await openCliStore(flags);
    try {
      const total = (await store.stats()).documents;
      const bar = await progressBar(total, 'recode');
      const summary = await recodeAll(store, coder, (done, s) =>
        bar.update(done, { docs: done, events: s.events, failed: s.failed }),
      );
      bar.stop();
      process.stderr.write(
        `recode: ${summary.documents} documents, ${summary.events} events, ${summary.failed} failed in ${(summary.milliseconds / 1000).toFixed(1)} s (${coder.version})\n`,
      );
      printErrors(summary.errors, summary.failed);
      if (summary.failed > 0) process.exitCode = 2;
    } finally {
      await store.close();
    }
  });
}
