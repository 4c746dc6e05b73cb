/**
 * Dictionary suggestions from members' corrections (`dyadwatch corrections export`), so analysts' fixes flow
 * back into the coder. Each correction becomes one suggestion naming the dictionary to edit, what to add there,
 * and the evidence and reason behind it; a maintainer reviews them, as they do any dictionary change
 * (docs/dictionaries.md). Nothing is written to the dictionaries automatically.
 */
import type { Correction, Store, StoredEvent } from '../store/store.js';
import { correctionReason } from './corrections.js';

export interface Suggestion {
  correction: number;
  author: string | null;
  reason: string;
  kind: string;
  /** The dictionary folder or file to edit. */
  dictionary: 'actors' | 'verbs' | 'modality.dict' | 'discard.dict';
  /** The line to consider adding, in that dictionary's format, or a description when it needs a human. */
  entry: string;
  evidence: string;
  doc: string;
}

function suggestionFor(correction: Correction, event: Partial<StoredEvent> | undefined): Suggestion[] {
  const { kind, reason } = correctionReason(correction);
  const fields = correction.fields;
  const evidence = event?.evidence ?? fields.evidence ?? '';
  const base = { correction: correction.id, author: correction.author, reason, kind, evidence, doc: correction.doc };
  if (kind === 'actors') {
    const out: Suggestion[] = [];
    if (fields.source && fields.source !== correction.matchSource && event?.source_text)
      out.push({ ...base, dictionary: 'actors', entry: `${fields.source}\t${event.source_text}` });
    if (fields.target && fields.target !== correction.matchTarget && event?.target_text)
      out.push({ ...base, dictionary: 'actors', entry: `${fields.target}\t${event.target_text}` });
    return out;
  }
  if (kind === 'code') {
    return [
      {
        ...base,
        dictionary: 'verbs',
        entry: `${fields.cameo ?? '?'}   V    <pattern from the evidence> # was ${correction.matchCameo ?? '?'}`,
      },
    ];
  }
  if (kind === 'modality') {
    return [{ ...base, dictionary: 'modality.dict', entry: `${fields.modality ?? '?'}: <cue from the evidence>` }];
  }
  if (kind === 'not-event') {
    return [
      {
        ...base,
        dictionary: 'discard.dict',
        entry: `<phrase that should not code ${correction.matchCameo ?? ''} ${correction.matchSource ?? ''}→${correction.matchTarget ?? ''}>`,
      },
    ];
  }
  return [];
}

/** Every correction's suggestions, oldest correction first. */
export async function dictionarySuggestions(store: Store): Promise<Suggestion[]> {
  const suggestions: Suggestion[] = [];
  const events = new Map<string, StoredEvent[]>();
  for (const correction of await store.listCorrections()) {
    if (!events.has(correction.doc))
      events.set(correction.doc, (await store.getDocument(correction.doc))?.events ?? []);
    const event = events.get(correction.doc)?.find((e) => e.correction_id === correction.id);
    suggestions.push(...suggestionFor(correction, event));
  }
  return suggestions;
}

/** Suggestions grouped by dictionary as commented text a maintainer can paste from. */
export function suggestionsAsText(suggestions: readonly Suggestion[]): string {
  const groups = new Map<string, Suggestion[]>();
  for (const s of suggestions) groups.set(s.dictionary, [...(groups.get(s.dictionary) ?? []), s]);
  const lines: string[] = [];
  for (const [dictionary, items] of groups) {
    lines.push(
      `# ${dictionary}: ${items.length} suggestion${items.length === 1 ? '' : 's'} from members' corrections`,
      '',
    );
    for (const s of items) {
      lines.push(
        `# correction ${s.correction} by ${s.author ?? 'unknown'} (${s.kind}): ${s.reason.replace(/\s+/g, ' ')}`,
      );
      lines.push(`# evidence: "${s.evidence.replace(/\s+/g, ' ')}" (${s.doc})`);
      lines.push(s.entry, '');
    }
  }
  return lines.join('\n');
}
