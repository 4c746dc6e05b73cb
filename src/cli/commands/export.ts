import type { Command } from 'commander';
import { withDbOption } from '../../ingest/cli-support.js';
import { CliError } from '../cli-error.js';

interface ExportFlags {
  db?: string;
  format: string;
  dyad?: string;
  undirected?: boolean;
  from?: string;
  to?: string;
  origin?: string;
  output?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `dyadwatch export`: stored events as JSON Lines, CSV or GDELT's layout. */
export function register(program: Command): void {
  const command = program
    .command('export')
    .description('write stored events as jsonl, csv or gdelt (tab-separated, 61 columns)')
    .option('--format <format>', 'jsonl | csv | gdelt', 'jsonl')
    .option('--dyad <SRC-TGT>', 'one dyad, country level (USA-PRK)')
    .option('--undirected', 'with --dyad: both directions')
    .option('--from <YYYY-MM-DD>', 'first day')
    .option('--to <YYYY-MM-DD>', 'last day')
    .option('--origin <origin>', 'coded | gdelt | analyst')
    .option('-o, --output <file>', 'write to a file instead of stdout');
  withDbOption(command).action(async (flags: ExportFlags) => {
    if (!['jsonl', 'csv', 'gdelt'].includes(flags.format))
      throw new CliError(`--format ${flags.format}: use jsonl, csv or gdelt`);
    for (const [name, value] of [
      ['--from', flags.from],
      ['--to', flags.to],
    ] as const) {
      if (value !== undefined && !DATE.test(value)) throw new CliError(`${name} ${value}: use YYYY-MM-DD`);
    }
    const { parseDyad } = await import('../../store/dyad-key.js');
    if (flags.dyad !== undefined) {
      try {
        parseDyad(flags.dyad);
      } catch (error) {
        throw new CliError((error as Error).message);
      }
    }
    const { createWriteStream } = await import('node:fs');
    const { once } = await import('node:events').then((m) => m.default);
    const { openCliStore } = await import('../../ingest/cli-support.js');
    const { exportEvents } = await import('../../store/export-events.js');
    const store = await openCliStore(flags);
    const out = flags.output ? createWriteStream(flags.output) : process.stdout;
    let count = 0;
    try {
      const query = {
        ...(flags.dyad ? { dyad: flags.dyad.toUpperCase(), undirected: flags.undirected === true } : {}),
        ...(flags.from ? { from: flags.from } : {}),
        ...(flags.to ? { to: flags.to } : {}),
        ...(flags.origin ? { origin: flags.origin as 'coded' } : {}),
      };
      for await (const line of exportEvents(store, query, flags.format as 'jsonl')) {
        if (!out.write(`${line}\n`)) await once(out, 'drain');
        count++;
      }
    } finally {
      await store.close();
      if (out !== process.stdout) out.end();
    }
    process.stderr.write(`export: ${flags.format === 'csv' ? count - 1 : count} events\n`);
  });
}
