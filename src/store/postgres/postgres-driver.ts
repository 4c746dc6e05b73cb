import pg from 'pg';
import { discardBeforeCommit, runBeforeCommit } from '../before-commit.js';
import type { Driver, Queryable, Row } from '../driver.js';

/** PostgreSQL limits a statement to 65,535 parameters; multi-row inserts are cut into chunks below that. */
const MAX_PARAMETERS = 60_000;

/**
 * Counts and sums come back from PostgreSQL as int8/numeric, which pg returns as strings to avoid precision loss.
 * Our counts fit a double comfortably, so they are parsed to numbers for this pool only (not pg's global table).
 */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20 || oid === 1700) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

const numbered = new Map<string, string>();

/** `?` placeholders → `$1, $2 …`. Store SQL never has a `?` inside a string literal, so a plain scan is enough. */
function toPostgres(sql: string): string {
  let text = numbered.get(sql);
  if (text === undefined) {
    let n = 0;
    text = sql.replace(/\?/g, () => `$${++n}`);
    numbered.set(sql, text);
  }
  return text;
}

/** Column → SQL type of the store's tables, read from the catalog once per table (for `unnest` casts). */
type ColumnTypes = Map<string, Map<string, string>>;

async function typesOf(client: pg.Pool | pg.PoolClient, cache: ColumnTypes, table: string, columns: readonly string[]) {
  let types = cache.get(table);
  if (types === undefined || columns.some((c) => !types?.has(c))) {
    const result = await client.query<{ name: string; type: string }>(
      `SELECT attname AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute
       WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped`,
      [table],
    );
    types = new Map(result.rows.map((row) => [row.name, row.type]));
    cache.set(table, types);
  }
  return columns.map((column) => {
    const type = types?.get(column);
    if (type === undefined) throw new Error(`store: no column ${table}.${column}`);
    return type;
  });
}

function connection(client: pg.Pool | pg.PoolClient, cache: ColumnTypes): Queryable {
  return {
    dialect: 'postgres',
    async all<R = Row>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
      const result = await client.query(toPostgres(sql), params as unknown[]);
      return result.rows as R[];
    },
    async values(sql: string, params: readonly unknown[] = []): Promise<unknown[][]> {
      const result = await client.query({ text: toPostgres(sql), values: params as unknown[], rowMode: 'array' });
      return result.rows as unknown[][];
    },
    async run(sql: string, params: readonly unknown[] = []): Promise<number> {
      const result = await client.query(toPostgres(sql), params as unknown[]);
      return result.rowCount ?? 0;
    },
    async insertMany(table, columns, rows, suffix = '') {
      if (rows.length > 1) {
        // Many rows go as one array per column, unnested: a statement of fixed text with as many parameters as
        // columns, which PostgreSQL parses far faster than thousands of VALUES placeholders.
        const types = await typesOf(client, cache, table, columns);
        const arrays = columns.map((_, c) => rows.map((row) => row[c] ?? null));
        const result = await client.query(
          `INSERT INTO ${table} (${columns.join(', ')})
           SELECT * FROM unnest(${types.map((type, i) => `$${i + 1}::${type}[]`).join(', ')}) ${suffix}`,
          arrays,
        );
        return result.rowCount ?? 0;
      }
      const perChunk = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
      let inserted = 0;
      for (let start = 0; start < rows.length; start += perChunk) {
        const chunk = rows.slice(start, start + perChunk);
        const params: unknown[] = [];
        const tuples = chunk.map((row) => {
          const slots = row.map((value) => {
            params.push(value);
            return `$${params.length}`;
          });
          return `(${slots.join(', ')})`;
        });
        const result = await client.query(
          `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')} ${suffix}`,
          params,
        );
        inserted += result.rowCount ?? 0;
      }
      return inserted;
    },
    async exec(sql: string): Promise<void> {
      await client.query(sql);
    },
  };
}

export interface PostgresDriverOptions {
  connectionString: string;
  /** Schema the store's tables live in (created if missing); tests give each file its own. Default `public`. */
  schema?: string;
  /** Pool size. Default 4. */
  max?: number;
}

/** The PostgreSQL driver: a pg pool whose connections use the store's schema; a transaction holds one client. */
export class PostgresDriver implements Driver {
  readonly dialect = 'postgres' as const;
  readonly pool: pg.Pool;
  readonly schema: string;
  private readonly shared: Queryable;
  private readonly columnTypes: ColumnTypes = new Map();

  constructor(options: PostgresDriverOptions) {
    this.schema = options.schema ?? 'public';
    if (!/^[a-z_][a-z0-9_]*$/.test(this.schema)) throw new Error(`store: bad PostgreSQL schema name "${this.schema}"`);
    this.pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.max ?? 4,
      types,
      options: `-c search_path=${this.schema}`,
    });
    this.shared = connection(this.pool, this.columnTypes);
  }

  /** Creates the schema if it does not exist yet (before migrations run in it). */
  async ensureSchema(): Promise<void> {
    await this.pool.query(`CREATE SCHEMA IF NOT EXISTS ${this.schema}`);
  }

  all<R = Row>(sql: string, params?: readonly unknown[]): Promise<R[]> {
    return this.shared.all<R>(sql, params);
  }

  values(sql: string, params?: readonly unknown[]): Promise<unknown[][]> {
    return this.shared.values(sql, params);
  }

  run(sql: string, params?: readonly unknown[]): Promise<number> {
    return this.shared.run(sql, params);
  }

  insertMany(table: string, columns: readonly string[], rows: readonly unknown[][], suffix?: string) {
    return this.shared.insertMany(table, columns, rows, suffix);
  }

  async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      try {
        const tx = connection(client, this.columnTypes);
        let result: T;
        try {
          result = await work(tx);
          await runBeforeCommit(tx);
        } catch (error) {
          discardBeforeCommit(tx);
          throw error;
        }
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    } finally {
      client.release();
    }
  }

  async exec(sql: string): Promise<void> {
    await this.pool.query(sql);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
