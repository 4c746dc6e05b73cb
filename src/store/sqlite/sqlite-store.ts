import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { SqlStore } from '../sql-store.js';
import type { Store } from '../store.js';
import { SqliteDriver } from './sqlite-driver.js';

/**
 * Opens (creating if needed) the SQLite store in one file, in WAL mode, migrated to the current schema.
 * @example const store = await openSqliteStore('./dyadwatch.db');
 */
export async function openSqliteStore(path: string, options: { readOnly?: boolean } = {}): Promise<Store> {
  const file = path === ':memory:' ? path : resolve(path);
  if (options.readOnly) return SqlStore.openReadOnly(new SqliteDriver(file, { readOnly: true }), file);
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  return SqlStore.open(new SqliteDriver(file), file);
}
