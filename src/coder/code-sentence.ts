/**
 * One sentence → zero or more events: match patterns, drop what a more specific match already covers, find
 * each match's participants and modality, fan out conjoined actors, and build the records.
 */
import type { Lexicon } from '../dictionaries/lexicon.js';
import { cameoEvent } from '../ontology/index.js';
import { authorOfCriticisedAct } from './act-author.js';
import type { DiscourseHistory, ResolvedMention } from './coreference.js';
import { matchPatterns, type PatternMatch } from './match-patterns.js';
import type { Mention } from './mentions.js';
import type { EventModality } from './modality.js';
import { isNoAct, modalityOf } from './modality.js';
import { conjoinedGroup, isPassiveHead, participantsOf, speakerOf, subjectBefore } from './participants.js';
import { isLocative, placeAfterRole, placeMention } from './places.js';
import type { SentenceContext } from './sentence-context.js';
import { unrealisedReadingOf, withheldReadingOf } from './threat-reading.js';

export interface DraftEvent {
  sentence: number;
  source: string;
  sourceText: string;
  target: string;
  targetText: string;
  cameo: string;
  modality: EventModality;
  span: [number, number];
  confidence: number;
  /** Tokens used: the longer patterns win when one sentence yields the same dyad and root twice. */
  specificity: number;
}

/** Acts that two sides do together: with two sources and no target, each is the other's target. */
const MUTUAL_ROOTS = new Set(['03', '04', '06', '19']);
const MAX_FAN_OUT = 4;
/** Acts a crowd or an unnamed attacker does somewhere: protest, coercion, unconventional violence. */
const PLACED_ROOTS = new Set(['14', '18']);
/** Material conflict whose report by another party is also that party's accusation. */
const CLAIMED_ROOTS = new Set(['17', '18', '19', '20']);
/** Codes whose act is the same from both sides: meeting, calling, negotiating, signing, acting jointly. */
const SYMMETRIC_CODES = new Set(['040', '041', '046', '057', '060', '061', '062']);

export function codeSentence(ctx: SentenceContext, lexicon: Lexicon, history: DiscourseHistory): DraftEvent[] {
  if (ctx.cues.some((c) => c.cueClass === 'discard') && !namesStateOrgan(ctx)) return [];
  const { text } = ctx;
  const isPassive = (head: number) => isPassiveHead(text, head, ctx.first);
  const matches = dropCoveredMatches(
    matchPatterns(text, ctx.first, ctx.last, lexicon.patterns, ctx.mentionAt, isPassive),
    text,
  );
  const drafts: DraftEvent[] = [];
  for (const match of matches) {
    const passive = match.pattern.kind === 'V' && !match.pattern.consequence && isPassive(match.head);
    const { sources, targets } = participantsOf(ctx, match, passive);
    const targetCodes = resolveAll(ctx, targets, history, true);
    // "Iran said it would …", "the militants said they attempted …": a pronoun subject right after a speech verb
    // is the speaker itself.
    const speakerSelf =
      sources.length === 1 && sources[0]?.kind === 'pronoun'
        ? speakerOf(ctx, sources[0].start, sources[0].start, false)
        : null;
    let sourceCodes = resolveAll(ctx, speakerSelf && speakerSelf.kind !== 'pronoun' ? [speakerSelf] : sources, history);
    // "A roadside bombing near Samarra killed a U.S. soldier": a bombing's or protest's place is its source's
    // country, as for agentless acts below, and its victim after the match the target.
    const place = targets.length === 1 && targets[0]?.kind === 'actor' ? targets[0] : null;
    if (
      sourceCodes.length === 0 &&
      place &&
      isLocative(ctx, place.start) &&
      PLACED_ROOTS.has(match.pattern.code.slice(0, 2))
    ) {
      const country = place.code.slice(0, 3);
      sourceCodes = [{ code: country, text: place.text, inferred: true }];
      const victim = ctx.mentions.find(
        (m) =>
          m.start >= match.end &&
          m.start < victimReach(ctx, match) &&
          m.kind === 'actor' &&
          !m.code.startsWith(country),
      );
      targetCodes.splice(0, targetCodes.length, ...(victim ? resolveAll(ctx, [victim], history, true) : []));
    }
    // A conflictual act named without its agent ("the recent insult to Pence") belongs to the other side in
    // play; a cooperative one ("the summit with Kim") is usually a mere reference, not a report.
    if (
      sourceCodes.length === 0 &&
      match.pattern.kind === 'N' &&
      targetCodes.length > 0 &&
      match.pattern.code >= '09'
    ) {
      const exclude = targetCodes.map((t) => t.code.slice(0, 3));
      const inSentence = ctx.mentions.find(
        (m) => (m.kind === 'actor' || m.kind === 'person') && !exclude.includes(m.code.slice(0, 3)),
      );
      const agent = inSentence?.code ?? history.implicitAgent(exclude);
      if (agent) sourceCodes = [{ code: agent, text: '', inferred: true }];
    }
    // Protests, riots and bombings with no named agent ("Prisoners rioted at a jail in Dili", "a roadside bomb
    // near Samarra killed …") are coded, as PLOVER and ICEWS do, to the country where they happened.
    if (sourceCodes.length === 0 && !passive && PLACED_ROOTS.has(match.pattern.code.slice(0, 2))) {
      const place = placeMention(ctx);
      if (place) {
        const country = place.code.slice(0, 3);
        sourceCodes = [{ code: country, text: place.text, inferred: true }];
        // The target is then whom they protest or attack: an actor of another country after the place, if any.
        const other = ctx.mentions.find(
          (m) => m.start >= place.end && m.start < place.end + 15 && m.kind === 'actor' && !m.code.startsWith(country),
        );
        if (other && targetCodes.every((t) => t.code.startsWith(country)))
          targetCodes.splice(0, targetCodes.length, { code: other.code, text: other.text, inferred: false });
      }
    }
    if (sourceCodes.length === 0) continue;
    const namedByAgent = targets[0] && text.norm[targets[0].start - 1] === 'by';
    if (!match.target && !namedByAgent) {
      const sourceCountries = sourceCodes.map((s) => s.code.slice(0, 3));
      const actedInSentence = drafts.map((d) => d.source);
      const author = authorOfCriticisedAct(ctx, match, sourceCountries, history, actedInSentence);
      if (author) targetCodes.splice(0, targetCodes.length, { code: author, text: '', inferred: true });
    }
    // A bare noun whose only actor is guessed from context ("after years of military occupation") names no
    // event of its own.
    if (match.pattern.kind === 'N' && targetCodes.length === 0 && sourceCodes.every((s) => s.inferred)) continue;
    const subjectEnd = Math.max(ctx.first, ...sources.map((m) => (m.start < match.head ? m.end : ctx.first)));
    const modality = modalityOf(ctx, match, subjectEnd);
    if (modality.nonfactive || isNoAct(ctx, match, subjectEnd)) continue;
    const unrealised = !modality.negated && (modality.conditional || modality.modality === 'intended');
    // Talks that end "without signing any agreement" or "failed to reach a deal": the failure is the act, a
    // rejection of the agreement by the sides (PLOVER's REJECT), not a negated signing.
    const failedAgreement = modality.negated && modality.modality === 'asserted' && match.pattern.code === '057';
    if (failedAgreement) modality.negated = false;
    const withheld = modality.negated && modality.conditional ? withheldReadingOf(match.pattern.code) : null;
    if (withheld) modality.negated = false;
    const read = failedAgreement
      ? '127'
      : withheld ||
        (unrealised && unrealisedReadingOf(match.pattern.code, targetCodes.length > 0)) ||
        match.pattern.code;
    const cameo = sources.some((m) => isCrowd(ctx, m)) ? protestReadingOf(read) : read;
    const root = cameo.slice(0, 2);
    const pairs: Array<[Resolved, Resolved | null]> = [];
    const mutualAct = MUTUAL_ROOTS.has(root) || SYMMETRIC_CODES.has(match.pattern.code) || cameo === '127';
    if (targetCodes.length === 0 && sourceCodes.length >= 2 && mutualAct) {
      for (const a of sourceCodes)
        for (const b of sourceCodes) if (a.code.slice(0, 3) !== b.code.slice(0, 3)) pairs.push([a, b]);
    }
    // Sides of one country ("the Philippine military and the MILF violated the ceasefire") each act, unpaired.
    if (pairs.length === 0) {
      for (const a of sourceCodes.slice(0, MAX_FAN_OUT)) {
        // A target that is the source itself ("North Korea's dismantling of its Punggye-ri test site") leaves
        // the act without a recipient.
        const others = targetCodes.filter(
          (b) =>
            !(isSelfPair(a.code, b.code) && !(PLACED_ROOTS.has(root) && a.code.length === 3)) &&
            !(OUTWARD_ROOTS.has(root) && !DOMESTIC_THREATS.has(cameo) && isStateAndItsCountry(a.code, b.code)),
        );
        // Dissent with no stated addressee (workers striking, activists on hunger strike) is aimed at the
        // protesters' own state, and a state's arrests, curfews and repression with no named victim at its own
        // people, as PLOVER codes them.
        const role = a.code.slice(3, 6);
        const home =
          a.code.length > 3 && ((root === '14' && !STATE_ROLES.has(role)) || (root === '17' && STATE_ROLES.has(role)));
        if (targetCodes.length === 0 && home) pairs.push([a, { code: a.code.slice(0, 3), text: '', inferred: true }]);
        // An act with no recipient is kept only for an actor the sentence names, not one guessed from context.
        else if (targetCodes.length === 0 && !a.inferred) pairs.push([a, null]);
        else if (others.length === 0 && !a.inferred && targetCodes.every((b) => isOwnCountry(a.code, b.code)))
          pairs.push([a, null]);
        for (const b of others.slice(0, MAX_FAN_OUT)) {
          pairs.push([a, b]);
          // Talks, calls, agreements and joint acts involve both sides equally: each is the other's target.
          if (SYMMETRIC_CODES.has(cameo) && !match.pattern.swap) pairs.push([b, a]);
        }
      }
    }
    // "The US said that Iraq had attacked": besides the reported act, the speaker accuses its author (112),
    // as CAMEO codes it — the claim is an event between the two even when the act cannot be checked. (An
    // attribution after the fact, "…, officials said", is sourcing, not a claim.)
    if (CLAIMED_ROOTS.has(root) && sources[0] && sources[0].kind !== 'pronoun' && !passive) {
      const speaker = speakerOf(ctx, sources[0].start, sources[0].start, false);
      const accused = sourceCodes[0];
      if (
        speaker &&
        (speaker.kind === 'actor' || speaker.kind === 'person') &&
        accused &&
        speaker.code.slice(0, 3) !== accused.code.slice(0, 3)
      ) {
        const span: [number, number] = [text.start[speaker.start] as number, text.end[match.end - 1] as number];
        drafts.push({
          sentence: ctx.index,
          source: speaker.code,
          sourceText: speaker.text,
          target: accused.code,
          targetText: accused.text,
          cameo: '112',
          modality: { negated: false, conditional: modality.conditional, modality: 'asserted', nonfactive: false },
          span,
          confidence: 0.5,
          specificity: match.pattern.specificity,
        });
      }
    }
    const participants = [...sources, ...targets];
    const first = Math.min(match.start, ...participants.map((m) => m.start));
    const last = Math.max(match.end - 1, ...participants.map((m) => m.end - 1));
    const span: [number, number] = [text.start[first] as number, text.end[last] as number];
    for (const [a, b] of pairs) {
      drafts.push({
        sentence: ctx.index,
        source: a.code,
        sourceText: a.text,
        target: b?.code ?? '',
        targetText: b?.text ?? '',
        cameo,
        modality,
        span,
        confidence: confidenceOf(match, a, b, passive),
        specificity: match.pattern.specificity,
      });
    }
  }
  drafts.push(...obligationsImposed(ctx, history));
  return keepMostSpecific(drafts);
}

/**
 * "Britain said Iran must release the tanker", "the US declared that China must drop barriers": a speaker
 * telling another actor what it must do makes a demand (CAMEO 10), whatever the demanded act is.
 */
function obligationsImposed(ctx: SentenceContext, history: DiscourseHistory): DraftEvent[] {
  const { text } = ctx;
  const drafts: DraftEvent[] = [];
  for (let i = ctx.first; i <= ctx.last; i++) {
    if (text.norm[i] !== 'must') continue;
    const obliged = subjectBefore(ctx, i);
    if (!obliged || obliged.end < i - 2) continue;
    const group = conjoinedGroup(ctx, obliged);
    const groupStart = Math.min(...group.map((m) => m.start));
    const speaker = speakerOf(ctx, groupStart, groupStart, false);
    if (!speaker || group.includes(speaker)) continue;
    const [source] = resolveAll(ctx, [speaker], history);
    for (const target of resolveAll(ctx, group, history, true)) {
      if (!source || isSelfPair(source.code, target.code)) continue;
      drafts.push({
        sentence: ctx.index,
        source: source.code,
        sourceText: source.text,
        target: target.code,
        targetText: target.text,
        cameo: '100',
        modality: { negated: false, conditional: false, modality: 'asserted', nonfactive: false },
        span: [text.start[speaker.start] as number, text.end[Math.min(i + 1, ctx.last)] as number],
        confidence: 0.55,
        specificity: 2,
      });
    }
  }
  return drafts;
}

const STATE_ROLES = new Set(['GOV', 'MIL', 'COP', 'JUD', 'LEG', 'SPY']);

const CROWD_WORDS = /^(protesters?|protestors?|demonstrators?|marchers?|rioters?|crowds?|strikers?)$/;

/** Protesters, demonstrators, a crowd: who makes demands by demonstrating. */
function isCrowd(ctx: SentenceContext, m: Mention): boolean {
  return m.kind === 'role' || m.kind === 'actor' ? CROWD_WORDS.test(ctx.text.norm[m.end - 1] as string) : false;
}

/**
 * A demand made by demonstrating is a protest (CAMEO 141x, PLOVER PROTEST): "demonstrators demanding a
 * referendum on independence" demonstrate for a change of regime (1414), not merely demand it (1044).
 */
function protestReadingOf(cameo: string): string {
  if (!cameo.startsWith('10')) return cameo;
  return /^104[1-4]$/.test(cameo) ? `141${cameo[3]}` : '141';
}

/**
 * Sport, markets and entertainment words discard a sentence ("crushed", "beat" are no events there), unless a
 * state organ acts in it: "Nigerian authorities jailed 52 members … for playing in a football tournament".
 */
function namesStateOrgan(ctx: SentenceContext): boolean {
  return ctx.mentions.some((m) => (m.kind === 'actor' || m.kind === 'person') && STATE_ROLES.has(m.code.slice(3, 6)));
}

/**
 * How far after a placed act its victim or addressee may stand: a bombing's victim follows closely ("killed a
 * U.S. soldier"); a protest's addressee may close the sentence ("… demanding independence from Indonesian rule").
 */
function victimReach(ctx: SentenceContext, match: PatternMatch): number {
  return match.pattern.code.startsWith('14') ? ctx.last + 1 : match.end + 15;
}

/**
 * Acts done to others: a government "visiting", "warning" or "attacking" its own country is a misreading. (Its
 * statements, appeals, aid, concessions, investigations and coercion at home are real domestic events.)
 */
const OUTWARD_ROOTS = new Set(['03', '04', '05', '06', '10', '11', '12', '13', '15', '16', '19', '20']);
/** Threats of curfews, emergency rule or repression are made at home ("will extend the curfew in Abidjan"). */
const DOMESTIC_THREATS = new Set(['132', '137']);

/** `b` is the bare country of actor `a` ("returning to Kyrgyzstan" for Akayev, Punggye-ri for North Korea). */
function isOwnCountry(a: string, b: string): boolean {
  return b.length === 3 && a.slice(0, 3) === b;
}

/** One side is a country and the other that country itself or its state (USAGOV and USA, PRK and PRK). */
function isStateAndItsCountry(a: string, b: string): boolean {
  if (a.slice(0, 3) !== b.slice(0, 3)) return false;
  const other = a.length === 3 ? b : b.length === 3 ? a : null;
  return other !== null && (other.length === 3 || STATE_ROLES.has(other.slice(3, 6)));
}

/**
 * The very same actor on both ends (PRK → PRK, "Israel … in Jerusalem"): a misreading. A state acting on its own
 * country or people (HTIGOV → HTI, "declared a state of siege in Haiti") is a domestic event, as both CAMEO and
 * PLOVER code it, and is kept, as are two roles of one country (PRKGOV → PRKOPP).
 */
export function isSelfPair(a: string, b: string): boolean {
  return a === b;
}

interface Resolved {
  code: string;
  text: string;
  inferred: boolean;
}

/**
 * Codes for mentions; pronouns, pairs and bare roles are resolved from context. A bare role that is the target
 * ("released the mayor of … Nablus") takes the country named after it before the one named before it.
 */
function resolveAll(
  ctx: SentenceContext,
  mentions: Mention[],
  history: DiscourseHistory,
  preferAfter = false,
): Resolved[] {
  const out: Resolved[] = [];
  for (const m of mentions) {
    const before: ResolvedMention[] = ctx.mentions
      .filter((x) => x.start < m.start && x.code && !x.code.startsWith('---'))
      .map((x) => ({ code: x.code, kind: x.kind }));
    const after: ResolvedMention[] = ctx.mentions
      .filter((x) => x.start > m.start && x.code && !x.code.startsWith('---'))
      .map((x) => ({ code: x.code, kind: x.kind }));
    const inferred = m.kind === 'pronoun' || m.kind === 'pair' || m.code.startsWith('---');
    const home = m.code.startsWith('---') ? placeAfterRole(ctx, m) : null;
    const codes = !inferred
      ? [m.code]
      : home
        ? [`${home.code.slice(0, 3)}${m.code.slice(3)}`]
        : preferAfter && m.code.startsWith('---') && after[0]
          ? [`${after[0].code.slice(0, 3)}${m.code.slice(3)}`]
          : history.resolve(m, ctx.text, before, after);
    for (const code of codes) {
      if (code && !code.startsWith('---') && !out.some((r) => r.code === code))
        out.push({ code, text: m.text, inferred });
    }
  }
  return out;
}

/**
 * A match whose head sits inside a longer match is part of it ("agreed to meet" as one 036, not 036 + 04);
 * an infinitive or gerund governed by an earlier match ("urged Iran to withdraw", "accused Israel of
 * attacking") is that match's content, not a second act — unless it refines the same root more specifically
 * ("threatened to walk away from the summit" → 134, not 130).
 */
function dropCoveredMatches(matches: PatternMatch[], text: SentenceContext['text']): PatternMatch[] {
  const dropped = new Set<PatternMatch>();
  for (const inner of matches) {
    for (const outer of matches) {
      if (outer === inner || dropped.has(outer)) continue;
      if (inner.head > outer.start && inner.head < outer.end) {
        dropped.add(inner);
        break;
      }
      const governed =
        inner.head > outer.head && inner.head - outer.end <= 1 && /^(to|of|for)$/.test(text.norm[inner.head - 1] ?? '');
      // "will give Tanzania a grant … to finance projects": a purpose of the same kind is the same act.
      const samePurpose =
        inner.head > outer.end &&
        text.norm[inner.head - 1] === 'to' &&
        inner.pattern.code.slice(0, 2) === outer.pattern.code.slice(0, 2);
      if (samePurpose) {
        dropped.add(inner);
        break;
      }
      if (governed) {
        const sameRoot = inner.pattern.code.slice(0, 2) === outer.pattern.code.slice(0, 2);
        // "studying a plan to fire missiles toward Israel": the plan considered (01) is only the frame of the act.
        const frameOnly = outer.pattern.code.startsWith('01') && !sameRoot;
        if (frameOnly || (sameRoot && inner.pattern.code.length >= outer.pattern.code.length)) dropped.add(outer);
        else dropped.add(inner);
        break;
      }
    }
  }
  // What is demanded, urged, refused or threatened is the content of that act, not a second act
  // ("demanded that the US cancel plans to sell weapons to Taiwan" is one demand), up to the clause's end.
  for (const outer of matches) {
    if (dropped.has(outer)) continue;
    const root = outer.pattern.code.slice(0, 2);
    const accusesOf =
      root === '11' &&
      (ACCUSATION_COMPLEMENT.has(text.norm[outer.end] as string) ||
        outer.pattern.tokens.some((t) => t.type === 'word' && t.alternatives.has('that')));
    if (!GOVERNS_COMPLEMENT.has(root) && !accusesOf) continue;
    // A noun governs only a complement it introduces ("the demand that …", "a refusal to …"), not what follows
    // it in the sentence ("the pull-out from the deal and North Korea's dismantling …").
    if (outer.pattern.kind === 'N' && !NOUN_COMPLEMENT.has(text.norm[outer.end] as string)) continue;
    let end = outer.end;
    while (end < text.norm.length && !COMPLEMENT_END.has(text.norm[end] as string)) end++;
    for (const inner of matches) {
      // ", condemning the exercise": a participle after a comma is a second act of the subject, not content.
      const adjunct = text.norm[inner.head - 1] === ',' && /ing$/.test(text.norm[inner.head] as string);
      if (inner.head >= outer.end && inner.head < end && !adjunct) dropped.add(inner);
    }
  }
  return matches.filter((m) => !dropped.has(m));
}

/** Roots whose acts carry a proposition: appeals, intents, demands, rejections, threats. */
const GOVERNS_COMPLEMENT = new Set(['02', '03', '10', '12', '13']);
const NOUN_COMPLEMENT = new Set(['that', 'to', 'for']);
const COMPLEMENT_END = new Set([';', ':', 'but', 'while', 'whereas', '.']);
/** "accused France of …", "blamed Iran for …", "alleged that …": what is alleged is the accusation's content. */
const ACCUSATION_COMPLEMENT = new Set(['of', 'for', 'that', 'over', 'about']);

/**
 * One act read twice in a sentence is kept once: drafts of one root whose actors are the same, or more specific codes of
 * them ("Palestinian suicide bombers killed 23 people" as PSE → ISR and PSEMIL → ISRCVL; a target-less reading
 * beside a targeted one) collapse to the most specific reading.
 */
function keepMostSpecific(drafts: DraftEvent[]): DraftEvent[] {
  const kept: DraftEvent[] = [];
  for (const d of [...drafts].sort((a, b) => detail(b) - detail(a))) {
    if (!kept.some((k) => k.cameo.slice(0, 2) === d.cameo.slice(0, 2) && sameActors(k, d))) kept.push(d);
  }
  return drafts.filter((d) => kept.includes(d));
}

/** Whether two drafts name the same actors, one perhaps more specifically (a missing target fits any). */
function sameActors(a: DraftEvent, b: DraftEvent): boolean {
  const fits = (x: string, y: string) => x.startsWith(y) || y.startsWith(x);
  return fits(a.source, b.source) && fits(a.target, b.target);
}

function detail(d: DraftEvent): number {
  return d.specificity * 100 + (d.source.length + d.target.length) * 4 + d.cameo.length;
}

function confidenceOf(match: PatternMatch, source: Resolved, target: Resolved | null, passive: boolean): number {
  let c = 0.45 + 0.08 * Math.min(match.pattern.specificity, 4);
  if (match.target) c += 0.1;
  if (!target) c -= 0.15;
  if (source.inferred) c -= 0.1;
  if (target?.inferred) c -= 0.05;
  if (passive) c -= 0.05;
  if (!cameoEvent(match.pattern.code)) c = 0;
  return Math.round(Math.min(0.95, Math.max(0.05, c)) * 100) / 100;
}
