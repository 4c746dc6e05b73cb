/**
 * Actor mentions in one sentence: dictionary names, people resolved on the document date, role words and
 * titles combined with the country beside them ("North Korean troops" → PRKMIL, "the army of Pakistan" →
 * PAKMIL, "Foreign Minister Wang Yi" → CHNGOV), and pronouns left for co-reference.
 */
import type { Person } from '../dictionaries/actor-entries.js';
import { isActiveOn, resolvePersonOnDate } from '../dictionaries/actor-entries.js';
import type { Lexicon, NameValue } from '../dictionaries/lexicon.js';
import type { AnalysedText } from '../nlp/analyse.js';

export type MentionKind = 'actor' | 'person' | 'role' | 'pronoun' | 'pair';

export interface Mention {
  /** Tokens [start, end). */
  start: number;
  end: number;
  kind: MentionKind;
  /** CAMEO actor code; `---ROLE` for a role word without a country; '' for an unresolved pronoun. */
  code: string;
  text: string;
}

interface Unit {
  start: number;
  end: number;
  kind: 'actor' | 'person' | 'role' | 'title';
  code: string;
  role: string | null;
}

const SINGULAR_PRONOUNS = new Set(['he', 'she', 'him', 'her']);
const PLURAL_PRONOUNS = new Set(['they', 'them', 'it']);
const PAIR_NOUNS = new Set([
  'leaders',
  'sides',
  'countries',
  'nations',
  'governments',
  'parties',
  'neighbours',
  'neighbors',
  'rivals',
  'adversaries',
  'presidents',
  'men',
  'koreas',
]);

// Any capital marks a proper noun, so odd casings in real text ("iSrael", "McCain") still count.
const isCapitalised = (value: string) => /^\d|\p{Lu}/u.test(value);

/** Finds the mentions of one sentence (tokens first..last inclusive), in text order. */
export function findMentions(
  text: AnalysedText,
  first: number,
  last: number,
  lexicon: Lexicon,
  date: string,
): Mention[] {
  const units = findUnits(text, first, last, lexicon, date);
  const mentions = combineUnits(text, units);
  addPronouns(text, first, last, mentions);
  return mentions.sort((a, b) => a.start - b.start);
}

const NO_ACTOR = '-';

function findUnits(text: AnalysedText, first: number, last: number, lexicon: Lexicon, date: string): Unit[] {
  const units: Unit[] = [];
  let i = first;
  while (i <= last) {
    const match = lexicon.names.longest(text.norm, i, last + 1, text.ids);
    const unit = match ? pickUnit(match.values, i, match.end, text, date) : null;
    if (unit) {
      // "the Sea of Japan", "the Gulf of Mexico": the name is read whole and names nobody.
      if (unit.code !== NO_ACTOR) units.push(unit);
      i = unit.end;
    } else i++;
  }
  return units;
}

/** Chooses among the entries sharing a phrase: a person in office on the date, then any actor, then words. */
function pickUnit(named: NameValue[], start: number, end: number, text: AnalysedText, date: string): Unit | null {
  // Names are proper nouns: some word of the match is capitalised ("al-Qaeda" by its "Qaeda"), and an acronym
  // is written in capitals, so "Who" and "Us" in a headline are not WHO and the US.
  let proper = false;
  for (let i = start; i < end && !proper; i++) proper = isCapitalised(text.value[i] as string);
  const written = text.value.slice(start, end).join('');
  const values = named.filter((v) => !v.acronym || written === written.toUpperCase()).map((v) => v.entry);
  const people = proper ? (values.filter((v) => v.kind === 'person') as Person[]) : [];
  if (people.length) {
    const person = people.find((p) => isActiveOn(p, date)) ?? people[people.length - 1];
    const code = person ? resolvePersonOnDate(person, date) : null;
    if (code) return { start, end, kind: 'person', code, role: null };
  }
  // Later entries (users' files, loaded last) win on equal matches.
  const actor = proper ? values.findLast((v) => v.kind === 'actor') : undefined;
  if (actor?.kind === 'actor') return { start, end, kind: 'actor', code: actor.code, role: null };
  const title = values.findLast((v) => v.kind === 'title');
  if (title?.kind === 'title') return { start, end, kind: 'title', code: '', role: title.role };
  const role = values.findLast((v) => v.kind === 'role');
  if (role?.kind === 'role') {
    // Lower-case role words must not be read off capitalised names ("Army" in "Irish Republican Army" is its own entry).
    return { start, end, kind: 'role', code: '', role: role.role };
  }
  return null;
}

/** Tokens that may stand between the parts of one actor phrase ("North Korea's", "the army of Pakistan"). */
function isPhraseGlue(text: AnalysedText, i: number): boolean {
  const norm = text.norm[i] as string;
  return (
    norm === "'s" ||
    norm === "'" ||
    norm === '-' ||
    norm === 'former' ||
    norm === 'then' ||
    norm === 'new' ||
    norm === 'top' ||
    norm === 'senior' ||
    norm === 'acting' ||
    norm === 'deputy' ||
    norm === 'chief'
  );
}

function withRole(code: string, role: string | null): string {
  if (!role) return code;
  if (code.length >= 6 && !code.startsWith('IGO') && !code.startsWith('NGO')) return code;
  if (code.endsWith(role)) return code;
  return `${code}${role}`;
}

function combineUnits(text: AnalysedText, units: Unit[]): Mention[] {
  const mentions: Mention[] = [];
  let k = 0;
  while (k < units.length) {
    // Gather a run of units joined by glue tokens only.
    const run: Unit[] = [units[k] as Unit];
    while (k + run.length < units.length) {
      const prev = run[run.length - 1] as Unit;
      const next = units[k + run.length] as Unit;
      let j = prev.end;
      while (j < next.start && isPhraseGlue(text, j)) j++;
      if (j !== next.start) break;
      run.push(next);
    }
    k += run.length;
    const person = run.find((u) => u.kind === 'person');
    const actor = run.find((u) => u.kind === 'actor');
    const role = run.find((u) => (u.kind === 'role' || u.kind === 'title') && u.role)?.role ?? null;
    const start = (run[0] as Unit).start;
    const end = (run[run.length - 1] as Unit).end;
    let code: string;
    let kind: MentionKind;
    if (person) {
      kind = 'person';
      code = person.code.length === 3 ? withRole(person.code, role) : person.code;
    } else if (actor) {
      kind = 'actor';
      code = withRole(actor.code, role);
    } else {
      // A role or title alone, or "the army of Pakistan": look for "of <actor>" right after.
      const after = ofActorAfter(text, end, units, k);
      if (after) {
        k = units.indexOf(after) + 1;
        mentions.push(
          mention(
            text,
            start,
            after.end,
            'actor',
            withRole(after.code.slice(0, 3) === after.code ? after.code : after.code, role),
          ),
        );
        continue;
      }
      if (!role) continue;
      // A role word used as an adjective names nobody: "crossed the military demarcation line", "military talks".
      if (end - start === 1 && text.pos[start] === 'ADJ' && text.pos[end] === 'NOUN') continue;
      kind = 'role';
      code = `---${role}`;
    }
    mentions.push(mention(text, start, end, kind, code));
  }
  return mentions;
}

function ofActorAfter(text: AnalysedText, end: number, units: Unit[], nextIndex: number): Unit | null {
  const next = units[nextIndex];
  if (!next || next.kind !== 'actor') return null;
  let j = end;
  if (text.norm[j] !== 'of') return null;
  j++;
  if (text.norm[j] === 'the') j++;
  return j === next.start ? next : null;
}

function mention(text: AnalysedText, start: number, end: number, kind: MentionKind, code: string): Mention {
  return { start, end, kind, code, text: text.text.slice(text.start[start], text.end[end - 1]) };
}

function addPronouns(text: AnalysedText, first: number, last: number, mentions: Mention[]): void {
  const taken = new Set<number>();
  for (const m of mentions) for (let i = m.start; i < m.end; i++) taken.add(i);
  for (let i = first; i <= last; i++) {
    if (taken.has(i)) continue;
    const norm = text.norm[i] as string;
    if (norm === 'both' || (norm === 'two' && text.norm[i - 1] === 'the')) {
      const noun = text.norm[i + 1] as string;
      if (PAIR_NOUNS.has(noun)) {
        const start = norm === 'two' ? i - 1 : i;
        // The pair replaces a role word read inside it ("leaders" → ---GOV).
        for (let k = mentions.length - 1; k >= 0; k--) {
          const m = mentions[k] as Mention;
          if (m.start >= start && m.end <= i + 2) mentions.splice(k, 1);
        }
        mentions.push(mention(text, start, i + 2, 'pair', ''));
        i++;
        continue;
      }
    }
    if (text.pos[i] !== 'PRON') continue;
    // "it" is often expletive ("it is unclear"): only a pronoun that acts (is followed by a verb) or is an object.
    if (norm === 'it' && !/^(VERB|AUX)$/.test(text.pos[i + 1] ?? '')) continue;
    if (SINGULAR_PRONOUNS.has(norm) || PLURAL_PRONOUNS.has(norm)) mentions.push(mention(text, i, i + 1, 'pronoun', ''));
  }
}

export const isSingularPronoun = (m: Mention, text: AnalysedText) =>
  SINGULAR_PRONOUNS.has(text.norm[m.start] as string);
