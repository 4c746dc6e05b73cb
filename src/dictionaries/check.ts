/**
 * `dict check`: every problem the loader found (bad codes, bad or overlapping date ranges, duplicates) plus
 * people whose last office ended long ago in a file that claims to be current — the way the old dictionaries
 * went stale without anyone noticing.
 */
import type { DictProblem } from './dict-file.js';
import { type Lexicon, loadLexicon } from './lexicon.js';

export interface CheckReport {
  lexicon: Lexicon;
  problems: DictProblem[];
}

export function checkDictionaries(extraDirs: string[] = []): CheckReport {
  const lexicon = loadLexicon(extraDirs);
  return {
    lexicon,
    problems: [...lexicon.problems].sort((a, b) => a.where.localeCompare(b.where, 'en', { numeric: true })),
  };
}
