/**
 * Verb and noun patterns (`verbs/*.dict`): `CODE KIND PATTERN`, compiled to token matchers indexed by head word.
 * The pattern language is documented in docs/dictionaries.md.
 */
import { type DictLine, type DictProblem, where } from './dict-file.js';

export type PatternToken =
  | { type: 'word'; alternatives: ReadonlySet<string>; optional: boolean }
  | { type: 'gap' }
  | { type: 'target' };

export interface Pattern {
  code: string;
  kind: 'V' | 'N';
  /** Source and target swapped (`V~`, `N~`). */
  swap: boolean;
  /**
   * A consequence promised to the clause's subject (`R`: "North Korea would be met with fire and fury", "Iran
   * will pay a price"): the speaker who says so is the source, the subject the target.
   */
  consequence: boolean;
  tokens: PatternToken[];
  /** Number of required words: longer patterns are tried first and win. */
  specificity: number;
  /** The alternatives of each required word after the head: a sentence lacking one cannot match. */
  required: ReadonlyArray<readonly string[]>;
  /** The same as word ids (`patternWordId`). */
  requiredIds: ReadonlyArray<readonly number[]>;
  text: string;
  where: string;
}

const KINDS: Record<string, { kind: 'V' | 'N'; swap: boolean; consequence: boolean }> = {
  V: { kind: 'V', swap: false, consequence: false },
  N: { kind: 'N', swap: false, consequence: false },
  'V~': { kind: 'V', swap: true, consequence: false },
  'N~': { kind: 'N', swap: true, consequence: false },
  R: { kind: 'V', swap: false, consequence: true },
};

export function parsePatternLine(
  line: DictLine,
  isCode: (code: string) => boolean,
  problems: DictProblem[],
): Pattern | null {
  const [code, kindField, ...rest] = line.fields;
  const text = rest.join(' ').trim();
  const at = where(line);
  const fail = (message: string) => {
    problems.push({ where: at, message, severity: 'error' });
    return null;
  };
  if (!code || !isCode(code)) return fail(`unknown CAMEO code "${code ?? ''}"`);
  const kind = KINDS[kindField ?? ''];
  if (!kind) return fail(`kind must be V, N, V~, N~ or R, not "${kindField ?? ''}"`);
  if (!text) return fail('empty pattern');
  const tokens: PatternToken[] = [];
  for (const raw of text.split(/\s+/)) {
    if (raw === '*') tokens.push({ type: 'gap' });
    else if (raw === 'T') tokens.push({ type: 'target' });
    else {
      const optional = raw.startsWith('(') && raw.endsWith(')');
      const body = optional ? raw.slice(1, -1) : raw;
      const words = body.split('|').map((w) => w.trim().toLowerCase());
      if (words.some((w) => !/^[a-z][a-z'-]*$/.test(w))) return fail(`bad pattern word "${raw}"`);
      tokens.push({ type: 'word', alternatives: new Set(words), optional });
    }
  }
  const head = tokens[0];
  if (!head || head.type !== 'word' || head.optional) return fail('a pattern must start with a required word');
  if (tokens.filter((t) => t.type === 'target').length > 1) return fail('a pattern has at most one T');
  const words = tokens.filter((t): t is Extract<PatternToken, { type: 'word' }> => t.type === 'word' && !t.optional);
  const required = words.slice(1).map((t) => [...t.alternatives]);
  const requiredIds = required.map((alts) => alts.map(internWord));
  return { code, ...kind, tokens, specificity: words.length, required, requiredIds, text, where: at };
}

// Every word a pattern requires after its head has a small integer id. A sentence marks the ids of its words in
// an array (`SentenceWords`), so asking whether it holds a pattern's words is an array read per word, not a
// hash lookup: the coder asks that for every candidate pattern of every head (the hot path of issue 2).
// Shared by all lexicons loaded in the process; ids are never reused.
const wordIds = new Map<string, number>();

function internWord(word: string): number {
  let id = wordIds.get(word);
  if (id === undefined) {
    id = wordIds.size;
    wordIds.set(word, id);
  }
  return id;
}

/** The id of a word some pattern requires after its head; -1 for a word no pattern requires. */
export function patternWordId(word: string): number {
  return wordIds.get(word) ?? -1;
}

/** How many pattern word ids exist (it grows while dictionaries load). */
export function patternWordCount(): number {
  return wordIds.size;
}

/** The word forms of one sentence, as the matcher collects them (see match-patterns.ts). */
export interface SentenceWords {
  /** Whether the sentence holds the pattern word with this id. */
  has(id: number): boolean;
  /** The ids of the pattern words it holds, in order of first occurrence. */
  readonly ids: readonly number[];
  /** Whether it holds fewer than `n` distinct word forms (pattern words or not). */
  sizeBelow(n: number): boolean;
}

/**
 * The patterns of one head word, most specific first, and the same grouped by the first word they need after
 * the head — a head like "hold" or "call" has hundreds of patterns, and a sentence can only match those whose
 * next word it contains.
 */
export interface HeadPatterns {
  all: Pattern[];
  /** Patterns with no required word after the head. */
  bare: Pattern[];
  byNextWord: Map<string, Pattern[]>;
  /** `byNextWord` keyed by word id, and as a list in the same order. */
  byNextId: Map<number, Pattern[]>;
  nextWords: Array<{ id: number; patterns: Pattern[] }>;
  /** `candidatePatterns` results by the next words that contributed to them (see there). */
  candidates: Map<string, Pattern[]>;
}

const bySpecificity = (a: Pattern, b: Pattern) => b.specificity - a.specificity || b.tokens.length - a.tokens.length;

/** Patterns indexed by each alternative of their head word. */
export function indexPatterns(patterns: Pattern[]): Map<string, HeadPatterns> {
  const index = new Map<string, HeadPatterns>();
  for (const pattern of patterns) {
    const head = pattern.tokens[0] as Extract<PatternToken, { type: 'word' }>;
    for (const word of head.alternatives) {
      let entry = index.get(word);
      if (!entry) {
        entry = { all: [], bare: [], byNextWord: new Map(), byNextId: new Map(), nextWords: [], candidates: new Map() };
        index.set(word, entry);
      }
      entry.all.push(pattern);
      const next = pattern.required[0];
      if (!next) entry.bare.push(pattern);
      else
        for (const w of next) {
          const list = entry.byNextWord.get(w) ?? [];
          list.push(pattern);
          entry.byNextWord.set(w, list);
        }
    }
  }
  for (const entry of index.values()) {
    entry.all.sort(bySpecificity);
    entry.bare.sort(bySpecificity);
    for (const [word, list] of entry.byNextWord) {
      const id = internWord(word);
      entry.byNextId.set(id, list);
      entry.nextWords.push({ id, patterns: list });
    }
  }
  return index;
}

/** The patterns of a head that a sentence (its word forms in `present`) could match, most specific first. */
export function candidatePatterns(entry: HeadPatterns, present: SentenceWords): Pattern[] {
  if (entry.all.length <= 12) return entry.all;
  // Walk whichever is smaller: the sentence's words or the head's next words. (Words no pattern requires are
  // in no list, so walking only the sentence's pattern words, in the same order, adds the same patterns.)
  const lists: Pattern[][] = [];
  let key = '';
  if (present.sizeBelow(entry.byNextWord.size)) {
    for (const id of present.ids) {
      const list = entry.byNextId.get(id);
      if (!list) continue;
      lists.push(list);
      key += `${id},`;
    }
  } else {
    for (const { id, patterns } of entry.nextWords) {
      if (!present.has(id)) continue;
      lists.push(patterns);
      key += `${id},`;
    }
  }
  // The result depends only on which lists were walked and in what order (equal patterns keep the order they
  // were added in), and the same few combinations recur sentence after sentence: sorting them once is enough.
  let sorted = entry.candidates.get(key);
  if (!sorted) {
    const out = new Set<Pattern>(entry.bare);
    for (const list of lists) for (const p of list) out.add(p);
    sorted = [...out].sort(bySpecificity);
    if (entry.candidates.size >= 1000) entry.candidates.clear();
    entry.candidates.set(key, sorted);
  }
  return sorted;
}
