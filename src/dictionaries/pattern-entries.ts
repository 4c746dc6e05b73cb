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
  return { code, ...kind, tokens, specificity: words.length, required, text, where: at };
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
        entry = { all: [], bare: [], byNextWord: new Map() };
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
  }
  return index;
}

/** The patterns of a head that a sentence (its word forms in `present`) could match, most specific first. */
export function candidatePatterns(entry: HeadPatterns, present: ReadonlySet<string>): Pattern[] {
  if (entry.all.length <= 12) return entry.all;
  const out = new Set<Pattern>(entry.bare);
  // Walk whichever is smaller: the sentence's words or the head's next words.
  if (present.size < entry.byNextWord.size) {
    for (const word of present) for (const p of entry.byNextWord.get(word) ?? []) out.add(p);
  } else {
    for (const [word, list] of entry.byNextWord) if (present.has(word)) for (const p of list) out.add(p);
  }
  return [...out].sort(bySpecificity);
}
