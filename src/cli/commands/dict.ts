/** `dyadwatch dict check`: validate the dictionaries, with file:line for every problem. */
import type { Command } from 'commander';
import { CliError } from '../cli-error.js';

export function register(program: Command): void {
  const dict = program.command('dict').description('dictionary tools');
  dict
    .command('check')
    .description('validate the built-in dictionaries and any extra folders (bad codes, date ranges, duplicates)')
    .option('--dict <dir...>', 'extra dictionary folders to check with the built-in ones')
    .option('--warnings', 'print warnings too, not only errors')
    .action(async (options: { dict?: string[]; warnings?: boolean }) => {
      const { checkDictionaries } = await import('../../dictionaries/check.js');
      const { lexicon, problems } = checkDictionaries(options.dict ?? []);
      const errors = problems.filter((p) => p.severity === 'error');
      const warnings = problems.filter((p) => p.severity === 'warning');
      for (const p of options.warnings ? problems : errors)
        process.stdout.write(`${p.where}: ${p.severity}: ${p.message}\n`);
      const c = lexicon.counts;
      process.stdout.write(
        `${c.files} files: ${c.actors} actors, ${c.people} people, ${c.roles} role lines, ${c.titles} title lines, ${c.patterns} patterns; ${errors.length} errors, ${warnings.length} warnings (valid as of ${lexicon.validAsOf})\n`,
      );
      if (errors.length) throw new CliError(`dictionary check failed with ${errors.length} error(s)`);
    });
}
