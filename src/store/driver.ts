/**
 * The one seam between the store's logic and a database: run a statement, read rows, insert many rows, and run a
 * function inside a transaction. `sqlite/` and `postgres/` each provide one; everything else in `store/` is shared.
 * SQL is written once with `?` placeholders; the PostgreSQL driver numbers them (`$1`, `$2` …).
 */
export type Dialect = 'sqlite' | 'postgres';

export type Row = Record<string, unknown>;

/** A connection that statements run on: the driver itself outside a transaction, the transaction inside one. */
export interface Queryable {
  /** Which database the statements run on (for the few statements written per dialect). */
  readonly dialect: Dialect;
  all<R = Row>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /**
   * Like `all`, but each row is an array of its values in the order of the SELECT list: no object per row, which
   * is most of the cost of reading a page of wide rows with better-sqlite3.
   */
  values(sql: string, params?: readonly unknown[]): Promise<unknown[][]>;
  /** Runs a statement and returns how many rows it changed. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
  /**
   * Inserts rows into a table in as few round trips as the database allows. `suffix` is appended to each
   * statement (`ON CONFLICT … DO NOTHING`). Returns how many rows were inserted.
   */
  insertMany(table: string, columns: readonly string[], rows: readonly unknown[][], suffix?: string): Promise<number>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Driver extends Queryable {
  /** Runs `work` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
