import type { Command } from 'commander';
import { withDbOption } from '../../ingest/cli-support.js';

/** `dyadwatch db info`: where the store is, its schema version and its size. */
export function register(program: Command): void {
  const db = program.command('db').description('the store: location, schema and counts');
  withDbOption(
    db.command('info').description('open (and migrate) the store, then print its location and counts'),
  ).action(async (flags: { db?: string }) => {
    const { openCliStore } = await import('../../ingest/cli-support.js');
    const { SCHEMA_VERSION } = await import('../../store/migrations.js');
    const store = await openCliStore(flags);
    try {
      const stats = await store.stats();
      process.stdout.write(
        `${JSON.stringify({ dialect: store.dialect, location: store.location, schema: SCHEMA_VERSION, ...stats }, null, 2)}\n`,
      );
    } finally {
      await store.close();
    }
  });
}
