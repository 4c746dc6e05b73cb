/**
 * The write path: one document with its sentences and events, the actors it mentions and its roll-up rows, all in
 * the caller's transaction, so a crash leaves the document either wholly stored or not at all.
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

/** See `Store.putDocument`. */
export async function writeDocument(tx: Queryable, input: DocumentInput, coded: CodedDocument): Promise<PutResult> {
  const text = cleanText(input.text);
  const id = documentId(text);
  const url = input.url ?? null;
  let previousVersion: string | null = null;
  let version = 1;
  if (url !== null) {
    const [latest] = await tx.all<{ id: string; version: number }>(
      'SELECT id, version FROM documents WHERE url = ? ORDER BY version DESC LIMIT 1',
      [url],
    );
    if (latest !== undefined && latest.id !== id) {
      previousVersion = latest.id;
      version = Number(latest.version) + 1;
    }
  }
  const events = applyCorrections(codedEvents(coded, id), await loadCorrections(tx, id));
  const inserted = await tx.insertMany(
    'documents',
    DOCUMENT_COLUMNS,
    [
      [
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
        events.length,
        text,
      ],
    ],
    'ON CONFLICT (id) DO NOTHING',
  );
  if (inserted === 0) return { status: 'duplicate', id, previousVersion: null, sentences: 0, events: 0 };
  await tx.insertMany(
    'sentences',
    SENTENCE_COLUMNS,
    coded.sentences.map((s) => [id, s.index, '', s.span[0], s.span[1]]),
  );
  await insertEvents(tx, id, events);
  return {
    status: previousVersion === null ? 'new' : 'version',
    id,
    previousVersion,
    sentences: coded.sentences.length,
    events: events.length,
  };
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
