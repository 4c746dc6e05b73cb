/** Hand-built coder output for store tests, so they test the store and not the coder. */
import type { EventRecord } from '../../src/coder/event.js';
import type { CodedDocument } from '../../src/coder/types.js';

export function event(overrides: Partial<EventRecord> = {}): EventRecord {
  return {
    doc: 'x',
    sentence: 0,
    date: '2018-05-23',
    source: 'PRKGOV',
    source_text: 'North Korea',
    target: 'USA',
    target_text: 'the U.S.',
    cameo: '138',
    cameo_name: 'Threaten with military force',
    root: '13',
    quad: 3,
    goldstein: -7,
    plover: 'THREATEN',
    direction: 'rearward',
    negated: false,
    conditional: false,
    modality: 'asserted',
    evidence: 'North Korea threatened the U.S.',
    span: [0, 31],
    coder: 'test/0',
    confidence: 0.9,
    ...overrides,
  };
}

/** A coded document whose sentences are its lines and whose events are given. */
export function coded(text: string, events: EventRecord[]): CodedDocument {
  let offset = 0;
  const sentences = text.split('\n').map((line, index) => {
    const span: [number, number] = [offset, offset + line.length];
    offset += line.length + 1;
    return { index, text: line, span };
  });
  return { id: 'x', sentences, events };
}
