/**
 * Every store test runs on every database: `storeDialects(name)` gives a SQLite store in a fresh temp folder and,
 * when `DATABASE_URL` is set, a PostgreSQL store in a schema of its own (named after the test file and process),
 * so test files running in parallel never see each other's rows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/store.js';

export interface StoreDialect {
  name: 'sqlite' | 'postgres';
  /** Opens a new, empty store; `cleanup()` removes everything opened. */
  open(): Promise<Store>;
  /** Environment that points a child `dyadwatch` process at the same database as the last `open()`. */
  env(): Record<string, string>;
  cleanup(): Promise<void>;
}

let warned = false;

/** The PostgreSQL URL for tests, or null (with one visible notice) when `DATABASE_URL` is not set. */
export function postgresUrl(): string | null {
  const url = process.env.DATABASE_URL;
  if (!url) {
    if (!warned) console.warn('DATABASE_URL is not set: PostgreSQL store tests are SKIPPED (SQLite still runs).');
    warned = true;
    return null;
  }
  return url;
}

function sqliteDialect(): StoreDialect {
  const dirs: string[] = [];
  const stores: Store[] = [];
  let last = '';
  return {
    name: 'sqlite',
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'dyadwatch-store-'));
      dirs.push(dir);
      last = join(dir, 'test.db');
      const store = await openSqliteStore(last);
      stores.push(store);
      return store;
    },
    env: () => ({ DYADWATCH_DB: last, DATABASE_URL: '' }),
    async cleanup() {
      for (const store of stores.splice(0)) await store.close().catch(() => {});
      for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
}

function postgresDialect(url: string, label: string): StoreDialect {
  const schemas: string[] = [];
  const stores: Store[] = [];
  let counter = 0;
  return {
    name: 'postgres',
    async open() {
      const schema = `t_${label}_${process.pid}_${++counter}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
      schemas.push(schema);
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
      const store = await openPostgresStore({ connectionString: url, schema });
      stores.push(store);
      return store;
    },
    env: () => ({ DATABASE_URL: url, DYADWATCH_PG_SCHEMA: schemas[schemas.length - 1] ?? 'public', DYADWATCH_DB: '' }),
    async cleanup() {
      for (const store of stores.splice(0)) await store.close().catch(() => {});
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      for (const schema of schemas.splice(0)) await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    },
  };
}

/**
 * The dialects to loop over: SQLite always, PostgreSQL when `DATABASE_URL` is set. A skipped PostgreSQL shows up
 * as a skipped `describe` (use `describeStore`).
 */
export function storeDialects(label: string): { dialect: StoreDialect | null; name: 'sqlite' | 'postgres' }[] {
  const url = postgresUrl();
  return [
    { name: 'sqlite', dialect: sqliteDialect() },
    { name: 'postgres', dialect: url === null ? null : postgresDialect(url, label) },
  ];
}
