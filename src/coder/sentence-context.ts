/**
 * What the coder knows about one sentence while coding it: its token range, its mentions with their resolved
 * codes, and the modality cues found in it. Built once per sentence, read by every step after.
 */
import type { CueClass, Lexicon } from '../dictionaries/lexicon.js';
import type { AnalysedText } from '../nlp/analyse.js';
import type { Mention } from './mentions.js';

export interface Cue {
  cueClass: CueClass | 'discard';
  start: number;
  end: number;
}

export interface SentenceContext {
  text: AnalysedText;
  index: number;
  first: number;
  last: number;
  mentions: Mention[];
  mentionAt: Map<number, Mention>;
  /** The mention covering each token, if any. */
  mentionOf: Map<number, Mention>;
  cues: Cue[];
}

export function findCues(text: AnalysedText, first: number, last: number, lexicon: Lexicon): Cue[] {
  const cues: Cue[] = [];
  for (let i = first; i <= last; i++) {
    const match = lexicon.allCues.longest(text.norm, i, last + 1, text.ids);
    if (!match) continue;
    for (const cueClass of match.values) cues.push({ cueClass, start: i, end: match.end });
  }
  return cues;
}

export function indexMentions(mentions: Mention[]): {
  mentionAt: Map<number, Mention>;
  mentionOf: Map<number, Mention>;
} {
  const mentionAt = new Map<number, Mention>();
  const mentionOf = new Map<number, Mention>();
  for (const m of mentions) {
    mentionAt.set(m.start, m);
    for (let i = m.start; i < m.end; i++) mentionOf.set(i, m);
  }
  return { mentionAt, mentionOf };
}
