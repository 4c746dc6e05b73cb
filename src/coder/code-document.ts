/**
 * A document → its sentences and events. Sentences are coded in order so that pronouns and "the two leaders"
 * can reach back to earlier sentences; dates resolve against the document date; one event reported twice in a
 * document (same dyad, code and date) is kept once.
 */
import type { Lexicon } from '../dictionaries/lexicon.js';
import { analyse } from '../nlp/analyse.js';
import { resolveDate } from '../nlp/dates.js';
import { cameoEvent } from '../ontology/index.js';
import { codeSentence, type DraftEvent } from './code-sentence.js';
import { DiscourseHistory } from './coreference.js';
import { createEvent, type EventRecord } from './event.js';
import { findMentions } from './mentions.js';
import { findCues, indexMentions, type SentenceContext } from './sentence-context.js';
import type { CodedDocument, CodedSentence, CoderInput } from './types.js';

export function codeDocument(input: CoderInput, lexicon: Lexicon, coderVersion: string): CodedDocument {
  const text = analyse(input.text);
  const history = new DiscourseHistory();
  const sentences: CodedSentence[] = [];
  const events: Readonly<EventRecord>[] = [];
  const seen = new Set<string>();
  text.sentences.forEach(([first, last], index) => {
    const span: [number, number] = [text.start[first] ?? 0, text.end[last] ?? 0];
    const sentenceText = input.text.slice(span[0], span[1]);
    sentences.push({ index, text: sentenceText, span });
    const mentions = findMentions(text, first, last, lexicon, input.date);
    // No actor, role or pronoun: nobody to do anything, so nothing to code (most business and sports news).
    if (mentions.length === 0) return;
    const ctx: SentenceContext = {
      text,
      index,
      first,
      last,
      mentions,
      ...indexMentions(mentions),
      cues: findCues(text, first, last, lexicon),
    };
    const drafts = codeSentence(ctx, lexicon, history);
    for (const m of mentions) if (m.kind === 'actor' || m.kind === 'person') history.add(m.code, m.kind);
    for (const draft of drafts) history.addAgent(draft.source);
    if (drafts.length === 0) return;
    // A report cannot date an act after its own date: a later date names what is planned ("his June 12
    // summit", "by May"), while the move itself — the announcement, the threat — happens on the report's day.
    const mentioned = resolveDate(sentenceText, input.date);
    const date = mentioned && mentioned <= input.date ? mentioned : input.date;
    for (const draft of drafts) {
      const key = `${draft.source}>${draft.target}>${draft.cameo}>${date}>${draft.modality.negated}`;
      if (seen.has(key)) continue;
      seen.add(key);
      events.push(toRecord(draft, input, date, coderVersion));
    }
  });
  return { id: input.id, sentences, events };
}

function toRecord(draft: DraftEvent, input: CoderInput, date: string, coder: string): Readonly<EventRecord> {
  const info = cameoEvent(draft.cameo);
  if (!info) throw new Error(`coder: pattern code ${draft.cameo} is not in the ontology`);
  return createEvent({
    doc: input.id,
    sentence: draft.sentence,
    date,
    source: draft.source,
    source_text: draft.sourceText,
    target: draft.target,
    target_text: draft.targetText,
    cameo: info.code,
    cameo_name: info.name,
    root: info.root,
    quad: info.quad,
    goldstein: info.goldstein,
    plover: info.plover,
    direction: info.direction,
    negated: draft.modality.negated,
    conditional: draft.modality.conditional,
    modality: draft.modality.modality,
    evidence: input.text.slice(draft.span[0], draft.span[1]),
    span: draft.span,
    coder,
    confidence: draft.confidence,
  });
}
