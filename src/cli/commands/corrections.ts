/**
 * `dyadwatch corrections list|export`: members' corrections of coded events, and the dictionary suggestions
 * drawn from them (JSON Lines, or commented text grouped by dictionary).
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { withDbOption } from '../../ingest/cli-support.js';
import { CliError } from '../cli-error.js';

interface Flags {
  db?: string;
  doc?: string;
  out?: string;
  format?: string;
}

export function register(program: Command): void {
  const corrections = program.command('corrections').description("members' corrections of coded events");

  withDbOption(corrections.command('list'))
    .description('list corrections with their author and reason')
    .option('--doc <id>', 'only corrections of one document')
    .action(async (flags: Flags) => {
      const { openCliStore } = await import('../../ingest/cli-support.js');
      const { correctionReason } = await import('../../commentary/corrections.js');
      const store = await openCliStore(flags);
      try {
        for (const correction of await store.listCorrections(flags.doc)) {
          const { kind, reason } = correctionReason(correction);
          process.stdout.write(
            `${correction.id}\t${correction.createdAt.slice(0, 10)}\t${correction.author ?? '-'}\t${kind}\t${correction.doc.slice(0, 19)}\t${reason}\n`,
          );
        }
      } finally {
        await store.close();
      }
    });

  withDbOption(corrections.command('export'))
    .description('write dictionary suggestions drawn from the corrections')
    .option('--out <file>', 'write to a file instead of stdout')
    .option('--format <format>', 'jsonl or text (grouped by dictionary)', 'text')
    .action(async (flags: Flags) => {
      if (flags.format !== 'jsonl' && flags.format !== 'text') throw new CliError('--format: jsonl or text');
      const { openCliStore } = await import('../../ingest/cli-support.js');
      const { dictionarySuggestions, suggestionsAsText } = await import('../../commentary/suggestions.js');
      const store = await openCliStore(flags);
      try {
        const suggestions = await dictionarySuggestions(store);
        const output =
          flags.format === 'jsonl'
            ? suggestions.map((s) => `${JSON.stringify(s)}\n`).join('')
            : suggestionsAsText(suggestions);
        if (flags.out) {
          writeFileSync(flags.out, output);
          process.stderr.write(`${suggestions.length} suggestions written to ${flags.out}\n`);
        } else process.stdout.write(output);
      } finally {
        await store.close();
      }
    });
}
