/**
 * The write path: documents with their sentences and events, the actors they mention and their roll-up rows, all
 * in the caller's transaction, so a crash leaves each document either wholly stored or not at all.
 */
import type { EventRecord } from '../coder/event.js';
import type { CodedDocument } from '../coder/types.js';
import { applyCorrections, type WritableEvent } from './corrections.js';
import { cleanText, documentId } from './document-id.js';
import type { Queryable } from './driver.js';
import { dyadKey } from './dyad-key.js';
import { applyRollup } from './rollup.js';
import { EVENT_COLUMNS, eventValues, toCorrection, toEvent } from './rows.js';
import type { Correction, DocumentInput, PutResult } from './store.js';

const SENTENCE_COLUMNS = ['doc_id', 'idx', 'text', 'span_start', 'span_end'];
const DOCUMENT_COLUMNS = [
  'id',
  'url',
  'title',
  'author',
  'published',
  'source',
  'feed_id',
  'language',
  'external_id',
  'ingested_at',
  'previous_version',
  'version',
  'coder',
  'sentence_count',
  'event_count',
  'text',
];

export async function loadCorrections(tx: Queryable, docId: string): Promise<Correction[]> {
  const rows = await tx.all('SELECT * FROM event_corrections WHERE doc_id = ? ORDER BY id', [docId]);
  return rows.map(toCorrection);
}

/** Adds (sign 1) or removes (sign -1) events' contribution to `actors`; first/last seen only ever widen. */
export async function applyActors(tx: Queryable, events: readonly EventRecord[], sign: 1 | -1): Promise<void> {
  const actors = new Map<string, { label: string; first: string; last: string; events: number }>();
  const see = (code: string, label: string, date: string) => {
    if (code === '') return;
    const actor = actors.get(code);
    if (actor === undefined) {
      actors.set(code, { label, first: date, last: date, events: sign });
    } else {
      if (date < actor.first) actor.first = date;
      if (date >= actor.last) {
        actor.last = date;
        actor.label = label;
      }
      actor.events += sign;
    }
  };
  for (const event of events) {
    see(event.source, event.source_text, event.date);
    see(event.target, event.target_text, event.date);
  }
  if (actors.size === 0) return;
  const rows = [...actors.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([code, a]) => [code, a.label, a.first, a.last, a.events]);
  await tx.insertMany(
    'actors',
    ['code', 'label', 'first_seen', 'last_seen', 'events'],
    rows,
    `ON CONFLICT (code) DO UPDATE SET
       label = CASE WHEN excluded.events > 0 AND excluded.last_seen >= actors.last_seen THEN excluded.label ELSE actors.label END,
       first_seen = CASE WHEN excluded.first_seen < actors.first_seen THEN excluded.first_seen ELSE actors.first_seen END,
       last_seen = CASE WHEN excluded.last_seen > actors.last_seen THEN excluded.last_seen ELSE actors.last_seen END,
       events = actors.events + excluded.events`,
  );
}

/** Writes a document's events and adds them to the actors and the roll-up. */
async function insertEvents(tx: Queryable, docId: string, events: readonly WritableEvent[]): Promise<void> {
  if (events.length === 0) return;
  await tx.insertMany(
    'events',
    EVENT_COLUMNS,
    events.map((e) => eventValues(e, docId, dyadKey(e.source, e.target))),
  );
  await applyActors(tx, events, 1);
  await applyRollup(tx, events, 1);
}

/** Removes a document's events and takes them out of the actors and the roll-up; returns what was there. */
async function deleteEvents(tx: Queryable, docId: string): Promise<WritableEvent[]> {
  const old = (await tx.all('SELECT * FROM events WHERE doc_id = ? ORDER BY id', [docId])).map(toEvent);
  if (old.length === 0) return old;
  await tx.run('DELETE FROM events WHERE doc_id = ?', [docId]);
  await applyActors(tx, old, -1);
  await applyRollup(tx, old, -1);
  return old;
}

function codedEvents(coded: CodedDocument, docId: string): EventRecord[] {
  return coded.events.map((e) => ({ ...e, doc: docId }));
}

/** One document to store, as `Store.putDocument` takes it. */
export interface DocumentWrite {
  input: DocumentInput;
  coded: CodedDocument;
}

/**
 * Placeholders for an `IN (…)` list and its values, padded to a power of two with the last value repeated, so the
 * statements a batch prepares come in a handful of shapes rather than one per batch size.
 */
export function inList(values: readonly string[]): { sql: string; params: string[] } {
  let size = 1;
  while (size < values.length) size *= 2;
  const params = [...values];
  const last = values[values.length - 1] ?? '';
  while (params.length < size) params.push(last);
  return { sql: params.map(() => '?').join(', '), params };
}

/** Thrown when rows another writer committed meanwhile make a batch's plan wrong; its documents go one by one. */
export class ConcurrentWriteError extends Error {}

/**
 * Writes documents (see `Store.putDocument`) in the caller's transaction, each with its sentences, events
 * (corrections applied), actors and roll-up; returns one result per document, in order. The batch is one
 * transaction, so each document is stored whole or not at all. Reads and writes go a table at a time for the
 * whole batch: the actors and the roll-up are summed over it and upserted once per actor and (dyad, day).
 */
export async function writeDocuments(tx: Queryable, writes: readonly DocumentWrite[]): Promise<PutResult[]> {
  const docs = writes.map(({ input, coded }) => {
    const text = cleanText(input.text);
    return { input, coded, text, id: documentId(text), url: input.url ?? null };
  });
  const ids = [...new Set(docs.map((d) => d.id))];
  const stored = new Set<string>();
  if (ids.length > 0) {
    const list = inList(ids);
    const rows = await tx.all<{ id: string }>(`SELECT id FROM documents WHERE id IN (${list.sql})`, list.params);
    for (const row of rows) stored.add(row.id);
  }
  const latest = new Map<string, { id: string; version: number }>();
  const urls = [...new Set(docs.flatMap((d) => (d.url === null || stored.has(d.id) ? [] : [d.url])))];
  if (urls.length > 0) {
    const list = inList(urls);
    const rows = await tx.all<{ url: string; id: string; version: number }>(
      `SELECT url, id, version FROM documents WHERE url IN (${list.sql})`,
      list.params,
    );
    for (const row of rows) {
      const known = latest.get(row.url);
      if (known === undefined || Number(row.version) > known.version) {
        latest.set(row.url, { id: row.id, version: Number(row.version) });
      }
    }
  }
  const fresh = docs.filter((d) => !stored.has(d.id));
  const corrections = new Map<string, Correction[]>();
  if (fresh.length > 0) {
    const list = inList([...new Set(fresh.map((d) => d.id))]);
    const rows = await tx.all(`SELECT * FROM event_corrections WHERE doc_id IN (${list.sql}) ORDER BY id`, list.params);
    for (const correction of rows.map(toCorrection)) {
      corrections.set(correction.doc, [...(corrections.get(correction.doc) ?? []), correction]);
    }
  }

  const results: PutResult[] = [];
  const documentRows: unknown[][] = [];
  const sentenceRows: unknown[][] = [];
  const events: WritableEvent[] = [];
  const eventRows: unknown[][] = [];
  for (const { input, coded, text, id, url } of docs) {
    if (stored.has(id)) {
      results.push({ status: 'duplicate', id, previousVersion: null, sentences: 0, events: 0 });
      continue;
    }
    stored.add(id);
    let previousVersion: string | null = null;
    let version = 1;
    const before = url === null ? undefined : latest.get(url);
    if (before !== undefined) {
      previousVersion = before.id;
      version = before.version + 1;
    }
    if (url !== null) latest.set(url, { id, version });
    const written = applyCorrections(codedEvents(coded, id), corrections.get(id) ?? []);
    documentRows.push([
      id,
      url,
      input.title ?? null,
      input.author ?? null,
      input.published ?? null,
      input.source ?? null,
      input.feedId ?? null,
      input.language ?? null,
      input.externalId ?? null,
      new Date().toISOString(),
      previousVersion,
      version,
      input.coder ?? null,
      coded.sentences.length,
      written.length,
      text,
    ]);
    for (const s of coded.sentences) sentenceRows.push([id, s.index, '', s.span[0], s.span[1]]);
    for (const e of written) {
      events.push(e);
      eventRows.push(eventValues(e, id, dyadKey(e.source, e.target)));
    }
    results.push({
      status: previousVersion === null ? 'new' : 'version',
      id,
      previousVersion,
      sentences: coded.sentences.length,
      events: written.length,
    });
  }
  if (documentRows.length === 0) return results;
  // Rows in id order, so two writers storing some of the same documents take their locks in the same order.
  documentRows.sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1));
  const inserted = await tx.insertMany('documents', DOCUMENT_COLUMNS, documentRows, 'ON CONFLICT (id) DO NOTHING');
  if (inserted !== documentRows.length) {
    // Another writer stored one of these documents after the check above (PostgreSQL only: SQLite writes hold
    // the database). A lone document is then a duplicate; a batch is rolled back and written one by one.
    if (writes.length > 1) throw new ConcurrentWriteError('documents stored concurrently');
    const { id } = docs[0] as { id: string };
    return [{ status: 'duplicate', id, previousVersion: null, sentences: 0, events: 0 }];
  }
  await tx.insertMany('sentences', SENTENCE_COLUMNS, sentenceRows);
  if (events.length > 0) {
    await tx.insertMany('events', EVENT_COLUMNS, eventRows);
    await applyActors(tx, events, 1);
    await applyRollup(tx, events, 1);
  }
  return results;
}

/** See `Store.replaceCoding`. */
export async function rewriteCoding(tx: Queryable, id: string, coded: CodedDocument, coder: string): Promise<number> {
  const exists = await tx.all('SELECT id FROM documents WHERE id = ?', [id]);
  if (exists.length === 0) throw new Error(`no stored document ${id}`);
  await deleteEvents(tx, id);
  await tx.run('DELETE FROM sentences WHERE doc_id = ?', [id]);
  await tx.insertMany(
    'sentences',
    SENTENCE_COLUMNS,
    coded.sentences.map((s) => [id, s.index, '', s.span[0], s.span[1]]),
  );
  const events = applyCorrections(codedEvents(coded, id), await loadCorrections(tx, id));
  await insertEvents(tx, id, events);
  await tx.run('UPDATE documents SET coder = ?, sentence_count = ?, event_count = ? WHERE id = ?', [
    coder,
    coded.sentences.length,
    events.length,
    id,
  ]);
  return events.length;
}

/** Applies one new correction to a document's stored events at once (re-coding applies it again later). */
export async function applyNewCorrection(tx: Queryable, correction: Correction): Promise<void> {
  const old = await deleteEvents(tx, correction.doc);
  const events = applyCorrections(old, [correction]);
  await insertEvents(tx, correction.doc, events);
  await tx.run('UPDATE documents SET event_count = ? WHERE id = ?', [events.length, correction.doc]);
}
