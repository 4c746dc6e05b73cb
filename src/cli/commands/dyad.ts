import type { Command } from 'commander';
import { withDbOption } from '../../ingest/cli-support.js';
import { CliError } from '../cli-error.js';

interface DyadFlags {
  db?: string;
  from?: string;
  to?: string;
  by: string;
  json?: boolean;
  svg?: string;
  png?: string;
}

/**
 * `dyadwatch dyad USA PRK [--from 2017-01 --to 2019-12] [--by week]`: the level chart in the terminal, the
 * movements with their driving events, the state and who answered whom; `--json` for machines, `--svg FILE`
 * for the chart as a picture.
 */
export function register(program: Command): void {
  const command = program
    .command('dyad <a> <b>')
    .description('how two actors move toward or away from each other: chart, movements, state, reciprocity')
    .option('--from <date>', 'first day or month (YYYY, YYYY-MM or YYYY-MM-DD)')
    .option('--to <date>', 'last day or month')
    .option('--by <resolution>', 'day | week | month', 'week')
    .option('--json', 'print the analysis as JSON')
    .option('--svg <file>', 'write the chart as SVG')
    .option('--png <file>', 'write the chart as PNG');
  withDbOption(command).action(async (a: string, b: string, flags: DyadFlags) => {
    if (!['day', 'week', 'month'].includes(flags.by)) throw new CliError(`--by ${flags.by}: use day, week or month`);
    if (flags.png) {
      throw new CliError('--png needs an SVG rasteriser that is not installed (e.g. @resvg/resvg-js); use --svg');
    }
    for (const side of [a, b]) {
      if (!/^[A-Za-z0-9]{3,9}$/.test(side)) throw new CliError(`"${side}" is not an actor code (USA, PRK, IGOUNO …)`);
    }
    const { dateBound } = await import('../../analysis/periods.js');
    const bound = (value: string | undefined, flag: string, end: boolean): string | undefined => {
      try {
        return value === undefined ? undefined : dateBound(value, end);
      } catch (error) {
        throw new CliError(`${flag}: ${(error as Error).message}`);
      }
    };
    const from = bound(flags.from, '--from', false);
    const to = bound(flags.to, '--to', true);
    const { openCliStore } = await import('../../ingest/cli-support.js');
    const { loadDyadAnalysis } = await import('../../server/dyad-analysis.js');
    const store = await openCliStore(flags);
    const dyad = `${a.toUpperCase()}-${b.toUpperCase()}`;
    try {
      const served = await loadDyadAnalysis(store, {
        dyad,
        from,
        to,
        resolution: flags.by as 'day' | 'week' | 'month',
      }).catch((error: Error) => {
        throw error.name === 'HttpError' ? new CliError(error.message) : error;
      });
      const { analysis } = served;
      if (flags.svg) {
        const { writeFileSync } = await import('node:fs');
        const { renderSvgChart } = await import('../../analysis/chart-svg.js');
        const title = `${a.toUpperCase()}–${b.toUpperCase()} ${analysis.series.from} to ${analysis.series.to}`;
        writeFileSync(flags.svg, renderSvgChart(analysis.series, analysis.movements, { title }));
      }
      if (flags.json) {
        const { dyadAnalysisJson } = await import('../../analysis/dyad-summary.js');
        process.stdout.write(
          `${JSON.stringify({ basis: served.basis, events: served.events, ...dyadAnalysisJson(analysis) }, null, 2)}\n`,
        );
        return;
      }
      const { renderTerminalChart } = await import('../../analysis/chart-terminal.js');
      const { summariseDyad } = await import('../../analysis/dyad-summary.js');
      const header = `${dyad.replace('-', '–')}  ${analysis.series.from} → ${analysis.series.to}  by ${flags.by}  (${served.events} events${served.basis === 'rollups' ? ', from daily roll-ups: unweighted, nothing to cite' : ''})`;
      const columns = Math.max(40, Math.min(120, (process.stdout.columns ?? 80) - 12));
      process.stdout.write(`${header}\n\n`);
      process.stdout.write(
        renderTerminalChart(analysis.series, analysis.movements, {
          width: columns,
          color: process.stdout.isTTY === true,
        }),
      );
      process.stdout.write(`\n${summariseDyad(analysis)}`);
      if (flags.svg) process.stderr.write(`dyad: chart written to ${flags.svg}\n`);
    } finally {
      await store.close();
    }
  });
}
