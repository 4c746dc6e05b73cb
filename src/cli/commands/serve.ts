import type { Command } from 'commander';
import { withDbOption } from '../../ingest/cli-support.js';
import { CliError } from '../cli-error.js';

export interface ServeFlags {
  db?: string;
  port?: string;
  host?: string;
  readThreads?: string;
}

/** Adds the options `serve` and `start` share. */
export function withServeOptions(command: Command): Command {
  return withDbOption(command)
    .option('--port <port>', 'port to listen on (default: $PORT or 8080)')
    .option('--host <address>', 'interface to listen on (default: $HOST or 127.0.0.1; 0.0.0.0 for all)')
    .option(
      '--read-threads <n>',
      'worker threads for dyad analyses and series over SQLite (default: $DYADWATCH_READ_THREADS or the cores, at most 4; 0 for none)',
    );
}

/** Opens the store, starts the server and keeps it running until Ctrl-C; `demo` imports the demo corpus first. */
export async function runServer(flags: ServeFlags, demo: boolean): Promise<void> {
  const port = Number(flags.port ?? process.env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port ${flags.port}: a port number`);
  const { startServer, defaultReadThreads } = await import('../../server/serve.js');
  const readThreads = flags.readThreads === undefined ? defaultReadThreads() : Number(flags.readThreads);
  if (!Number.isInteger(readThreads) || readThreads < 0 || readThreads > 64) {
    const given = flags.readThreads ?? `DYADWATCH_READ_THREADS=${process.env.DYADWATCH_READ_THREADS}`;
    throw new CliError(`--read-threads ${given}: a whole number of threads from 0 to 64`);
  }
  const { openCliStore, loadCoder } = await import('../../ingest/cli-support.js');
  const { defaultWebRoot } = await import('../../server/static-files.js');
  const store = await openCliStore(flags);
  const coder = loadCoder();
  coder.catch(() => {});
  try {
    if (demo) {
      const { importDemoIfEmpty } = await import('../../server/demo-import.js');
      let last = 0;
      const summary = await importDemoIfEmpty(store, await coder, (progress) => {
        const done = progress.new + progress.duplicates + progress.failed + progress.versions;
        if (process.stderr.isTTY && performance.now() - last > 100) {
          last = performance.now();
          process.stderr.write(`\rdemo: ${done} reports coded, ${progress.events} events`);
        }
      });
      if (summary !== null) {
        process.stderr.write(
          `\rdemo: ${summary.new} reports, ${summary.events} events coded into ${store.location} in ${(summary.milliseconds / 1000).toFixed(1)} s\n`,
        );
      }
    }
    const webRoot = defaultWebRoot();
    const server = await startServer({
      store,
      coder: () => coder,
      port,
      host: flags.host ?? process.env.HOST ?? '127.0.0.1',
      webRoot,
      readThreads,
    });
    if (webRoot === null) process.stderr.write('dashboard not built (npm run build); serving the API only\n');
    process.stdout.write(`dyadwatch: ${server.url}  (store: ${store.location})\n`);
    const stop = async () => {
      await server.close();
      await store.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (error) {
    await store.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new CliError(`port ${port} is already in use (--port)`);
    throw error;
  }
}

/** `dyadwatch serve`: the dashboard and API over the configured store. */
export function register(program: Command): void {
  withServeOptions(
    program.command('serve').description('serve the dashboard, the HTTP API and the live stream over the store'),
  ).action((flags: ServeFlags) => runServer(flags, false));
}
