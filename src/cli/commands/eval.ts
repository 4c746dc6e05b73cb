/** `dyadwatch eval GOLD.jsonl`: run the coder on a gold file and print P/R/F1 at four levels and the worst misses. */
import type { Command } from 'commander';
import { CliError } from '../cli-error.js';

export function register(program: Command): void {
  program
    .command('eval')
    .description('score the coder on a gold file (JSON Lines with "expected" or "events" per record)')
    .argument('<gold>', 'gold JSON Lines file')
    .option('--show <n>', 'how many misses to print', '10')
    .option('--json', 'print the report as JSON')
    .action(async (goldPath: string, options: { show: string; json?: boolean }) => {
      const [{ readFile }, { createCoder }, { score, LEVELS }] = await Promise.all([
        import('node:fs/promises'),
        import('../../coder/index.js'),
        import('../../evaluation/score.js'),
      ]);
      const raw = await readFile(goldPath, 'utf8').catch(() => {
        throw new CliError(`${goldPath}: cannot read the gold file`);
      });
      const gold = raw
        .split('\n')
        .map((line, i) => [line, i + 1] as const)
        .filter(([line]) => line.trim())
        .map(([line, n]) => {
          try {
            const record = JSON.parse(line);
            if (typeof record?.text !== 'string' || record.id === undefined) throw new Error();
            return record;
          } catch {
            throw new CliError(`${goldPath}:${n}: expected a JSON object with "id" and "text"`);
          }
        });
      const coder = await createCoder();
      const predictions = new Map(
        gold.map((r) => [
          String(r.id),
          coder.codeDocument({ id: String(r.id), date: normalise(r.date), text: r.text }).events,
        ]),
      );
      const report = score(gold, predictions);
      if (options.json) {
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        return;
      }
      const f = (x: number) => x.toFixed(3);
      process.stdout.write(
        `${report.records} records, ${report.noEventRecords} without events (false-positive rate ${report.noEventFalsePositiveRate === null ? 'n/a' : f(report.noEventFalsePositiveRate)})\n`,
      );
      for (const level of LEVELS) {
        const s = report.levels[level];
        process.stdout.write(
          `${level.padEnd(15)} P ${f(s.precision)}  R ${f(s.recall)}  F1 ${f(s.f1)}  (tp ${s.tp}, fp ${s.fp}, fn ${s.fn})\n`,
        );
      }
      const show = Number(options.show) || 0;
      if (show && report.misses.length) process.stdout.write(`\nworst misses (dyad+type):\n`);
      for (const miss of report.misses.slice(0, show)) {
        process.stdout.write(
          `- ${miss.id}: ${miss.text.slice(0, 140)}\n    gold: ${miss.gold.join(' ') || '(none)'}\n    pred: ${miss.predicted.join(' ') || '(none)'}\n`,
        );
      }
    });
}

function normalise(date: unknown): string {
  const s = String(date ?? '');
  const m = /^(\d{4})-?(\d{2})-?(\d{2})/.exec(s);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : new Date().toISOString().slice(0, 10);
}
