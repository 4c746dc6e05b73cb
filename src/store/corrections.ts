import type { EventRecord } from '../coder/event.js';
import type { Correction } from './store.js';

/** An event about to be written, with the origin and correction it carries. */
export type WritableEvent = EventRecord & { origin: NonNullable<EventRecord['origin']>; correction_id: number | null };

function matches(correction: Correction, event: EventRecord): boolean {
  return (
    (correction.sentence === null || correction.sentence === event.sentence) &&
    (correction.matchSource === null || correction.matchSource === event.source) &&
    (correction.matchTarget === null || correction.matchTarget === event.target) &&
    (correction.matchCameo === null || correction.matchCameo === event.cameo)
  );
}

/**
 * Applies a document's corrections, oldest first, to its freshly coded events. A replaced event keeps its place
 * and becomes origin `analyst`; the analyst's fields win over whatever the coder says now.
 */
export function applyCorrections(events: readonly EventRecord[], corrections: readonly Correction[]): WritableEvent[] {
  let result: WritableEvent[] = events.map((e) => ({
    ...e,
    origin: e.origin ?? 'coded',
    correction_id: (e as Partial<WritableEvent>).correction_id ?? null,
  }));
  for (const correction of corrections) {
    if (correction.action === 'delete') {
      result = result.filter((event) => !matches(correction, event));
    } else if (correction.action === 'replace') {
      result = result.map((event) =>
        matches(correction, event)
          ? { ...event, ...correction.fields, doc: event.doc, origin: 'analyst', correction_id: correction.id }
          : event,
      );
    } else {
      const fields = correction.fields as EventRecord;
      result.push({
        ...fields,
        doc: correction.doc,
        sentence: fields.sentence ?? correction.sentence ?? 0,
        span: fields.span ?? [0, 0],
        origin: 'analyst',
        correction_id: correction.id,
      });
    }
  }
  return result;
}
