/**
 * `dict check`: every problem the loader found (bad codes, bad or overlapping date ranges, names listed twice),
 * sorted by file and line. Each file's `@valid-as-of` date is reported as the dictionaries' date.
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
