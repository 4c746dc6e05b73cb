/**
 * A small deterministic coder for API tests, so they exercise the server and the store whatever state the
 * dictionaries are in: each sentence "<ACTOR> <verb> <ACTOR>." with actors written as codes (USA, PRKGOV) and
 * one of a handful of verbs becomes one event.
 */
import { createEvent } from '../../src/coder/event.js';
import type { CodedDocument, Coder, CoderInput } from '../../src/coder/types.js';

const VERBS: Record<string, { cameo: string; name: string; quad: 1 | 2 | 3 | 4; goldstein: number; plover: string }> = {
  praised: { cameo: '051', name: 'Praise or endorse', quad: 1, goldstein: 3.4, plover: 'AGREE' },
  met: { cameo: '040', name: 'Consult', quad: 1, goldstein: 1, plover: 'CONSULT' },
  aided: { cameo: '070', name: 'Provide aid', quad: 2, goldstein: 7, plover: 'AID' },
  threatened: { cameo: '130', name: 'Threaten', quad: 3, goldstein: -4.4, plover: 'THREATEN' },
  attacked: { cameo: '190', name: 'Use conventional military force', quad: 4, goldstein: -10, plover: 'ASSAULT' },
};

export function fakeCoder(): Coder {
  const version = 'fake/1';
  return {
    version,
    codeDocument(input: CoderInput): CodedDocument {
      const sentences: CodedDocument['sentences'] = [];
      const events: CodedDocument['events'] = [];
      const pattern = /[^.!?]+[.!?]?/g;
      for (const match of input.text.matchAll(pattern)) {
        const text = match[0].trim();
        if (text === '') continue;
        const start = (match.index ?? 0) + match[0].indexOf(text);
        const index = sentences.length;
        sentences.push({ index, text, span: [start, start + text.length] });
        const found = /^([A-Z]{3,9}) (\w+) ([A-Z]{3,9})\b/.exec(text);
        const verb = found ? VERBS[found[2] ?? ''] : undefined;
        if (!found || !verb) continue;
        events.push(
          createEvent({
            doc: input.id,
            sentence: index,
            date: input.date,
            source: found[1] ?? '',
            source_text: found[1] ?? '',
            target: found[3] ?? '',
            target_text: found[3] ?? '',
            cameo: verb.cameo,
            cameo_name: verb.name,
            root: verb.cameo.slice(0, 2),
            quad: verb.quad,
            goldstein: verb.goldstein,
            plover: verb.plover,
            direction: verb.goldstein > 0 ? 'forward' : 'rearward',
            negated: false,
            conditional: false,
            modality: 'asserted',
            evidence: text,
            span: [start, start + text.length],
            coder: version,
            confidence: 0.9,
          }),
        );
      }
      return { id: input.id, sentences, events };
    },
  };
}
