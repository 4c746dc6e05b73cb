/**
 * Source and target of a pattern match from the clause around it: the subject before a verb (or a noun's
 * possessor, or its "by" agent), the object or prepositional object after it, passive voice ("was condemned
 * by Washington"), and conjoined actors ("the U.S. and South Korea" → both).
 */
import type { AnalysedText } from '../nlp/analyse.js';
import type { PatternMatch } from './match-patterns.js';
import type { Mention } from './mentions.js';
import { isVenue } from './places.js';
import type { SentenceContext } from './sentence-context.js';

export interface Participants {
  sources: Mention[];
  targets: Mention[];
  passive: boolean;
}

const CLAUSE_BREAK = new Set([';', ':', '—', '–', '(', ')']);
const PREPOSITIONS_BEFORE_NON_SUBJECT = new Set([
  'in',
  'at',
  'to',
  'with',
  'from',
  'against',
  'on',
  'for',
  'into',
  'over',
  'near',
  'toward',
  'towards',
  'across',
  'between',
  'about',
  'of',
  'by',
  'than',
  'under',
  'after',
  'before',
  'during',
  'despite',
  'like',
  'toward',
]);
const SUBJECT_WINDOW = 18;
const RELATIVE_PRONOUNS = new Set(['that', 'which', 'who']);
const LISTENING_VERBS = new Set([
  'told',
  'tell',
  'tells',
  'telling',
  'briefed',
  'brief',
  'informed',
  'inform',
  'assured',
  'reminded',
  'warned',
]);
const OBJECT_WINDOW = 15;
/** Where a pattern's T slot found nothing, only an actor close after the match is taken as its target. */
const NEAR_OBJECT_WINDOW = 8;

/**
 * The mentions conjoined with `m` ("the U.S. and South Korea", "Russia, China and Iran"), in order. A comma
 * alone joins only inside a list that ends with "and"/"or", so "the White House, President Trump said" is two
 * actors, not one group.
 */
export function conjoinedGroup(ctx: SentenceContext, m: Mention): Mention[] {
  const { text } = ctx;
  const linkAfter = (current: Mention): { next: Mention; word: boolean } | null => {
    let j = current.end;
    let word = false;
    let comma = false;
    while (j <= ctx.last && LINK_TOKENS.has(text.norm[j] as string)) {
      if (text.norm[j] === ',') comma = true;
      else if (CONJUNCTIONS.has(text.norm[j] as string) || text.norm[j] === 'well') word = true;
      j++;
    }
    const next = ctx.mentionAt.get(j);
    if (!next || next.kind === 'pronoun' || (!word && !comma)) return null;
    return { next, word };
  };
  // Walk left to the head of the list, then right collecting it.
  // A list has one "and": in "on state television, and Washington and Seoul condemned" the list is the last two.
  let head = m;
  let crossedConjunction = false;
  for (let guard = 0; guard < 6; guard++) {
    const prev = ctx.mentions.find((x) => x.kind !== 'pronoun' && x.end <= head.start && linkAfter(x)?.next === head);
    if (!prev) break;
    const word = linkAfter(prev)?.word ?? false;
    if (word && crossedConjunction) break;
    crossedConjunction ||= word;
    head = prev;
  }
  const list = [head];
  let closed = false;
  for (let current = head; list.length < 6; ) {
    const link = linkAfter(current);
    if (!link) break;
    // "near Taiwan, and Washington and Tokyo condemned": the second "and" shows the first joined clauses.
    if (link.word && linkAfter(link.next)?.word) break;
    list.push(link.next);
    current = link.next;
    if (link.word) {
      closed = true;
      break;
    }
  }
  if (!closed) return [m];
  return list.includes(m) ? list.slice(0, 4) : [m];
}

const CONJUNCTIONS = new Set(['and', 'or', '&']);
const LINK_TOKENS = new Set([',', 'and', 'or', '&', 'as', 'well', 'the', 'both']);

/** Whether a verb head is passive: a form of "be"/"get" right before it (adverbs and "not" aside). */
export function isPassiveHead(text: AnalysedText, head: number, first: number): boolean {
  if (text.norm[head] === text.lemma[head]) return false;
  // "is opposed to", "is committed to": a state of the subject, not a passive with the object in front.
  if (STATIVE_PARTICIPLES.has(text.norm[head] as string) && text.norm[head + 1] === 'to') return false;
  // A reduced relative clause: "victims killed by the crash", "a member of Hamas jailed by Israel".
  if (
    /ed$/.test(text.norm[head] as string) &&
    text.norm[head + 1] === 'by' &&
    /^(NOUN|PROPN)$/.test(text.pos[head - 1] ?? '')
  )
    return true;
  for (let j = head - 1; j >= first && j >= head - 3; j--) {
    const lemma = text.lemma[j] as string;
    if (lemma === 'be' || lemma === 'get') return /(ed|en|wn|ne|t)$/.test(text.norm[head] as string);
    if (text.pos[j] !== 'ADV' && text.pos[j] !== 'PART') return false;
  }
  return false;
}

const STATIVE_PARTICIPLES = new Set(['opposed', 'committed', 'dedicated', 'determined', 'prepared', 'resolved']);

/** The subject: the nearest actor mention before `from` that does not sit in a prepositional phrase. */
export function subjectBefore(ctx: SentenceContext, from: number): Mention | null {
  const { text } = ctx;
  for (let j = from - 1; j >= ctx.first && j >= from - SUBJECT_WINDOW; j--) {
    // A short parenthesis ("the Serbian Workers' Union (SSS) stopped work") is stepped over.
    if (text.norm[j] === ')') {
      const open = text.norm.lastIndexOf('(', j);
      if (open >= ctx.first && j - open <= 6) {
        j = open;
        continue;
      }
    }
    if (CLAUSE_BREAK.has(text.norm[j] as string)) break;
    // A relative clause's verb has the noun before "that"/"which"/"who" as its subject ("a resolution that
    // aims to impose a blockade"): an actor only if that noun is one.
    if (RELATIVE_PRONOUNS.has(text.norm[j] as string) && /^(NOUN|PROPN)$/.test(text.pos[j - 1] ?? '')) {
      const antecedent = ctx.mentionOf.get(j - 1);
      return antecedent && antecedent.end === j ? antecedent : null;
    }
    // An apposition between commas ("Pakistan, a key U.S. ally, has refused") describes the actor before it.
    if (text.norm[j] === ',') {
      const head = appositionHead(ctx, j);
      if (head) return head;
      continue;
    }
    const m = ctx.mentionOf.get(j);
    if (!m) continue;
    j = m.start;
    const before = text.norm[m.start - 1];
    const beforeThe = text.norm[m.start - 1] === 'the' ? text.norm[m.start - 2] : before;
    if (beforeThe && PREPOSITIONS_BEFORE_NON_SUBJECT.has(beforeThe) && !isQuantityOf(text, m.start)) continue;
    // The listener of a report ("told reporters", "briefed diplomats") is not the subject of what is reported.
    if (beforeThe && LISTENING_VERBS.has(beforeThe)) continue;
    // A possessor ("Iran's nuclear programme") is not the subject of the verb that follows its noun.
    if (text.norm[m.end] === "'s" && text.pos[m.end + 1] === 'NOUN' && m.end + 1 < from - 1) continue;
    return m;
  }
  return null;
}

/** "thousands of protesters", "a group of deputies", "members of Hamas": the actor is the subject, not an object. */
function isQuantityOf(text: AnalysedText, start: number): boolean {
  const of = text.norm[start - 1] === 'of' ? start - 1 : text.norm[start - 2] === 'of' ? start - 2 : -1;
  return of > 0 && QUANTITY_NOUNS.has(text.norm[of - 1] as string);
}

const QUANTITY_NOUNS = new Set([
  'thousands',
  'hundreds',
  'dozens',
  'millions',
  'tens',
  'scores',
  'group',
  'groups',
  'number',
  'members',
  'member',
  'some',
  'many',
  'most',
  'all',
  'several',
  'one',
  'two',
  'three',
  'batch',
  'contingent',
  'delegation',
  'team',
  'unit',
  'units',
  'leaders',
  'leader',
  'representatives',
  'crowd',
  'crowds',
  'supporters',
  'hundred',
  'thousand',
]);

/** For a comma closing "X, …, verb": the mention X right before the opening comma, if the span between has no verb. */
function appositionHead(ctx: SentenceContext, closing: number): Mention | null {
  const { text } = ctx;
  for (let k = closing - 1; k >= ctx.first && k >= closing - 12; k--) {
    if (text.pos[k] === 'VERB' || text.pos[k] === 'AUX') return null;
    if (text.norm[k] !== ',') continue;
    const m = ctx.mentionOf.get(k - 1);
    return m && m.end === k && m.kind !== 'pronoun' ? m : null;
  }
  return null;
}

/**
 * Whether a noun phrase is the object of a verb that only reports or performs it ("announced the cancellation",
 * "launched an offensive", "made a visit"): then the verb's subject is the noun's agent. A noun that merely
 * refers to an act ("there was a chance that the summit …") has no agent in the clause.
 */
function governedByLightVerb(ctx: SentenceContext, start: number): boolean {
  const { text } = ctx;
  for (let j = start - 1; j >= ctx.first && j >= start - 5; j--) {
    if (text.pos[j] === 'VERB') return LIGHT_VERBS.has(text.lemma[j] as string);
    // "declared a state of siege": "of" inside the noun phrase.
    if (text.norm[j] === 'of' && j > start - 3) continue;
    if (text.norm[j] === 'up' && text.pos[j - 1] === 'VERB') continue;
    if (!PRE_MODIFIER_POS.has(text.pos[j] as string) && text.pos[j] !== 'DET' && text.pos[j] !== 'PRON') return false;
  }
  return false;
}

const LIGHT_VERBS = new Set([
  'announce',
  'declare',
  'order',
  'launch',
  'begin',
  'start',
  'make',
  'pay',
  'carry',
  'conduct',
  'stage',
  'hold',
  'issue',
  'deliver',
  'complete',
  'continue',
  'resume',
  'step',
  'mount',
  'unleash',
  'lodge',
  'file',
  'impose',
  'confirm',
  'offer',
  'extend',
  'give',
  'send',
  'press',
  'escalate',
  'intensify',
  'renew',
  'end',
  'call',
  'undertake',
  'stage',
  'perform',
  'finish',
  'propose',
  'speed',
  'accelerate',
  'hasten',
]);

/**
 * Who says the clause around a head: the subject of a speech verb before it ("Trump said North Korea would …"),
 * or a speaker named after it ("…, Trump warned").
 */
export function speakerOf(
  ctx: SentenceContext,
  clauseStart: number,
  clauseEnd: number,
  lookAfter = true,
): Mention | null {
  const { text } = ctx;
  for (let j = clauseStart - 1; j >= ctx.first && j >= clauseStart - 8; j--) {
    if (SPEECH_VERBS.has(text.lemma[j] as string) && text.pos[j] === 'VERB') return subjectBefore(ctx, j);
  }
  if (!lookAfter) return null;
  for (let j = clauseEnd; j <= ctx.last && j < clauseEnd + 12; j++) {
    if (!SPEECH_VERBS.has(text.lemma[j] as string) || text.pos[j] !== 'VERB') continue;
    const before = ctx.mentionOf.get(j - 1);
    if (before && before.end === j) return before;
    const after = ctx.mentionAt.get(j + 1);
    if (after) return after;
  }
  return null;
}

const SPEECH_VERBS = new Set([
  'say',
  'warn',
  'tell',
  'declare',
  'vow',
  'announce',
  'state',
  'insist',
  'write',
  'tweet',
  'caution',
  'add',
  'threaten',
  'promise',
  'stress',
  'claim',
]);

/**
 * The first actor mention after `from` in the same clause, skipping the sources and any mention of the very same
 * actor ("Israel threatened to ban voting in Jerusalem if Hamas …": Jerusalem is Israel's own, Hamas the target).
 */
function objectAfter(
  ctx: SentenceContext,
  from: number,
  sources: Mention[],
  window = OBJECT_WINDOW,
  venues = false,
): Mention | null {
  const { text } = ctx;
  const sourceCodes = new Set(sources.filter((m) => m.kind === 'actor' || m.kind === 'person').map((m) => m.code));
  // Where the act has a venue, a place ("held talks in New York with Kim Yong Chol") is the target only when no
  // party follows it.
  let place: Mention | null = null;
  // "struck what New Delhi called a camp in Balakot, Pakistan": an actor of the source's own country is the
  // target only when no foreign one follows.
  let home: Mention | null = null;
  const homeCountries = sourceCountries(sources);
  for (let j = from; j <= ctx.last && j < from + window; j++) {
    if (CLAUSE_BREAK.has(text.norm[j] as string) || isAdverbialClause(ctx, j)) break;
    const m = ctx.mentionAt.get(j);
    if (!m || sources.includes(m) || (m.kind === 'actor' && sourceCodes.has(m.code))) continue;
    // An agent ("a deal brokered by China") or a time ("after Pelosi's visit") is no object.
    const before = text.norm[m.start - 1] as string;
    if (TIME_PREPOSITIONS.has(before) || (before === 'by' && /ed$/.test(text.norm[m.start - 2] as string))) continue;
    if (venues && isVenue(ctx, m)) {
      place ??= m;
      continue;
    }
    if (m.kind !== 'pronoun' && homeCountries.has(m.code.slice(0, 3))) {
      home ??= m;
      continue;
    }
    // A bare role after an actor of the source's own country most likely belongs to it too.
    if (home && m.code.startsWith('---')) continue;
    return m;
  }
  return home ?? place;
}

/**
 * ", a day before President Trump was to host Xi", ", while Seoul …", ", and the US lifted …": a comma
 * opening a time or adverbial clause or a second clause ends the act's objects.
 */
function isAdverbialClause(ctx: SentenceContext, j: number): boolean {
  const { norm } = ctx.text;
  if (norm[j] !== ',') return false;
  // ", and the US lifted sanctions": a second clause, not more objects.
  if (norm[j + 1] === 'and' || norm[j + 1] === 'but') return true;
  for (let k = j + 1; k <= j + 3 && k <= ctx.last; k++) {
    if (ADVERBIAL_OPENERS.has(norm[k] as string)) return true;
  }
  return false;
}

const TIME_PREPOSITIONS = new Set(['after', 'before', 'since', 'during', 'until']);

const ADVERBIAL_OPENERS = new Set(['before', 'after', 'while', 'when', 'since', 'although', 'though', 'whereas']);

function sourceCountries(sources: Mention[]): Set<string> {
  return new Set(sources.map((m) => m.code.slice(0, 3)));
}
/** Meetings, talks, agreements and joint acts happen somewhere; their place is a venue, not a party. */
const VENUE_ROOTS = new Set(['03', '04', '05', '06']);

/** An agent introduced by one of `words` right after the match ("by Washington", "from Pompeo"). */
function agentAfter(ctx: SentenceContext, from: number, words: Set<string>): Mention | null {
  const { text } = ctx;
  for (let j = from; j <= ctx.last && j < from + 6; j++) {
    if (words.has(text.norm[j] as string)) {
      let k = j + 1;
      while (k <= ctx.last && (text.pos[k] === 'DET' || text.pos[k] === 'ADJ')) k++;
      const m = ctx.mentionAt.get(k);
      if (m) return m;
    }
    if (CLAUSE_BREAK.has(text.norm[j] as string)) break;
  }
  return null;
}

/** The possessor of a noun head ("Moon's prompt visit", "the Russian invasion", "the U.S. pull-out"). */
function possessorOf(ctx: SentenceContext, head: number): Mention | null {
  const { text } = ctx;
  for (let j = head - 1; j >= ctx.first && j >= head - 4; j--) {
    const norm = text.norm[j] as string;
    if (norm === "'s" || norm === "'") {
      const m = ctx.mentionOf.get(j - 1);
      return m && m.end === j ? m : null;
    }
    const m = ctx.mentionOf.get(j);
    if (m) return m.kind === 'pronoun' || m.kind === 'pair' ? m : m.end === j + 1 ? m : null;
    if (!PRE_MODIFIER_POS.has(text.pos[j] as string)) return null;
  }
  return null;
}

/** What may stand between a possessor and its noun: "prompt", "state", "planned", "two-day". */
const PRE_MODIFIER_POS = new Set(['ADJ', 'ADV', 'VERB', 'NOUN', 'NUM', 'PUNCT']);

const BY = new Set(['by']);
const BY_OR_FROM = new Set(['by', 'from']);
/** Nouns of leaving, after which "from" names the place left, not the agent ("the withdrawal … from Panama"). */
const LEAVING_NOUNS = new Set(['withdrawal', 'pullout', 'pull-out', 'retreat', 'exit', 'departure', 'evacuation']);

/**
 * The subject of the first of two coordinated verbs ("rebels kidnapped advisers … and exploded bombs"): the
 * second verb shares it, and the first verb's object is not its subject.
 */
function coordinatedSubject(ctx: SentenceContext, head: number): Mention | null {
  const { text } = ctx;
  let j = head - 1;
  while (j > ctx.first && text.pos[j] === 'ADV') j--;
  if (text.norm[j] !== 'and') return null;
  for (let v = j - 1; v >= ctx.first && v >= j - 15; v--) {
    if (CLAUSE_BREAK.has(text.norm[v] as string)) return null;
    if (text.pos[v] === 'VERB' && !/ing$/.test(text.norm[v] as string)) {
      const between = ctx.mentions.some((m) => m.start > v && m.end <= j);
      return between ? subjectBefore(ctx, v) : null;
    }
  }
  return null;
}

/**
 * "A report released in the Rwandan capital alleged …", "a statement from Pyongyang said …": a document that
 * speaks for a place or body stands for it.
 */
function documentOrigin(ctx: SentenceContext, head: number): Mention | null {
  const { text } = ctx;
  let origin: Mention | null = null;
  for (let j = head - 1; j >= ctx.first && j >= head - SUBJECT_WINDOW; j--) {
    if (CLAUSE_BREAK.has(text.norm[j] as string)) return null;
    const m = ctx.mentionOf.get(j);
    if (m && m.kind === 'actor') origin = m;
    if (DOCUMENT_NOUNS.has(text.lemma[j] as string) && text.pos[j] === 'NOUN') return origin;
  }
  return null;
}

const DOCUMENT_NOUNS = new Set(['report', 'statement', 'letter', 'communique', 'declaration', 'document', 'study']);

/** A head's word, hyphenated compounds joined ("pull-out"). */
function headWord(text: AnalysedText, head: number): string {
  return text.norm[head + 1] === '-' ? `${text.norm[head]}-${text.norm[head + 2]}` : (text.lemma[head] as string);
}

export function participantsOf(ctx: SentenceContext, match: PatternMatch, passive: boolean): Participants {
  const { pattern } = match;
  const { text } = ctx;
  let source: Mention | null;
  let target: Mention | null = match.target;
  if (pattern.consequence) {
    target = subjectBefore(ctx, match.start);
    source = target ? speakerOf(ctx, target.start, match.end) : null;
    if (!source || !target) return { sources: [], targets: [], passive };
    return { sources: conjoinedGroup(ctx, source), targets: conjoinedGroup(ctx, target), passive };
  }
  if (pattern.kind === 'V' && passive) {
    source = agentAfter(ctx, match.end, new Set(['by']));
    // In a reduced relative clause ("victims killed by …") the patient is the noun right before the verb.
    const reduced = !/^(be|get)$/.test(text.lemma[match.head - 1] as string) && text.pos[match.head - 1] !== 'ADV';
    const before = ctx.mentionOf.get(match.head - 1);
    target = reduced ? (before && before.end === match.head ? before : null) : subjectBefore(ctx, match.start);
  } else if (pattern.kind === 'V') {
    source =
      coordinatedSubject(ctx, match.start) ?? subjectBefore(ctx, match.start) ?? documentOrigin(ctx, match.start);
  } else {
    source =
      possessorOf(ctx, match.head) ??
      agentAfter(ctx, match.head + 1, LEAVING_NOUNS.has(headWord(text, match.head)) ? BY : BY_OR_FROM) ??
      (governedByLightVerb(ctx, match.start) || pattern.swap ? subjectBefore(ctx, match.start) : null);
  }
  const sources = source ? conjoinedGroup(ctx, source) : [];
  // "Moon and Kim met … on the North Korean side": two subjects and an empty T slot make a mutual act; an
  // actor after it is a place, not a third party.
  const mutual = match.targetMissing && new Set(sources.map((m) => m.code.slice(0, 3))).size >= 2;
  if (!target && !mutual)
    target = objectAfter(
      ctx,
      match.end,
      sources,
      match.targetMissing ? NEAR_OBJECT_WINDOW : OBJECT_WINDOW,
      VENUE_ROOTS.has(pattern.code.slice(0, 2)),
    );
  // "Trump and Kim … held a dinner at the Metropole hotel in Hanoi": two sides meeting somewhere meet each other.
  if (
    target &&
    !match.target &&
    isVenue(ctx, target) &&
    sourceCountries(sources).size >= 2 &&
    VENUE_ROOTS.has(pattern.code.slice(0, 2))
  )
    target = null;
  // Two sides acting together on something of one of theirs ("Palestinians and Israelis failed to reach
  // agreement on … Palestinian offices") act on each other, not on themselves.
  const countries = sourceCountries(sources);
  if (target && countries.size >= 2 && countries.has(target.code.slice(0, 3)) && !match.target) target = null;
  const targets = target ? conjoinedGroup(ctx, target).filter((m) => !sources.includes(m)) : [];
  return pattern.swap ? { sources: targets, targets: sources, passive } : { sources, targets, passive };
}
