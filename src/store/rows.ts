/** Database rows → the store's records. SQLite returns booleans as 0/1 and PostgreSQL counts as int8; both end here. */
import type { Direction, EventOrigin, Modality, QuadClass } from '../coder/event.js';
import type { WritableEvent } from './corrections.js';
import type { Row } from './driver.js';
import type { ActorSeen, Correction, DyadDay, Feed, StoredDocument, StoredEvent } from './store.js';

const str = (value: unknown): string => (value === null || value === undefined ? '' : String(value));
const strOrNull = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));
const num = (value: unknown): number => Number(value ?? 0);
const numOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

export const EVENT_COLUMNS = [
  'doc_id',
  'sentence',
  'date',
  'source',
  'source_text',
  'target',
  'target_text',
  'cameo',
  'cameo_name',
  'root',
  'quad',
  'goldstein',
  'plover',
  'direction',
  'negated',
  'conditional',
  'modality',
  'evidence',
  'span_start',
  'span_end',
  'coder',
  'confidence',
  'origin',
  'dyad_key',
  'external_id',
  'url',
  'correction_id',
] as const;

/** The values of `EVENT_COLUMNS` for one event, in order. */
export function eventValues(
  event: WritableEvent,
  docId: string | null,
  dyadKey: string,
  externalId: string | null = null,
  url: string | null = null,
): unknown[] {
  return [
    docId,
    event.sentence,
    event.date,
    event.source,
    event.source_text,
    event.target,
    event.target_text,
    event.cameo,
    event.cameo_name,
    event.root,
    event.quad,
    event.goldstein,
    event.plover,
    event.direction,
    event.negated,
    event.conditional,
    event.modality,
    event.evidence,
    event.span[0],
    event.span[1],
    event.coder,
    event.confidence,
    event.origin,
    dyadKey,
    externalId,
    url,
    event.correction_id,
  ];
}

/** The SELECT list `eventFromValues` reads: the id, then `EVENT_COLUMNS` in order. */
export const EVENT_SELECT = `id, ${EVENT_COLUMNS.join(', ')}`;

/** `toEvent` for a row read as an array of `EVENT_SELECT`'s values (`Queryable.values`). */
export function eventFromValues(v: readonly unknown[]): StoredEvent {
  return {
    id: num(v[0]),
    doc: str(v[1]),
    sentence: num(v[2]),
    date: str(v[3]),
    source: str(v[4]),
    source_text: str(v[5]),
    target: str(v[6]),
    target_text: str(v[7]),
    cameo: str(v[8]),
    cameo_name: str(v[9]),
    root: str(v[10]),
    quad: num(v[11]) as QuadClass,
    goldstein: num(v[12]),
    plover: str(v[13]),
    direction: str(v[14]) as Direction,
    negated: Boolean(v[15]),
    conditional: Boolean(v[16]),
    modality: str(v[17]) as Modality,
    evidence: str(v[18]),
    span: [num(v[19]), num(v[20])],
    coder: str(v[21]),
    confidence: num(v[22]),
    origin: str(v[23]) as EventOrigin,
    dyad_key: str(v[24]),
    external_id: strOrNull(v[25]),
    url: strOrNull(v[26]),
    correction_id: numOrNull(v[27]),
  };
}

/**
 * One event row as JSON text built by SQLite (`json_object`): the object `eventFromValues` makes of the same row,
 * serialised, with the same keys in the same order (empty text for a null text, 0 for a null number, booleans,
 * `span` as a pair). SQLite writes numbers so that they read back the same (`-7.0` for `-7`).
 */
export const EVENT_JSON = `json_object('id', id, 'doc', COALESCE(doc_id, ''), 'sentence', COALESCE(sentence, 0),
  'date', date, 'source', source, 'source_text', source_text, 'target', target, 'target_text', target_text,
  'cameo', cameo, 'cameo_name', cameo_name, 'root', root, 'quad', quad, 'goldstein', goldstein, 'plover', plover,
  'direction', direction, 'negated', json(CASE WHEN negated THEN 'true' ELSE 'false' END),
  'conditional', json(CASE WHEN conditional THEN 'true' ELSE 'false' END), 'modality', modality,
  'evidence', evidence, 'span', json_array(COALESCE(span_start, 0), COALESCE(span_end, 0)), 'coder', coder,
  'confidence', confidence, 'origin', origin, 'dyad_key', dyad_key, 'external_id', external_id, 'url', url,
  'correction_id', correction_id)`;

export function toEvent(row: Row): StoredEvent {
  return {
    id: num(row.id),
    doc: str(row.doc_id),
    sentence: num(row.sentence),
    date: str(row.date),
    source: str(row.source),
    source_text: str(row.source_text),
    target: str(row.target),
    target_text: str(row.target_text),
    cameo: str(row.cameo),
    cameo_name: str(row.cameo_name),
    root: str(row.root),
    quad: num(row.quad) as QuadClass,
    goldstein: num(row.goldstein),
    plover: str(row.plover),
    direction: str(row.direction) as Direction,
    negated: Boolean(row.negated),
    conditional: Boolean(row.conditional),
    modality: str(row.modality) as Modality,
    evidence: str(row.evidence),
    span: [num(row.span_start), num(row.span_end)],
    coder: str(row.coder),
    confidence: num(row.confidence),
    origin: str(row.origin) as EventOrigin,
    dyad_key: str(row.dyad_key),
    external_id: strOrNull(row.external_id),
    url: strOrNull(row.url),
    correction_id: numOrNull(row.correction_id),
  };
}

export function toDocument(row: Row): StoredDocument {
  return {
    id: str(row.id),
    url: strOrNull(row.url),
    title: strOrNull(row.title),
    author: strOrNull(row.author),
    published: strOrNull(row.published),
    source: strOrNull(row.source),
    feedId: numOrNull(row.feed_id),
    language: strOrNull(row.language),
    externalId: strOrNull(row.external_id),
    ingestedAt: str(row.ingested_at),
    previousVersion: strOrNull(row.previous_version),
    version: num(row.version),
    coder: strOrNull(row.coder),
    sentenceCount: num(row.sentence_count),
    eventCount: num(row.event_count),
  };
}

export function toDyadDay(row: Row): DyadDay {
  const events = num(row.events);
  const goldsteinSum = num(row.goldstein_sum);
  return {
    day: str(row.day),
    events,
    quad: [num(row.quad1), num(row.quad2), num(row.quad3), num(row.quad4)],
    goldsteinSum,
    goldsteinMean: events === 0 ? 0 : goldsteinSum / events,
    forward: num(row.forward),
    rearward: num(row.rearward),
    neutral: num(row.neutral),
  };
}

export function toActor(row: Row): ActorSeen {
  return {
    code: str(row.code),
    label: str(row.label),
    firstSeen: str(row.first_seen),
    lastSeen: str(row.last_seen),
    events: num(row.events),
  };
}

export function toCorrection(row: Row): Correction {
  return {
    id: num(row.id),
    doc: str(row.doc_id),
    action: str(row.action) as Correction['action'],
    sentence: numOrNull(row.sentence),
    matchSource: strOrNull(row.match_source),
    matchTarget: strOrNull(row.match_target),
    matchCameo: strOrNull(row.match_cameo),
    fields: JSON.parse(str(row.fields) || '{}') as Correction['fields'],
    author: strOrNull(row.author),
    note: strOrNull(row.note),
    createdAt: str(row.created_at),
  };
}

export function toFeed(row: Row): Feed {
  return {
    id: num(row.id),
    url: str(row.url),
    title: strOrNull(row.title),
    etag: strOrNull(row.etag),
    lastModified: strOrNull(row.last_modified),
    intervalMinutes: num(row.interval_minutes),
    addedAt: str(row.added_at),
    lastPolledAt: strOrNull(row.last_polled_at),
    lastSuccessAt: strOrNull(row.last_success_at),
    error: strOrNull(row.error),
    errorCount: num(row.error_count),
    nextPollAt: str(row.next_poll_at),
  };
}
