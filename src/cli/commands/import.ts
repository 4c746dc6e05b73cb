import type { Command } from 'commander';
import { withDbOption } from '../../ingest/cli-support.js';

/** `dyadwatch import gdelt FILE…`: GDELT 2.0 event exports as events of origin `gdelt`. */
export function register(program: Command): void {
  const command = program.command('import').description('import events coded elsewhere');
  withDbOption(
    command
      .command('gdelt')
      .description('GDELT 2.0 event export files (.export.CSV, tab-separated, or zipped)')
      .argument('<files...>', 'export files'),
  ).action(async (files: string[], flags: { db?: string }) => {
    const { openCliStore, printErrors } = await import('../../ingest/cli-support.js');
    const { importGdeltFile } = await import('../../ingest/gdelt-import.js');
    const store = await openCliStore(flags);
    const started = performance.now();
    const summary = { inserted: 0, duplicates: 0, oneSided: 0, failed: 0, errors: [] as string[] };
    try {
      for (const file of files) await importGdeltFile(store, file, summary);
    } finally {
      await store.close();
    }
    process.stderr.write(
      `import gdelt: ${summary.inserted} events new, ${summary.duplicates} already stored, ${summary.oneSided} one-sided skipped, ` +
        `${summary.failed} bad lines in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
    );
    printErrors(summary.errors, summary.failed);
    if (summary.failed > 0) process.exitCode = 2;
  });
}
