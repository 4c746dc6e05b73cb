import type { Command } from 'commander';
import { runServer, type ServeFlags, withServeOptions } from './serve.js';

/** `dyadwatch start` (what `npm start` runs): the demo corpus coded into an empty store, then `serve`. */
export function register(program: Command): void {
  withServeOptions(
    program
      .command('start')
      .description('code the demo corpus into an empty store, then serve the dashboard on http://localhost:8080'),
  ).action((flags: ServeFlags) => runServer(flags, true));
}
