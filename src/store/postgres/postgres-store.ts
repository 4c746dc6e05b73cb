import { SqlStore } from '../sql-store.js';
import type { Store } from '../store.js';
import { PostgresDriver, type PostgresDriverOptions } from './postgres-driver.js';

/** The URL with its password masked, fit for logs and `Store.location`. */
function withoutPassword(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'postgres';
  }
}

/**
 * Opens the PostgreSQL store at `DATABASE_URL`-style connection string, creating its schema and running
 * migrations as needed.
 * @example const store = await openPostgresStore({ connectionString: process.env.DATABASE_URL ?? '' });
 */
export async function openPostgresStore(options: PostgresDriverOptions): Promise<Store> {
  const driver = new PostgresDriver(options);
  try {
    await driver.ensureSchema();
    return await SqlStore.open(driver, withoutPassword(options.connectionString));
  } catch (error) {
    await driver.close();
    throw error;
  }
}
