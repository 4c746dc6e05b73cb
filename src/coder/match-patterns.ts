/**
 * Finds verb and noun pattern matches in one sentence. Each token is tried as a head (by lemma, lower-case
 * form and base forms); for a head the most specific pattern that matches wins. Determiners, adjectives,
 * adverbs and numbers between pattern words are skipped, so "impose tough new sanctions on" matches
 * `impose sanction on T`.
 */
import {
  candidatePatterns,
  type HeadPatterns,
  type Pattern,
  type PatternToken,
  patternWordCount,
  patternWordId,
  type SentenceWords,
} from '../dictionaries/pattern-entries.js';
import type { AnalysedText } from '../nlp/analyse.js';
import { baseFormsOf } from '../nlp/normalize.js';
import { WordTable } from '../nlp/word-table.js';
import type { Mention } from './mentions.js';

export interface PatternMatch {
  pattern: Pattern;
  head: number;
  /** Tokens [start, end) covered by the match (the target mention included). */
  start: number;
  end: number;
  /** The mention in the pattern's T slot, if any. */
  target: Mention | null;
  /** The pattern has a T slot that found no actor (the target is then looked for nearby, or mutual). */
  targetMissing: boolean;
}

const SKIPPABLE_POS = new Set(['DET', 'ADJ', 'ADV', 'NUM']);
const POSSESSIVES = new Set(['its', 'their', 'his', 'her', 'our', 'own']);
const GAP = 5;

function isSkippable(text: AnalysedText, i: number): boolean {
  const norm = text.norm[i] as string;
  return (
    SKIPPABLE_POS.has(text.pos[i] as string) ||
    POSSESSIVES.has(norm) ||
    norm === '-' ||
    norm === "'s" ||
    DATE_WORDS.has(norm)
  );
}

/** "a series of bombs", "a wave of arrests": the quantity before "of" is skipped too. */
const QUANTITY_NOUNS = new Set([
  'series',
  'wave',
  'spate',
  'string',
  'number',
  'barrage',
  'load',
  'pack',
  'volley',
  'salvo',
  'round',
  'rounds',
  'hours',
  'days',
  'weeks',
  'months',
  'thousands',
  'hundreds',
  'dozens',
  'scores',
  'tens',
  'millions',
]);

/** Counting words inside a quantity ("more than a dozen ballistic missiles", "at least 300 troops"). */
const COUNT_WORDS = new Set(['dozen', 'hundred', 'thousand', 'million', 'than', 'least', 'up']);

const HEAD_POS = new Set(['VERB', 'NOUN', 'PROPN', 'ADJ']);
/** Nouns that describe a place before its name: "the city of Kirkuk", "the town of Samarra". */
export const PLACE_NOUNS: ReadonlySet<string> = new Set([
  'city',
  'town',
  'village',
  'province',
  'region',
  'district',
  'state',
  'port',
  'capital',
]);

/** A noun modifying the noun after it ("a night curfew", "invasion forces") is skipped like an adjective. */
/** A participle after an article is an adjective: "the captured Indian pilot", "the disputed islands". */
function isParticipleAdjective(text: AnalysedText, i: number): boolean {
  return text.pos[i] === 'VERB' && /(ed|en)$/.test(text.norm[i] as string) && text.pos[i - 1] === 'DET';
}

function isNounModifier(text: AnalysedText, i: number): boolean {
  // Names modify too ("medium-range Hwasong-12 missiles", "Katyusha rockets"); actors among them are mentions.
  // A hyphenated compound's halves: "working-level talks", "nuclear-related sanctions".
  if (text.norm[i + 1] === '-' && /^(NOUN|PROPN|ADJ|NUM|VERB)$/.test(text.pos[i] as string)) return true;
  if (text.norm[i - 1] === '-' && /^(ADJ|VERB)$/.test(text.pos[i] as string) && text.pos[i + 1] === 'NOUN') return true;
  if (isParticipleAdjective(text, i)) return true;
  return /^(NOUN|PROPN)$/.test(text.pos[i] as string) && /^(NOUN|PROPN)$/.test(text.pos[i + 1] as string);
}

/** Date words inside a phrase ("cancelled his June 12 summit") are modifiers, skipped like adjectives. */
const DATE_WORDS = new Set([
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
]);

/** How many tokens a pattern word matches at `i`: 1, or 3 for a hyphenated compound ("pull-out"), 0 for none. */
function wordMatchLength(text: AnalysedText, i: number, alternatives: ReadonlySet<string>): number {
  const norm = text.norm[i] as string;
  if (alternatives.has(norm) || alternatives.has(text.lemma[i] as string)) return 1;
  for (const form of baseFormsOf(norm)) if (alternatives.has(form)) return 1;
  // The tokenizer splits many hyphenated words ("pull - out", "cease - fire"): a pattern may write them whole.
  if (text.norm[i + 1] === '-' && i + 2 < text.norm.length) {
    const compound = `${norm}-${text.norm[i + 2]}`;
    if (alternatives.has(compound) || alternatives.has(compound.replace('-', ''))) return 3;
    for (const form of baseFormsOf(compound)) if (alternatives.has(form)) return 3;
  }
  return 0;
}

/** Head keys under which a token's patterns are indexed. */
export function headKeys(text: AnalysedText, i: number): readonly string[] {
  const norm = text.norm[i] as string;
  const keys = wordKeys(text.ids[i] as number, norm, text.lemma[i] as string).keys;
  if (text.norm[i + 1] === '-' && i + 2 < text.norm.length) {
    return [...keys, `${norm}-${text.norm[i + 2]}`, `${norm}${text.norm[i + 2]}`];
  }
  return keys;
}

/**
 * A (word, lemma) pair's head keys, with what the matcher looks up for each — its pattern word id and its
 * patterns in the index — filled on first use against an index and refreshed if another index is used.
 */
interface WordKeys {
  lemma: string;
  /** The same word with other lemmas (a word is mostly tagged one way, so this is mostly null). */
  others: Map<string, WordKeys> | null;
  keys: readonly string[];
  ids: number[];
  entries: Array<HeadPatterns | undefined>;
  index: Map<string, HeadPatterns> | null;
  wordCount: number;
}

// The keys of a (word, lemma) pair never change; caching them spares an array and the index lookups per token
// on the hot path. Keyed by the word's id (same id, same norm), so that a token costs one array read.
const wordKeyCache = new WordTable<WordKeys>();

function wordKeys(id: number, norm: string, lemma: string): WordKeys {
  const record = wordKeyCache.get(id);
  if (!record) {
    const created = newWordKeys(norm, lemma);
    wordKeyCache.set(id, created);
    return created;
  }
  if (record.lemma === lemma) return record;
  record.others ??= new Map();
  let other = record.others.get(lemma);
  if (!other) {
    other = newWordKeys(norm, lemma);
    record.others.set(lemma, other);
  }
  return other;
}

function newWordKeys(norm: string, lemma: string): WordKeys {
  const list = lemma === norm ? [norm] : [lemma, norm];
  for (const form of baseFormsOf(norm)) if (!list.includes(form)) list.push(form);
  return { lemma, others: null, keys: list, ids: [], entries: [], index: null, wordCount: -1 };
}

/** The record of token `i` with its ids and entries valid for `index`. */
function tokenKeys(text: AnalysedText, i: number, index: Map<string, HeadPatterns>): WordKeys {
  const norm = text.norm[i] as string;
  const record = wordKeys(text.ids[i] as number, norm, text.lemma[i] as string);
  const wordCount = patternWordCount();
  if (record.index !== index || record.wordCount !== wordCount) {
    record.ids = record.keys.map(patternWordId);
    record.entries = record.keys.map((key) => index.get(key));
    record.index = index;
    record.wordCount = wordCount;
  }
  if (text.norm[i + 1] !== '-' || i + 2 >= text.norm.length) return record;
  // A hyphenated compound ("pull - out") adds its joined forms: rare, so not cached.
  const keys = [...record.keys, `${norm}-${text.norm[i + 2]}`, `${norm}${text.norm[i + 2]}`];
  const ids = keys.map(patternWordId);
  return { ...record, others: null, keys, ids, entries: keys.map((key) => index.get(key)), index, wordCount };
}

/**
 * The word forms of the sentence being matched. Pattern words are marked in a shared array by id, stamped
 * with the sentence's number so that no clearing is needed between sentences; the count of all distinct
 * forms, which only `candidatePatterns` asks about and mostly can bound, is counted when it cannot.
 */
class Words implements SentenceWords {
  private static shared: Int32Array = new Int32Array(0);
  private static stamp = 0;
  private static busy = false;
  private readonly seen: Int32Array;
  private readonly stamp: number;
  private readonly owner: boolean;
  readonly ids: number[] = [];
  /** Keys of every token, duplicates included. */
  private readonly keys: Array<readonly string[]> = [];
  private total = 0;
  private distinct = -1;

  constructor() {
    // A nested call (none today) gets its own array rather than overwrite the marks of the outer sentence.
    this.owner = !Words.busy;
    const size = patternWordCount();
    if (!this.owner) {
      this.seen = new Int32Array(size);
      this.stamp = 1;
      return;
    }
    Words.busy = true;
    if (Words.shared.length < size) {
      Words.shared = new Int32Array(size * 2);
      Words.stamp = 0;
    }
    if (Words.stamp >= 0x7fffffff) {
      Words.shared.fill(0);
      Words.stamp = 0;
    }
    this.seen = Words.shared;
    this.stamp = ++Words.stamp;
  }

  add(record: WordKeys): void {
    this.keys.push(record.keys);
    this.total += record.keys.length;
    for (const id of record.ids) {
      if (id < 0 || this.seen[id] === this.stamp) continue;
      this.seen[id] = this.stamp;
      this.ids.push(id);
    }
  }

  has(id: number): boolean {
    return this.seen[id] === this.stamp;
  }

  sizeBelow(n: number): boolean {
    // At least the distinct pattern words, at most every key of every token.
    if (this.ids.length >= n) return false;
    if (this.total < n) return true;
    if (this.distinct < 0) {
      const all = new Set<string>();
      for (const keys of this.keys) for (const key of keys) all.add(key);
      this.distinct = all.size;
    }
    return this.distinct < n;
  }

  release(): void {
    if (this.owner) Words.busy = false;
  }
}

/** A verb head must be used as a verb; a noun head as a noun (the tagger's word, with a little tolerance). */
function headFits(text: AnalysedText, i: number, kind: 'V' | 'N', first: number): boolean {
  const pos = text.pos[i] as string;
  if (kind === 'V') {
    // A participle after a preposition or article is an adjective ("met with exiled dissidents").
    // (A name's last piece, "Jae-in", is not a preposition.)
    if (
      /(ed|en)$/.test(text.norm[i] as string) &&
      /^(ADP|DET)$/.test(text.pos[i - 1] ?? '') &&
      text.norm[i - 2] !== '-'
    )
      return false;
    if (isGerundNoun(text, i, first)) return false;
    // A bare verb form right after a preposition is a noun ("died as a result of torture"); "to" marks a verb.
    if (isBareFormAfterPreposition(text, i)) return false;
    // A word after a possessive is a noun, whatever the tagger says ("their arms industries"), and so is the
    // first half of a hyphenated compound ("the U.S. pull-out").
    if (POSSESSIVES.has(text.norm[i - 1] as string) || text.norm[i + 1] === '-') return false;
    // Nor is a participle compounded with a hyphen ("the Israeli-occupied sector", "Saudi-led strikes").
    if (
      /(ed|en)$/.test(text.norm[i] as string) &&
      text.norm[i - 1] === '-' &&
      /^(DET|ADJ|PROPN)$/.test(text.pos[i - 3] ?? '')
    )
      return false;
    if (pos === 'VERB') return true;
    // "The report alleged that …": a participle the tagger calls an adjective, when a clause or object follows.
    if (pos === 'ADJ' && /ed$/.test(text.norm[i] as string) && /^(NOUN|PROPN)$/.test(text.pos[i - 1] ?? ''))
      return text.norm[i + 1] === 'that' || /^(DET|PRON)$/.test(text.pos[i + 1] ?? '');
    // The tagger sometimes reads "Russia attacks" as a noun; accept a noun right after the subject's name.
    const prev = text.pos[i - 1];
    return (
      pos === 'NOUN' &&
      i > first &&
      (prev === 'PROPN' || prev === 'PRON') &&
      /(s|ed)$/.test(text.norm[i] as string) &&
      !isNameModifier(text, i, first)
    );
  }
  return (
    pos === 'NOUN' ||
    pos === 'PROPN' ||
    (pos === 'VERB' && /ing$/.test(text.norm[i] as string) && text.pos[i - 1] === 'DET') ||
    (pos === 'VERB' && isGerundNoun(text, i, first)) ||
    (pos === 'VERB' && isBareFormAfterPreposition(text, i))
  );
}

/**
 * "the discovery of Russian-made Katyusha rockets": a name after a preposition or a hyphenated modifier
 * modifies the noun after it; it is no subject.
 */
function isNameModifier(text: AnalysedText, i: number, first: number): boolean {
  let b = i - 1;
  while (b > first && text.pos[b] === 'PROPN') b--;
  return text.pos[b] === 'ADP' || text.norm[b - 1] === '-';
}

/** "as a result of torture": a verb's bare form after a preposition (not "to", not a name's "Jae-in") is a noun. */
function isBareFormAfterPreposition(text: AnalysedText, i: number): boolean {
  return (
    text.pos[i - 1] === 'ADP' && text.norm[i - 1] !== 'to' && text.norm[i - 2] !== '-' && text.norm[i] === text.lemma[i]
  );
}

/** A gerund closing a prepositional phrase is a noun ("killed in Israeli tank shelling"). */
function isGerundNoun(text: AnalysedText, i: number, first: number): boolean {
  if (!/ing$/.test(text.norm[i] as string)) return false;
  let j = i - 1;
  while (j > first && /^(NOUN|PROPN|ADJ)$/.test(text.pos[j] as string)) j--;
  return j < i - 1 && /^(in|by|from|after|during|of)$/.test(text.norm[j] as string);
}

export function matchPatterns(
  text: AnalysedText,
  first: number,
  last: number,
  index: Map<string, HeadPatterns>,
  mentionAt: Map<number, Mention>,
  isPassive: (head: number) => boolean,
): PatternMatch[] {
  // Every word form in the sentence, so patterns needing a word the sentence lacks are skipped unread.
  const present = new Words();
  try {
    return matchSentence(text, first, last, index, mentionAt, isPassive, present);
  } finally {
    present.release();
  }
}

/** Whether the sentence holds, for each word the pattern requires after its head, one of its alternatives. */
function possible(pattern: Pattern, present: Words): boolean {
  for (const alternatives of pattern.requiredIds) {
    let found = false;
    for (const id of alternatives) {
      if (present.has(id)) {
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

function matchSentence(
  text: AnalysedText,
  first: number,
  last: number,
  index: Map<string, HeadPatterns>,
  mentionAt: Map<number, Mention>,
  isPassive: (head: number) => boolean,
  present: Words,
): PatternMatch[] {
  const matches: PatternMatch[] = [];
  const keysOf: WordKeys[] = [];
  for (let i = first; i <= last; i++) {
    const record = tokenKeys(text, i, index);
    keysOf.push(record);
    present.add(record);
  }
  for (let i = first; i <= last; i++) {
    // Only verbs and nouns head patterns (a hyphenated compound's first half may be tagged anything).
    if (!HEAD_POS.has(text.pos[i] as string) && text.norm[i + 1] !== '-') continue;
    let best: PatternMatch | null = null;
    let passive: boolean | null = null;
    // Whether the token can head a verb or a noun pattern: asked once each, not once per candidate pattern.
    let fitsVerb: boolean | undefined;
    let fitsNoun: boolean | undefined;
    const { keys, entries } = keysOf[i - first] as WordKeys;
    for (let k = 0; k < keys.length; k++) {
      const entry = entries[k];
      if (!entry) continue;
      const key = keys[k] as string;
      // In the passive the object stands before the verb ("Kim was condemned by …"): the T slot may be empty.
      passive ??= isPassive(i);
      const headLength =
        key.includes('-') || (text.norm[i + 1] === '-' && key.length > (text.norm[i] as string).length + 1) ? 3 : 1;
      for (const pattern of candidatePatterns(entry, present)) {
        if (best && pattern.specificity <= best.pattern.specificity) break;
        if (headLength === 1) {
          if (pattern.kind === 'V') {
            fitsVerb ??= headFits(text, i, 'V', first);
            if (!fitsVerb) continue;
          } else {
            fitsNoun ??= headFits(text, i, 'N', first);
            if (!fitsNoun) continue;
          }
        }
        if (!possible(pattern, present)) continue;
        const found = matchFrom(
          text,
          pattern.tokens,
          1,
          i + headLength,
          last + 1,
          mentionAt,
          null,
          passive,
          pattern.kind,
        );
        if (found) {
          best = {
            pattern,
            head: i,
            start: i,
            end: found.end,
            target: found.target,
            targetMissing: found.targetMissing,
          };
          break;
        }
      }
    }
    if (best) matches.push(best);
  }
  return matches;
}

interface Partial {
  end: number;
  target: Mention | null;
  targetMissing: boolean;
}

function matchFrom(
  text: AnalysedText,
  tokens: PatternToken[],
  k: number,
  j: number,
  limit: number,
  mentionAt: Map<number, Mention>,
  target: Mention | null,
  passive = false,
  kind: 'V' | 'N' = 'V',
): Partial | null {
  if (k === tokens.length) return { end: j, target, targetMissing: false };
  const token = tokens[k] as PatternToken;
  if (token.type === 'gap') {
    for (let d = 0; d <= GAP && j + d <= limit; d++) {
      const found = matchFrom(text, tokens, k + 1, j + d, limit, mentionAt, target, passive, kind);
      if (found) return found;
    }
    return null;
  }
  if (token.type === 'target') {
    let t = j;
    for (;;) {
      while (t < limit && !mentionAt.has(t) && (isSkippable(text, t) || isParticipleAdjective(text, t))) t++;
      // A hyphenated modifier before the actor ("war-torn Mozambique", "oil-rich Kuwait").
      if (!mentionAt.has(t) && text.norm[t + 1] === '-' && mentionAt.has(t + 3)) {
        t += 3;
        continue;
      }
      // "in the northern city of Kirkuk", "near the town of Samarra": the place behind its description.
      if (!PLACE_NOUNS.has(text.norm[t] as string) || text.norm[t + 1] !== 'of') break;
      t += 2;
    }
    const mention = mentionAt.get(t);
    if (!mention) {
      if (passive) return matchFrom(text, tokens, k + 1, j, limit, mentionAt, null, passive, kind);
      // A verb's final T with no actor right there ("met yesterday", "endorsed an agreement with the EU")
      // still matches; the target is then sought a little further on, or the act is mutual or has no
      // recipient. A noun needs its T ("summit" alone is not a meeting).
      return k === tokens.length - 1 && kind === 'V' ? { end: j, target: null, targetMissing: true } : null;
    }
    return matchFrom(text, tokens, k + 1, mention.end, limit, mentionAt, mention, passive, kind);
  }
  let t = j;
  let modifier: Mention | null = null;
  while (t < limit) {
    const length = wordMatchLength(text, t, token.alternatives);
    if (length) {
      const found = matchFrom(text, tokens, k + 1, t + length, limit, mentionAt, target ?? modifier, passive, kind);
      if (found) return found;
    }
    const mention = mentionAt.get(t);
    if (mention) {
      // A pattern noun may be the head of an actor phrase ("expel the Indian ambassador"): that actor is
      // then the target.
      for (let u = t + 1; u < mention.end; u++) {
        const inner = wordMatchLength(text, u, token.alternatives);
        if (!inner) continue;
        const found = matchFrom(text, tokens, k + 1, u + inner, limit, mentionAt, target ?? mention, passive, kind);
        if (found) return found;
      }
      // Or an actor may modify the pattern noun ("the pull-out from the Iran deal"): the same. A role word
      // modifies without being a party ("continue military aid to Mozambique").
      if (mention.kind === 'role' && mention.end - mention.start === 1) {
        t = mention.end;
        continue;
      }
      if (modifier || mention.kind !== 'actor') break;
      modifier = mention;
      t = mention.end;
      continue;
    }
    // "North Korea's warm and productive statement": coordinated adjectives.
    if (
      /^(and|,)$/.test(text.norm[t] as string) &&
      text.pos[t - 1] === 'ADJ' &&
      /^(ADJ|ADV)$/.test(text.pos[t + 1] as string)
    ) {
      t++;
      continue;
    }
    if (QUANTITY_NOUNS.has(text.norm[t] as string) && text.norm[t + 1] === 'of') {
      t += 2;
      continue;
    }
    if (COUNT_WORDS.has(text.norm[t] as string)) {
      t++;
      continue;
    }
    // Coordinated nouns share the pattern: "send anti-tank weapons and 500 Stinger missiles to Ukraine".
    if (/^(and|or)$/.test(text.norm[t] as string) && text.pos[t - 1] === 'NOUN') {
      let u = t + 1;
      while (u < limit && !mentionAt.has(u) && (isSkippable(text, u) || isNounModifier(text, u))) u++;
      if (text.pos[u] === 'NOUN' && !mentionAt.has(u)) {
        t = u + 1;
        continue;
      }
    }
    if (!isSkippable(text, t) && !isNounModifier(text, t)) break;
    t++;
  }
  return token.optional ? matchFrom(text, tokens, k + 1, j, limit, mentionAt, target, passive, kind) : null;
}
