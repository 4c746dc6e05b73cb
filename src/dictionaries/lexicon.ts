/**
 * The compiled dictionaries: one phrase trie for every kind of name (actors, people, role words, titles),
 * pattern indexes by head word, and cue tries for modality and discards.
 */
import { join } from 'node:path';
import { phraseTokens } from '../nlp/analyse.js';
import { pluralsOf } from '../nlp/normalize.js';
import { isCameoCode } from '../ontology/index.js';
import { packageRoot } from '../package-root.js';
import { type LexiconEntry, parseActorLine, parsePersonLine, parseRoleLine } from './actor-entries.js';
import { alternatives, type DictFile, type DictProblem, listDictFiles, readDictFile, where } from './dict-file.js';
import { type HeadPatterns, indexPatterns, type Pattern, parsePatternLine } from './pattern-entries.js';
import { PhraseTrie } from './phrase-trie.js';

export const CUE_CLASSES = ['negation', 'conditional', 'intended', 'hypothetical', 'reported', 'nonfactive'] as const;
export type CueClass = (typeof CUE_CLASSES)[number];

/** A name's entry, and whether the name is an acronym that must be written in capitals ("WHO", not "Who"). */
export interface NameValue {
  entry: LexiconEntry;
  acronym: boolean;
}

export interface Lexicon {
  names: PhraseTrie<NameValue>;
  patterns: Map<string, HeadPatterns>;
  /** Every cue of every class in one trie (values: the classes), so a sentence is scanned once. */
  allCues: PhraseTrie<CueClass | 'discard'>;
  /** The newest `@valid-as-of` among the built-in files: stamped on every event as `dict:YYYY-MM`. */
  validAsOf: string;
  problems: DictProblem[];
  counts: { actors: number; people: number; roles: number; titles: number; patterns: number; files: number };
}

export function builtinDictionaryDir(): string {
  return join(packageRoot(), 'src', 'dictionaries', 'data');
}

/** Loads the built-in dictionaries and then each extra folder (whose entries win on equal matches). */
export function loadLexicon(extraDirs: string[] = []): Lexicon {
  const problems: DictProblem[] = [];
  const names = new PhraseTrie<NameValue>();
  const patterns: Pattern[] = [];
  const allCues = new PhraseTrie<CueClass | 'discard'>();
  const counts = { actors: 0, people: 0, roles: 0, titles: 0, patterns: 0, files: 0 };
  const seenNames = new Map<string, string>();
  let validAsOf = '';

  const addName = (name: string, entry: LexiconEntry, at: string, generatePlurals: boolean) => {
    const tokens = phraseTokens(name);
    if (tokens[0] === 'the' && tokens.length > 1) tokens.shift();
    if (tokens.length === 0) return;
    const key = `${entry.kind === 'role' || entry.kind === 'title' ? entry.kind : 'name'}:${tokens.join(' ')}`;
    const earlier = seenNames.get(key);
    if (earlier && earlier !== at && entry.kind === 'actor') {
      problems.push({ where: at, message: `"${name}" is also listed at ${earlier}`, severity: 'warning' });
    }
    seenNames.set(key, at);
    const acronym = /^[A-Z]{2,5}$/.test(name.replace(/\./g, ''));
    names.add(tokens, { entry, acronym });
    if (!generatePlurals || acronym) return;
    const last = tokens[tokens.length - 1] as string;
    for (const plural of pluralsOf(last)) {
      const form = [...tokens.slice(0, -1), plural];
      // A generated form never shadows a listed name ("Hamas" is not the plural of the Syrian city Hama).
      if (!seenNames.has(`name:${form.join(' ')}`)) names.add(form, { entry, acronym });
    }
  };

  const dirs = [builtinDictionaryDir(), ...extraDirs];
  dirs.forEach((dir, dirIndex) => {
    for (const path of listDictFiles(dir)) {
      const file: DictFile = readDictFile(path, dir);
      counts.files++;
      if (dirIndex === 0 && file.validAsOf && file.validAsOf > validAsOf) validAsOf = file.validAsOf;
      const section = file.file.split(/[\\/]/)[0];
      const base = file.file.replace(/^.*[\\/]/, '');
      for (const line of file.lines) {
        if (section === 'actors') {
          const parsed = parseActorLine(line, problems);
          if (!parsed) continue;
          counts.actors++;
          // Places have no plurals; countries and groups do ("Koreans", "the Taliban's fighters").
          for (const name of parsed.names) addName(name, parsed.entry, where(line), base !== 'places.dict');
        } else if (section === 'people') {
          const parsed = parsePersonLine(line, problems);
          if (!parsed) continue;
          counts.people++;
          for (const name of parsed.names) addName(name, parsed.entry, where(line), false);
        } else if (section === 'agents') {
          const kind = base.startsWith('titles') ? 'title' : 'role';
          const parsed = parseRoleLine(line, kind, problems);
          if (!parsed) continue;
          counts[kind === 'title' ? 'titles' : 'roles']++;
          for (const name of parsed.names) addName(name, parsed.entry, where(line), kind === 'role');
        } else if (section === 'verbs') {
          const pattern = parsePatternLine(line, isCameoCode, problems);
          if (!pattern) continue;
          counts.patterns++;
          patterns.push(pattern);
        } else if (base === 'modality.dict' || base === 'discard.dict') {
          const [cueClass] = line.fields;
          const isDiscard = base === 'discard.dict';
          if (!isDiscard && !(CUE_CLASSES as readonly string[]).includes(cueClass ?? '')) {
            problems.push({ where: where(line), message: `unknown cue class "${cueClass}"`, severity: 'error' });
            continue;
          }
          const cueKey = (isDiscard ? 'discard' : cueClass) as CueClass | 'discard';
          for (const cue of alternatives(line.fields.slice(1).join(';'))) allCues.add(phraseTokens(cue), cueKey);
        } else {
          problems.push({ where: where(line), message: `file is in no known section (${section})`, severity: 'error' });
          break;
        }
      }
    }
  });
  return {
    names,
    patterns: indexPatterns(patterns),
    allCues,
    validAsOf: validAsOf || 'unknown',
    problems,
    counts,
  };
}
