/**
 * The store's door: `openStore()` picks PostgreSQL when a connection string is given (or `DATABASE_URL` is set),
 * else SQLite at `--db PATH`, `DYADWATCH_DB` or `./dyadwatch.db`.
 */
import { openPostgresStore } from './postgres/postgres-store.js';
import { openSqliteStore } from './sqlite/sqlite-store.js';
import type { Store } from './store.js';

export interface StoreOptions {
  /** SQLite file; wins over `DYADWATCH_DB`. */
  db?: string;
  /** PostgreSQL connection string; wins over `DATABASE_URL`. */
  databaseUrl?: string;
  /** PostgreSQL schema (default `public`, or `DYADWATCH_PG_SCHEMA`). */
  schema?: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * Opens the configured store.
 * @example const store = await openStore({ db: options.db });
 */
export async function openStore(options: StoreOptions = {}): Promise<Store> {
  const env = options.env ?? process.env;
  const databaseUrl = options.databaseUrl ?? (options.db === undefined ? env.DATABASE_URL : undefined);
  if (databaseUrl) {
    const schema = options.schema ?? env.DYADWATCH_PG_SCHEMA;
    return openPostgresStore({ connectionString: databaseUrl, ...(schema ? { schema } : {}) });
  }
  return openSqliteStore(options.db ?? env.DYADWATCH_DB ?? './dyadwatch.db');
}

export type * from './audit-log.js';
export type * from './commentary.js';
export { cleanText, documentId } from './document-id.js';
export { dyadKey, dyadSide, parseDyad } from './dyad-key.js';
export type * from './store.js';
export type * from './users.js';
