/**
 * The `Store` both databases share: every method is written once over a `Driver`. The dialect folders only open
 * a connection and hand it here (`sqlite/sqlite-store.ts`, `postgres/postgres-store.ts`).
 */
import type { CodedDocument } from '../coder/types.js';
import { type AuditStore, auditStore } from './audit-log.js';
import { type CommentaryStore, commentaryStore } from './commentary.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { applyActors, applyNewCorrection, rewriteCoding } from './document-writer.js';
import type { Driver } from './driver.js';
import { dyadKey } from './dyad-key.js';
import { dyadPeriods, dyadSeries, queryEvents, queryEventsJson, searchActors, topDyads } from './event-queries.js';
import * as feeds from './feeds-table.js';
import { GroupCommit, GroupLookup } from './group-commit.js';
import { migrate } from './migrations.js';
import { PeriodMemo } from './period-memo.js';
import { applyRollup } from './rollup.js';
import { EVENT_COLUMNS, eventValues, toCorrection, toDocument, toEvent } from './rows.js';
import type {
  Correction,
  CorrectionInput,
  DocumentInput,
  DocumentListQuery,
  DyadPeriodQuery,
  DyadSeriesQuery,
  EventQuery,
  ExternalEvent,
  FeedUpdate,
  PutResult,
  Store,
  StoreStats,
  TopDyadsQuery,
} from './store.js';
import { type AccountStore, accountStore } from './users.js';

export class SqlStore implements Store {
  readonly dialect: Driver['dialect'];
  readonly accounts: AccountStore;
  readonly commentary: CommentaryStore;
  readonly audit: AuditStore;
  private readonly documents: GroupCommit;
  private readonly lookups: GroupLookup;
  /** Whole periods per pair, kept until the data changes: read-only SQLite connections only (`period-memo.ts`). */
  private periodMemo: PeriodMemo | null = null;

  private constructor(
    readonly driver: Driver,
    readonly location: string,
  ) {
    this.dialect = driver.dialect;
    this.accounts = accountStore(driver);
    this.commentary = commentaryStore(driver);
    this.audit = auditStore(driver);
    this.documents = new GroupCommit(driver);
    this.lookups = new GroupLookup(driver);
  }

  /** Wraps an open driver, running any migrations the database has not seen yet. */
  static async open(driver: Driver, location: string): Promise<SqlStore> {
    await migrate(driver);
    return new SqlStore(driver, location);
  }

  /**
   * Wraps a read-only SQLite connection to a database another connection keeps migrated (a server's read
   * threads): no migrations, and whole periods are read once per pair until `changeMark` moves.
   */
  static openReadOnly(driver: Driver, location: string): SqlStore {
    if (driver.dialect !== 'sqlite') throw new Error('store: read-only stores are SQLite connections');
    const store = new SqlStore(driver, location);
    store.periodMemo = new PeriodMemo(driver, () => store.changeMark());
    return store;
  }

  /** Ids asked for together are looked up together (`group-commit.ts`). */
  hasDocument(id: string): Promise<boolean> {
    return this.lookups.has(id);
  }

  /** Documents put while others are being written share their transaction (`group-commit.ts`). */
  putDocument(input: DocumentInput, coded: CodedDocument): Promise<PutResult> {
    return this.documents.put({ input, coded });
  }

  async replaceCoding(id: string, coded: CodedDocument, coder: string): Promise<{ events: number }> {
    const events = await this.driver.transaction((tx) => rewriteCoding(tx, id, coded, coder));
    return { events };
  }

  async getDocument(id: string) {
    const [row] = await this.driver.all('SELECT * FROM documents WHERE id = ?', [id]);
    if (row === undefined) return null;
    const sentences = await this.driver.all<Record<string, unknown>>(
      'SELECT * FROM sentences WHERE doc_id = ? ORDER BY idx',
      [id],
    );
    const events = await this.driver.all('SELECT * FROM events WHERE doc_id = ? ORDER BY sentence, id', [id]);
    const text = String(row.text);
    return {
      document: toDocument(row),
      text,
      // A sentence's text is its span of the document's text (stored once); rows written before that was so
      // still carry their own copy.
      sentences: sentences.map((s) => ({
        index: Number(s.idx),
        text: String(s.text ?? '') || text.slice(Number(s.span_start), Number(s.span_end)),
        span: [Number(s.span_start), Number(s.span_end)] as [number, number],
      })),
      events: events.map(toEvent),
    };
  }

  async listDocuments(query: DocumentListQuery = {}) {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (clause: string, ...values: unknown[]) => {
      where.push(clause);
      params.push(...values);
    };
    if (query.url) add('url = ?', query.url);
    if (query.source) add('source = ?', query.source);
    if (query.feedId !== undefined) add('feed_id = ?', query.feedId);
    if (query.from) add('published >= ?', query.from);
    if (query.to) add('published <= ?', query.to);
    if (query.cursor) {
      const [at, id] = decodeCursor(query.cursor);
      add('(ingested_at < ? OR (ingested_at = ? AND id < ?))', at, at, id);
    }
    const limit = Math.max(1, Math.min(1000, query.limit ?? 50));
    const columns =
      'id, url, title, author, published, source, feed_id, language, external_id, ingested_at, previous_version, version, coder, sentence_count, event_count';
    const rows = await this.driver.all(
      `SELECT ${columns} FROM documents${where.length ? ` WHERE ${where.join(' AND ')}` : ''}
       ORDER BY ingested_at DESC, id DESC LIMIT ?`,
      [...params, limit + 1],
    );
    const items = rows.slice(0, limit).map(toDocument);
    const last = items[items.length - 1];
    return { items, next: rows.length > limit && last ? encodeCursor([last.ingestedAt, last.id]) : null };
  }

  async documentTexts(cursor: string | null, limit: number) {
    const after = cursor === null ? '' : String(decodeCursor(cursor)[0]);
    const rows = await this.driver.all<Record<string, unknown>>(
      'SELECT id, text, published, ingested_at, title FROM documents WHERE id > ? ORDER BY id LIMIT ?',
      [after, limit],
    );
    const items = rows.map((row) => ({
      id: String(row.id),
      text: String(row.text),
      date: String(row.published ?? String(row.ingested_at).slice(0, 10)),
      title: row.title === null ? null : String(row.title),
    }));
    const last = items[items.length - 1];
    return { items, next: items.length === limit && last ? encodeCursor([last.id]) : null };
  }

  putExternalEvents(events: readonly ExternalEvent[]) {
    return this.driver.transaction(async (tx) => {
      const fresh: ExternalEvent[] = [];
      for (const event of events) {
        const values = eventValues(
          { ...event, origin: event.origin ?? 'gdelt', correction_id: null },
          null,
          dyadKey(event.source, event.target),
          event.external_id,
          event.url,
        );
        const inserted = await tx.insertMany('events', EVENT_COLUMNS, [values], 'ON CONFLICT (external_id) DO NOTHING');
        if (inserted > 0) fresh.push(event);
      }
      await applyActors(tx, fresh, 1);
      await applyRollup(tx, fresh, 1);
      return { inserted: fresh.length, duplicates: events.length - fresh.length };
    });
  }

  queryEvents(query?: EventQuery) {
    return queryEvents(this.driver, query);
  }

  queryEventsJson(query?: EventQuery) {
    return queryEventsJson(this.driver, query);
  }

  dyadSeries(query: DyadSeriesQuery) {
    return dyadSeries(this.driver, query);
  }

  dyadPeriods(query: DyadPeriodQuery) {
    return this.periodMemo === null
      ? dyadPeriods(this.driver, this.dialect, query)
      : dyadPeriods(this.driver, this.dialect, query, this.periodMemo.read);
  }

  topDyads(query?: TopDyadsQuery) {
    return topDyads(this.driver, query);
  }

  searchActors(text: string, limit?: number) {
    return searchActors(this.driver, text, limit);
  }

  addCorrection(input: CorrectionInput): Promise<Correction> {
    return this.driver.transaction(async (tx) => {
      const [doc] = await tx.all('SELECT id FROM documents WHERE id = ?', [input.doc]);
      if (doc === undefined) throw new Error(`correction: no stored document ${input.doc}`);
      const [row] = await tx.all(
        `INSERT INTO event_corrections (doc_id, sentence, match_source, match_target, match_cameo, action, fields, author, note, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
        [
          input.doc,
          input.sentence ?? null,
          input.matchSource ?? null,
          input.matchTarget ?? null,
          input.matchCameo ?? null,
          input.action,
          JSON.stringify(input.fields ?? {}),
          input.author ?? null,
          input.note ?? null,
          new Date().toISOString(),
        ],
      );
      if (row === undefined) throw new Error('correction: insert returned no row');
      const correction = toCorrection(row);
      await applyNewCorrection(tx, correction);
      return correction;
    });
  }

  async listCorrections(doc?: string): Promise<Correction[]> {
    const rows =
      doc === undefined
        ? await this.driver.all('SELECT * FROM event_corrections ORDER BY id')
        : await this.driver.all('SELECT * FROM event_corrections WHERE doc_id = ? ORDER BY id', [doc]);
    return rows.map(toCorrection);
  }

  /** Forgets a correction. Events it added go at once; what it deleted or changed comes back at the next recode. */
  removeCorrection(id: number): Promise<boolean> {
    return this.driver.transaction(async (tx) => {
      const added = (await tx.all('SELECT * FROM events WHERE correction_id = ? AND origin = ?', [id, 'analyst'])).map(
        toEvent,
      );
      const [correction] = await tx.all('SELECT action FROM event_corrections WHERE id = ?', [id]);
      if (correction === undefined) return false;
      if (correction.action === 'add' && added.length > 0) {
        await tx.run('DELETE FROM events WHERE correction_id = ?', [id]);
        await applyRollup(tx, added, -1);
      }
      await tx.run('DELETE FROM event_corrections WHERE id = ?', [id]);
      return true;
    });
  }

  addFeed(url: string, options?: { intervalMinutes?: number; title?: string | null }) {
    return feeds.addFeed(this.driver, url, options);
  }

  listFeeds() {
    return feeds.listFeeds(this.driver);
  }

  getFeed(idOrUrl: number | string) {
    return feeds.getFeed(this.driver, idOrUrl);
  }

  updateFeed(id: number, update: FeedUpdate) {
    return feeds.updateFeed(this.driver, id, update);
  }

  removeFeed(id: number) {
    return feeds.removeFeed(this.driver, id);
  }

  markFeedItem(feedId: number, guid: string, url: string | null, docId: string | null) {
    return feeds.markFeedItem(this.driver, feedId, guid, url, docId);
  }

  hasFeedItem(feedId: number, guid: string) {
    return feeds.hasFeedItem(this.driver, feedId, guid);
  }

  async changeMark(): Promise<number | null> {
    if (this.dialect !== 'sqlite') return null;
    const [row] = await this.driver.all<{ data_version: number }>('PRAGMA data_version');
    return row === undefined ? null : Number(row.data_version);
  }

  async stats(): Promise<StoreStats> {
    const count = async (table: string) =>
      Number((await this.driver.all<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))[0]?.n ?? 0);
    return {
      documents: await count('documents'),
      sentences: await count('sentences'),
      events: await count('events'),
      dyadDays: await count('dyad_daily'),
      actors: await count('actors WHERE events > 0'),
      feeds: await count('feeds'),
      corrections: await count('event_corrections'),
    };
  }

  async close(): Promise<void> {
    await this.documents.drain();
    await this.lookups.drain();
    await this.driver.close();
  }
}
