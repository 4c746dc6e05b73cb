/**
 * `dyadwatch code [FILES…]`: code documents into events. `--jsonl` follows the evaluation contract (one
 * `{"id","events"}` line per input line, in order); otherwise one event a line, or a readable table.
 */
import type { Command } from 'commander';
import { CliError } from '../cli-error.js';

interface CodeOptions {
  jsonl?: boolean;
  format: 'jsonl' | 'table';
  date?: string;
  dict?: string[];
}

export function register(program: Command): void {
  program
    .command('code')
    .description('code text into who-did-what-to-whom events (txt, md, html, jsonl; "-" for stdin)')
    .argument('[files...]', 'input files; stdin when none', [])
    .option('--jsonl', 'evaluation contract: JSON Lines {"id","date","text"} in, {"id","events"} out, one line each')
    .option('--format <format>', 'events as "jsonl" (one event a line) or "table"', 'jsonl')
    .option('--date <YYYY-MM-DD>', 'document date where the input has none (default: today)')
    .option('--dict <dir...>', 'extra dictionary folders')
    .action(async (files: string[], options: CodeOptions) => {
      const { runCode } = await import('../code-run.js');
      if (options.format !== 'jsonl' && options.format !== 'table')
        throw new CliError(`--format must be jsonl or table, not "${options.format}"`);
      if (options.date && !/^\d{4}-\d{2}-\d{2}$/.test(options.date))
        throw new CliError(`--date must be YYYY-MM-DD, not "${options.date}"`);
      await runCode(files.length ? files : ['-'], {
        jsonl: options.jsonl ?? false,
        format: options.format,
        date: options.date ?? new Date().toISOString().slice(0, 10),
        dictionaryDirs: options.dict ?? [],
      });
    });
}
