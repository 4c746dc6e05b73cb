import type { Dialect, Driver } from './driver.js';
import { rebuildPeriodsSql } from './dyad-periods.js';

/** Column types that differ between the dialects; everything else in the schema is written once. */
interface Types {
  dialect: Dialect;
  /** An integer primary key the database assigns. */
  id: string;
  bool: string;
  real: string;
  /** Suffix that clusters a table on its primary key where the database can. */
  clustered: string;
  /**
   * Text compared byte by byte (ids, codes, ISO dates): SQLite always does; PostgreSQL needs `COLLATE "C"`, or a
   * locale could order `USA-` and `USAGOV` differently from SQLite and break prefix ranges.
   */
  key: string;
}

const TYPES: Record<Dialect, Types> = {
  sqlite: {
    dialect: 'sqlite',
    id: 'INTEGER PRIMARY KEY',
    bool: 'INTEGER',
    real: 'REAL',
    clustered: ' WITHOUT ROWID',
    key: 'TEXT',
  },
  postgres: {
    dialect: 'postgres',
    id: 'BIGSERIAL PRIMARY KEY',
    bool: 'BOOLEAN',
    real: 'DOUBLE PRECISION',
    clustered: '',
    key: 'TEXT COLLATE "C"',
  },
};

export interface Migration {
  version: number;
  name: string;
  sql(types: Types): string;
}

/**
 * The schema's history. Never edit a migration that has shipped: add the next one. Dates are ISO text
 * (`YYYY-MM-DD`, timestamps with `T…Z`) in both databases, so they compare and sort the same way everywhere.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'documents, sentences, events, actors, dyad roll-up, feeds, corrections',
    sql: (t) => `
CREATE TABLE documents (
  id ${t.key} PRIMARY KEY,
  url ${t.key},
  title TEXT,
  author TEXT,
  published ${t.key},
  source ${t.key},
  feed_id INTEGER,
  language TEXT,
  external_id ${t.key},
  ingested_at ${t.key} NOT NULL,
  previous_version ${t.key} REFERENCES documents (id),
  version INTEGER NOT NULL DEFAULT 1,
  coder TEXT,
  sentence_count INTEGER NOT NULL DEFAULT 0,
  event_count INTEGER NOT NULL DEFAULT 0,
  text TEXT NOT NULL
);
CREATE UNIQUE INDEX documents_url_version ON documents (url, version);
CREATE INDEX documents_ingested ON documents (ingested_at, id);
CREATE INDEX documents_published ON documents (published);

CREATE TABLE sentences (
  doc_id ${t.key} NOT NULL REFERENCES documents (id),
  idx INTEGER NOT NULL,
  text TEXT NOT NULL,
  span_start INTEGER NOT NULL,
  span_end INTEGER NOT NULL,
  PRIMARY KEY (doc_id, idx)
)${t.clustered};

CREATE TABLE events (
  id ${t.id},
  doc_id ${t.key} REFERENCES documents (id),
  sentence INTEGER,
  date ${t.key} NOT NULL,
  source ${t.key} NOT NULL,
  source_text TEXT NOT NULL,
  target ${t.key} NOT NULL,
  target_text TEXT NOT NULL,
  cameo TEXT NOT NULL,
  cameo_name TEXT NOT NULL,
  root TEXT NOT NULL,
  quad INTEGER NOT NULL,
  goldstein ${t.real} NOT NULL,
  plover TEXT NOT NULL,
  direction TEXT NOT NULL,
  negated ${t.bool} NOT NULL,
  conditional ${t.bool} NOT NULL,
  modality TEXT NOT NULL,
  evidence TEXT NOT NULL,
  span_start INTEGER,
  span_end INTEGER,
  coder TEXT NOT NULL,
  confidence ${t.real} NOT NULL,
  origin TEXT NOT NULL,
  dyad_key ${t.key} NOT NULL,
  external_id ${t.key},
  url ${t.key},
  correction_id INTEGER
);
CREATE INDEX events_dyad_date ON events (dyad_key, date, id);
CREATE INDEX events_date ON events (date, id);
CREATE INDEX events_source_date ON events (source, date);
CREATE INDEX events_target_date ON events (target, date);
CREATE INDEX events_doc ON events (doc_id, sentence);
CREATE UNIQUE INDEX events_external ON events (external_id);

CREATE TABLE actors (
  code ${t.key} PRIMARY KEY,
  label TEXT NOT NULL,
  first_seen TEXT NOT NULL,
  last_seen TEXT NOT NULL,
  events INTEGER NOT NULL
);

CREATE TABLE dyad_daily (
  source ${t.key} NOT NULL,
  target ${t.key} NOT NULL,
  day ${t.key} NOT NULL,
  events INTEGER NOT NULL,
  quad1 INTEGER NOT NULL,
  quad2 INTEGER NOT NULL,
  quad3 INTEGER NOT NULL,
  quad4 INTEGER NOT NULL,
  goldstein_sum ${t.real} NOT NULL,
  forward INTEGER NOT NULL,
  rearward INTEGER NOT NULL,
  neutral INTEGER NOT NULL,
  PRIMARY KEY (source, target, day)
)${t.clustered};
CREATE INDEX dyad_daily_day ON dyad_daily (day);

CREATE TABLE feeds (
  id ${t.id},
  url ${t.key} NOT NULL UNIQUE,
  title TEXT,
  etag TEXT,
  last_modified TEXT,
  interval_minutes INTEGER NOT NULL,
  added_at TEXT NOT NULL,
  last_polled_at TEXT,
  last_success_at TEXT,
  error TEXT,
  error_count INTEGER NOT NULL DEFAULT 0,
  next_poll_at TEXT NOT NULL
);

CREATE TABLE feed_items (
  feed_id INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
  guid TEXT NOT NULL,
  url ${t.key},
  doc_id ${t.key},
  seen_at TEXT NOT NULL,
  PRIMARY KEY (feed_id, guid)
);

CREATE TABLE event_corrections (
  id ${t.id},
  doc_id ${t.key} NOT NULL,
  sentence INTEGER,
  match_source TEXT,
  match_target TEXT,
  match_cameo TEXT,
  action TEXT NOT NULL,
  fields TEXT NOT NULL,
  author TEXT,
  note TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX event_corrections_doc ON event_corrections (doc_id);
`,
  },
  {
    version: 2,
    name: 'users, sessions, API tokens, audit log, commentary (issue 6)',
    sql: (t) => `
CREATE TABLE users (
  id ${t.id},
  username ${t.key} NOT NULL UNIQUE,
  display_name TEXT,
  role TEXT NOT NULL,
  password_hash TEXT,
  disabled ${t.bool} NOT NULL,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until TEXT,
  created_at TEXT NOT NULL,
  last_login_at TEXT
);

CREATE TABLE sessions (
  id_hash ${t.key} PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id),
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  ip TEXT,
  user_agent TEXT
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
  id ${t.id},
  user_id INTEGER NOT NULL REFERENCES users (id),
  name TEXT NOT NULL,
  token_hash ${t.key} NOT NULL UNIQUE,
  prefix TEXT NOT NULL,
  scopes TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_used_at TEXT,
  expires_at TEXT,
  revoked_at TEXT
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

CREATE TABLE audit_log (
  id ${t.id},
  at ${t.key} NOT NULL,
  actor TEXT NOT NULL,
  user_id INTEGER,
  role TEXT NOT NULL,
  via TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT,
  status INTEGER,
  ip TEXT,
  user_agent TEXT,
  detail TEXT
);
CREATE INDEX audit_log_at ON audit_log (at, id);

CREATE TABLE commentary (
  id ${t.id},
  author_id INTEGER NOT NULL REFERENCES users (id),
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  status TEXT NOT NULL,
  official ${t.bool} NOT NULL,
  written ${t.key} NOT NULL,
  review_note TEXT,
  reviewed_by INTEGER REFERENCES users (id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  published_at TEXT,
  event_count INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX commentary_status ON commentary (status, written);
CREATE INDEX commentary_author ON commentary (author_id);

CREATE TABLE commentary_links (
  commentary_id INTEGER NOT NULL REFERENCES commentary (id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  ref ${t.key} NOT NULL,
  PRIMARY KEY (commentary_id, kind, ref)
);
CREATE INDEX commentary_links_ref ON commentary_links (kind, ref);
`,
  },
  {
    version: 3,
    name: 'events: the dyad page index carries the filter columns',
    // An event page walks a dyad's events in (date, id) order until it has `limit` matches; with the filters
    // (quad, root, cameo, PLOVER type, direction, modality, negated, origin) in the index, SQLite tests them there
    // and reads only the rows that match, not every row it passes (a page of `quad=4`: 0.7 → 0.2 ms). Its first
    // columns are the old index's, which it replaces.
    sql: () => `
CREATE INDEX events_dyad_page ON events (dyad_key, date, id, quad, root, cameo, plover, direction, modality, negated, origin);
DROP INDEX events_dyad_date;
`,
  },
  {
    version: 4,
    name: 'dyad_periods: the daily roll-up summed per pair and week or month',
    // A whole-range series summed ~7,300 daily rows of a busy pair per request (10–18 ms on a loaded 2-core
    // machine); the weekly rows are ~520 and read in order by key. Kept by every write (`dyad-periods.ts`); filled
    // here from the daily roll-up.
    sql: (t) => `
CREATE TABLE dyad_periods (
  side_a ${t.key} NOT NULL,
  side_b ${t.key} NOT NULL,
  resolution ${t.key} NOT NULL,
  start ${t.key} NOT NULL,
  first_day ${t.key} NOT NULL,
  last_day ${t.key} NOT NULL,
  events INTEGER NOT NULL,
  quad1 INTEGER NOT NULL,
  quad2 INTEGER NOT NULL,
  quad3 INTEGER NOT NULL,
  quad4 INTEGER NOT NULL,
  goldstein_sum ${t.real} NOT NULL,
  cooperative ${t.real} NOT NULL,
  conflictual ${t.real} NOT NULL,
  forward INTEGER NOT NULL,
  rearward INTEGER NOT NULL,
  neutral INTEGER NOT NULL,
  PRIMARY KEY (side_a, side_b, resolution, start)
)${t.clustered};
${rebuildPeriodsSql(t.dialect)}
`,
  },
];

/**
 * Brings the database up to the newest migration. Each migration runs in its own transaction together with its
 * row in `schema_migrations`; on PostgreSQL an advisory lock keeps two processes starting at once from racing.
 */
export async function migrate(driver: Driver): Promise<number> {
  await driver.transaction(async (tx) => {
    if (driver.dialect === 'postgres') await tx.all('SELECT pg_advisory_xact_lock(73100731)');
    await tx.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
    );
  });
  const types = TYPES[driver.dialect];
  let applied = 0;
  for (const migration of MIGRATIONS) {
    const done = await driver.transaction(async (tx) => {
      if (driver.dialect === 'postgres') await tx.all('SELECT pg_advisory_xact_lock(73100731)');
      const rows = await tx.all('SELECT version FROM schema_migrations WHERE version = ?', [migration.version]);
      if (rows.length > 0) return false;
      await tx.exec(migration.sql(types));
      await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
        migration.version,
        migration.name,
        new Date().toISOString(),
      ]);
      return true;
    });
    if (done) applied++;
  }
  return applied;
}

/** The newest schema version this code knows. */
export const SCHEMA_VERSION = MIGRATIONS.length;
