import Database from 'better-sqlite3';
import { discardBeforeCommit, runBeforeCommit } from '../before-commit.js';
import type { Driver, Queryable, Row } from '../driver.js';

/** better-sqlite3 binds numbers, strings, bigints, buffers and null; booleans become 0/1 as SQLite stores them. */
function bindValue(p: unknown): unknown {
  return p === undefined ? null : typeof p === 'boolean' ? (p ? 1 : 0) : p;
}

function bindable(params: readonly unknown[]): unknown[] {
  return params.map(bindValue);
}

/** Rows per multi-row INSERT: 32 rows of the widest table (events, 27 columns) stay far below SQLite's 32,766. */
const ROWS_PER_INSERT = 32;

/**
 * The SQLite driver: one better-sqlite3 connection in WAL mode with a cache of prepared statements. SQLite calls
 * are synchronous, but the store's transactions are async functions, so transactions take a lock: statements from
 * outside a transaction wait for it rather than see (or join) its uncommitted writes.
 */
export class SqliteDriver implements Driver {
  readonly dialect = 'sqlite' as const;
  readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  /** Statements in raw mode (rows as arrays), kept apart: raw mode is a property of the prepared statement. */
  private readonly rawStatements = new Map<string, Database.Statement>();
  private lock: Promise<void> = Promise.resolve();
  private locked = false;

  /** `readOnly` opens an existing database for reading only (a server's read thread), leaving its settings alone. */
  constructor(path: string, options: { readOnly?: boolean } = {}) {
    if (options.readOnly) {
      this.db = new Database(path, { readonly: true, fileMustExist: true });
      this.db.pragma('cache_size = -65536');
      this.db.pragma('busy_timeout = 10000');
      return;
    }
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode keeps every commit atomic and durable against a process crash (kill -9), and only risks
    // the last commits on power loss; FULL would fsync on every document.
    this.db.pragma('synchronous = NORMAL');
    // Checkpoint (copy the WAL back into the database, two fsyncs) every 4,000 pages (16 MB) rather than SQLite's
    // 1,000: a page written by many commits is copied once, and ingest spends half as long in checkpoints.
    this.db.pragma('wal_autocheckpoint = 4000');
    this.db.pragma('foreign_keys = ON');
    // A document touches some twenty B-tree pages (tables and indexes); a 64 MB page cache keeps the hot ones
    // in memory across documents instead of re-reading them for each one.
    this.db.pragma('cache_size = -65536');
    this.db.pragma('busy_timeout = 10000');
  }

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private rawStatement(sql: string): Database.Statement {
    let statement = this.rawStatements.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare(sql).raw(true);
      this.rawStatements.set(sql, statement);
    }
    return statement;
  }

  private readonly connection: Queryable = {
    dialect: 'sqlite',
    all: async <R = Row>(sql: string, params: readonly unknown[] = []) => {
      const statement = this.statement(sql);
      if (!statement.reader) {
        statement.run(...bindable(params));
        return [] as R[];
      }
      return statement.all(...bindable(params)) as R[];
    },
    values: async (sql: string, params: readonly unknown[] = []) =>
      this.rawStatement(sql).all(...bindable(params)) as unknown[][],
    run: async (sql: string, params: readonly unknown[] = []) => this.statement(sql).run(...bindable(params)).changes,
    insertMany: async (table, columns, rows, suffix = '') => {
      // Up to ROWS_PER_INSERT rows per statement, in a few fixed shapes (32, 8, 1 rows) so the statement cache
      // stays small: one statement step per 32 rows instead of one per row.
      const tuple = `(${columns.map(() => '?').join(', ')})`;
      let inserted = 0;
      let at = 0;
      for (const size of [ROWS_PER_INSERT, 8, 1]) {
        if (rows.length - at < size) continue;
        const statement = this.statement(
          `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array(size).fill(tuple).join(', ')} ${suffix}`,
        );
        for (; rows.length - at >= size; at += size) {
          const params: unknown[] = [];
          for (let i = at; i < at + size; i++) for (const value of rows[i] as unknown[]) params.push(bindValue(value));
          inserted += statement.run(params).changes;
        }
      }
      return inserted;
    },
    exec: async (sql: string) => {
      this.db.exec(sql);
    },
  };

  async all<R = Row>(sql: string, params?: readonly unknown[]): Promise<R[]> {
    while (this.locked) await this.lock;
    return this.connection.all<R>(sql, params);
  }

  async values(sql: string, params?: readonly unknown[]): Promise<unknown[][]> {
    while (this.locked) await this.lock;
    return this.connection.values(sql, params);
  }

  async run(sql: string, params?: readonly unknown[]): Promise<number> {
    while (this.locked) await this.lock;
    return this.connection.run(sql, params);
  }

  async insertMany(table: string, columns: readonly string[], rows: readonly unknown[][], suffix?: string) {
    while (this.locked) await this.lock;
    return this.connection.insertMany(table, columns, rows, suffix);
  }

  async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    // No await between the check and taking the lock, so two transactions can never both pass it.
    while (this.locked) await this.lock;
    let release = () => {};
    this.locked = true;
    this.lock = new Promise<void>((resolve) => {
      release = resolve;
    });
    try {
      this.statement('BEGIN IMMEDIATE').run();
      try {
        const result = await work(this.connection);
        await runBeforeCommit(this.connection);
        this.statement('COMMIT').run();
        return result;
      } catch (error) {
        discardBeforeCommit(this.connection);
        if (this.db.inTransaction) this.statement('ROLLBACK').run();
        throw error;
      }
    } finally {
      this.locked = false;
      release();
    }
  }

  async exec(sql: string): Promise<void> {
    while (this.locked) await this.lock;
    this.db.exec(sql);
  }

  async close(): Promise<void> {
    while (this.locked) await this.lock;
    this.db.close();
  }
}
