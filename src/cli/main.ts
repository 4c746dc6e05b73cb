#!/usr/bin/env node
/**
 * The `dyadwatch` command. Each subcommand lives in `commands/<name>.js` and exports
 * `register(program)`; they are discovered here so a new command is one new file. A command module
 * imports its heavy dependencies lazily inside its action, so `dyadwatch --help` stays fast.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Command } from 'commander';
import { CliError } from './cli-error.js';

export interface CommandModule {
  register(program: Command): void;
}

async function main(argv: string[]): Promise<void> {
  const program = new Command('dyadwatch')
    .description('Watch how two sides talk to each other: code news into events and follow each dyad.')
    .version('0.1.0')
    .showHelpAfterError();
  const dir = join(dirname(fileURLToPath(import.meta.url)), 'commands');
  const files = readdirSync(dir).filter((f) => /\.(js|ts)$/.test(f) && !f.endsWith('.d.ts') && !f.endsWith('.map'));
  for (const file of files.sort()) {
    const mod = (await import(pathToFileURL(join(dir, file)).href)) as CommandModule;
    mod.register(program);
  }
  await program.parseAsync(argv);
}

main(process.argv).catch((error: unknown) => {
  // Errors a user can act on are printed as one line; anything else is a bug and keeps its trace.
  if (error instanceof CliError) {
    process.stderr.write(`dyadwatch: ${error.message}\n`);
    process.exitCode = error.exitCode;
  } else {
    process.stderr.write(
      `dyadwatch: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 70;
  }
});
