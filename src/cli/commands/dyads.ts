import type { Command } from 'commander';
import { withDbOption } from '../../ingest/cli-support.js';
import { CliError } from '../cli-error.js';

interface DyadsFlags {
  db?: string;
  since: string;
  until?: string;
  top: string;
  json?: boolean;
}

/**
 * `dyadwatch dyads --since 30d`: the dyads that moved most, improved and deteriorated since a date, each with
 * the reason in one line and the events behind it.
 */
export function register(program: Command): void {
  const command = program
    .command('dyads')
    .description('the dyads that moved most, improved and deteriorated since a date')
    .option('--since <when>', 'start: 30d, 8w, 3m, 1y before --until, or a date (YYYY-MM or YYYY-MM-DD)', '30d')
    .option('--until <date>', 'end of the window (default: today)')
    .option('--top <n>', 'dyads per list', '10')
    .option('--json', 'print the ranking as JSON');
  withDbOption(command).action(async (flags: DyadsFlags) => {
    const { window } = await import('./report.js');
    const { since, until } = await window(flags.since, flags.until);
    const top = Number(flags.top);
    if (!Number.isInteger(top) || top < 1) throw new CliError(`--top ${flags.top}: use a whole number from 1`);
    const { openCliStore } = await import('../../ingest/cli-support.js');
    const { rankStoredDyads } = await import('../../analysis/stored-dyads.js');
    const store = await openCliStore(flags);
    try {
      const ranking = await rankStoredDyads(store, { since, until, top });
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(ranking, null, 2)}\n`);
        return;
      }
      const { formatCitedEvent } = await import('../../analysis/dyad-summary.js');
      const out: string[] = [`Dyads from ${since} to ${until}, against as many days before`, ''];
      for (const [title, list] of [
        ['Moved most', ranking.movedMost],
        ['Improved', ranking.improved],
        ['Deteriorated', ranking.deteriorated],
      ] as const) {
        out.push(`${title}:`);
        if (list.length === 0) out.push('  none');
        for (const change of list) {
          out.push(`  ${change.reason}`);
          for (const driver of change.drivers.slice(0, 2)) out.push(`      ${formatCitedEvent(driver)}`);
        }
        out.push('');
      }
      process.stdout.write(`${out.join('\n')}`);
    } finally {
      await store.close();
    }
  });
}
