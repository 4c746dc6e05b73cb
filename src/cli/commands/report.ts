import type { Command } from 'commander';
import { withDbOption } from '../../ingest/cli-support.js';
import { CliError } from '../cli-error.js';

interface ReportFlags {
  db?: string;
  month?: string;
  since?: string;
  until?: string;
  top: string;
  out?: string;
  html?: string;
}

/** The report window from `--month` or `--since`/`--until`, or an error the user can act on. */
export async function window(since: string | undefined, until: string | undefined, month?: string) {
  const { dateBound, endOfMonth, resolveSince } = await import('../../analysis/periods.js');
  try {
    if (month !== undefined) {
      if (!/^\d{4}-\d{2}$/.test(month)) throw new Error(`--month ${month}: use YYYY-MM`);
      return { since: `${month}-01`, until: endOfMonth(month) };
    }
    const end = until === undefined ? new Date().toISOString().slice(0, 10) : dateBound(until, true);
    const start = resolveSince(since ?? '30d', end);
    if (start > end) throw new Error(`--since ${since} is after --until ${end}`);
    return { since: start, until: end };
  } catch (error) {
    throw new CliError((error as Error).message);
  }
}

/**
 * `dyadwatch report --month 2018-05` (or `--since 30d`): a digest of the dyads that improved and deteriorated,
 * each with its chart and the cited events that moved it, as Markdown (stdout or `--out FILE.md`, charts as SVG
 * files beside it) and as a self-contained HTML page (`--html FILE`).
 */
export function register(program: Command): void {
  const command = program
    .command('report')
    .description('monthly digest: dyads that improved and deteriorated, with charts and cited events')
    .option('--month <YYYY-MM>', 'one calendar month')
    .option('--since <when>', 'start: 30d, 8w, 3m, 1y before --until, or a date')
    .option('--until <date>', 'end of the window (default: today)')
    .option('--top <n>', 'dyads per list', '5')
    .option('--out <file.md>', 'write the Markdown here (charts as SVG files beside it)')
    .option('--html <file.html>', 'also write a self-contained HTML page');
  withDbOption(command).action(async (flags: ReportFlags) => {
    if (flags.month && flags.since) throw new CliError('use --month or --since, not both');
    const { since, until } = await window(flags.since, flags.until, flags.month);
    const top = Number(flags.top);
    if (!Number.isInteger(top) || top < 1) throw new CliError(`--top ${flags.top}: use a whole number from 1`);
    const { openCliStore } = await import('../../ingest/cli-support.js');
    const { rankStoredDyads, readDyadEvents } = await import('../../analysis/stored-dyads.js');
    const { analyseDyad } = await import('../../analysis/index.js');
    const { addDays } = await import('../../analysis/periods.js');
    const report = await import('../../analysis/crisis-report.js');
    const store = await openCliStore(flags);
    try {
      const ranking = await rankStoredDyads(store, { since, until, top });
      // Each chart shows the window with a quarter of context before it, so a reader sees where the dyad came from.
      const from = addDays(since, -90);
      const section = async (change: (typeof ranking.improved)[number]) => {
        const events = await readDyadEvents(store, change.dyad.a, change.dyad.b, from, until);
        const resolution = 'week' as const;
        return {
          change,
          analysis: analyseDyad(events, { a: change.dyad.a, b: change.dyad.b, from, to: until, resolution }),
        };
      };
      const digest = {
        title: flags.month ? `Dyads in ${flags.month}` : `Dyads from ${since} to ${until}`,
        since,
        until,
        improved: await Promise.all(ranking.improved.map(section)),
        deteriorated: await Promise.all(ranking.deteriorated.map(section)),
        generated: new Date().toISOString().slice(0, 10),
      };
      const { writeFileSync: write } = await import('node:fs');
      const writeFileSync = (file: string, text: string): void => {
        try {
          write(file, text);
        } catch (error) {
          throw new CliError(`cannot write ${file}: ${(error as Error).message}`);
        }
      };
      if (flags.out) {
        const { basename, dirname, join } = await import('node:path');
        const { renderSvgChart } = await import('../../analysis/chart-svg.js');
        const stem = basename(flags.out).replace(/\.md$/i, '');
        const chartName = (s: (typeof digest.improved)[number]) => `${stem}-${s.change.dyad.a}-${s.change.dyad.b}.svg`;
        for (const s of [...digest.improved, ...digest.deteriorated]) {
          const title = `${s.change.dyad.a}–${s.change.dyad.b}`;
          writeFileSync(
            join(dirname(flags.out), chartName(s)),
            renderSvgChart(s.analysis.series, s.analysis.movements, { title }),
          );
        }
        writeFileSync(flags.out, report.renderReportMarkdown(digest, chartName));
        process.stderr.write(`report: Markdown written to ${flags.out}\n`);
      } else {
        process.stdout.write(report.renderReportMarkdown(digest));
      }
      if (flags.html) {
        writeFileSync(flags.html, report.renderReportHtml(digest));
        process.stderr.write(`report: HTML written to ${flags.html}\n`);
      }
    } finally {
      await store.close();
    }
  });
}
