/**
 * The coded event record: who did what to whom, when, how sure, and on what evidence.
 * Its field names follow the evaluation contract in DESIGN.md, so a record can be written as JSON as it is.
 */
export type QuadClass = 1 | 2 | 3 | 4;
export type Direction = 'forward' | 'rearward' | 'neutral';
/** How the event is asserted: done, intended or future, hypothetical, or only reported by someone else. */
export type Modality = 'asserted' | 'intended' | 'hypothetical' | 'reported';
export type EventOrigin = 'coded' | 'gdelt' | 'analyst';

export interface EventRecord {
  /** Document id (`sha256:…` for stored documents, the input id on the CLI). */
  doc: string;
  /** Sentence index within the document, from 0. */
  sentence: number;
  /** ISO date (YYYY-MM-DD) of the event: a date expression in the sentence, else the document date. */
  date: string;
  source: string;
  source_text: string;
  target: string;
  target_text: string;
  cameo: string;
  cameo_name: string;
  root: string;
  quad: QuadClass;
  goldstein: number;
  plover: string;
  direction: Direction;
  negated: boolean;
  conditional: boolean;
  modality: Modality;
  evidence: string;
  /** Character offsets [start, end) of the evidence in the document text. */
  span: [number, number];
  coder: string;
  confidence: number;
  origin?: EventOrigin;
}

/** Freezes a record after checking the invariants every consumer relies on. */
export function createEvent(record: EventRecord): Readonly<EventRecord> {
  if (!/^\d{2,4}$/.test(record.cameo)) throw new Error(`event: bad CAMEO code "${record.cameo}"`);
  if (record.root !== record.cameo.slice(0, 2)) throw new Error(`event: root ${record.root} ≠ code ${record.cameo}`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(record.date)) throw new Error(`event: bad date "${record.date}"`);
  if (record.goldstein < -10 || record.goldstein > 10)
    throw new Error(`event: Goldstein ${record.goldstein} out of range`);
  if (record.confidence < 0 || record.confidence > 1)
    throw new Error(`event: confidence ${record.confidence} out of range`);
  return Object.freeze({ ...record, span: Object.freeze([...record.span]) as [number, number] });
}
