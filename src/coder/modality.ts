/**
 * Modality of one event from the cues around its head: negated ("did not threaten", "refused to meet",
 * "no agreement"), conditional ("unless", "if"), intended ("will", "vowed to"), hypothetical ("might"),
 * reported ("officials said", by someone other than the source), and non-factive frames ("believes that")
 * that make a sentence discussion rather than report.
 */
import type { Modality } from './event.js';
import type { PatternMatch } from './match-patterns.js';
import type { SentenceContext } from './sentence-context.js';

export interface EventModality {
  negated: boolean;
  conditional: boolean;
  modality: Modality;
  /** A non-factive frame governs the head: the sentence discusses the act, it does not report it. */
  nonfactive: boolean;
}

/** How far left of the head the verb group reaches ("would not have been able to …"). */
const VERB_GROUP = 6;

export function modalityOf(ctx: SentenceContext, match: PatternMatch, subjectEnd: number): EventModality {
  const { text } = ctx;
  const groupStart = Math.max(ctx.first, subjectEnd, match.head - VERB_GROUP);
  const inGroup = (cueClass: Parameters<typeof cuesIn>[1]) => cuesIn(ctx, cueClass, groupStart, match.head - 1);
  let negated = inGroup('negation');
  if (!negated && match.pattern.kind === 'N') {
    const before = text.norm[match.head - 1];
    negated =
      before === 'no' ||
      before === 'without' ||
      (text.pos[match.head - 1] === 'ADJ' && text.norm[match.head - 2] === 'no');
  }
  const hypothetical = inGroup('hypothetical');
  const intended =
    inGroup('intended') ||
    (match.pattern.kind === 'N' &&
      /^(planned|proposed|upcoming|possible|potential|expected|prospective)$/.test(text.norm[match.head - 1] ?? ''));
  const conditional = cuesIn(ctx, 'conditional', ctx.first, ctx.last);
  const reported = cuesIn(ctx, 'reported', ctx.first, ctx.last);
  const nonfactive = cuesIn(ctx, 'nonfactive', ctx.first, match.head - 1);
  const modality: Modality = hypothetical ? 'hypothetical' : intended ? 'intended' : reported ? 'reported' : 'asserted';
  return { negated, conditional, modality, nonfactive };
}

function cuesIn(
  ctx: SentenceContext,
  cueClass: 'negation' | 'conditional' | 'intended' | 'hypothetical' | 'reported' | 'nonfactive',
  from: number,
  to: number,
): boolean {
  return ctx.cues.some((c) => c.cueClass === cueClass && c.start >= from && c.start <= to);
}

/**
 * Whether a matched head reports no act at all: it stands in a condition ("if Washington insisted …"), names
 * what someone must do ("Kagame must agree"), or a noun the sentence only alleges ("his alleged part in …").
 */
export function isNoAct(ctx: SentenceContext, match: PatternMatch, subjectEnd: number): boolean {
  return insideCondition(ctx, match.head) || isObligation(ctx, subjectEnd, match.head) || isAllegedNoun(ctx, match);
}

/**
 * "Kagame must agree to changes", "the sides have to reach a deal": what an actor must do is not something it
 * did (said by another, it is that speaker's demand: `obligationsImposed`).
 */
function isObligation(ctx: SentenceContext, from: number, head: number): boolean {
  const { norm } = ctx.text;
  // Back from the head to "must" within the clause: "must allocate more resources to help …" obliges both verbs.
  for (let j = head - 1; j >= Math.max(from, head - 10); j--) {
    const word = norm[j] as string;
    if (CLAUSE_BREAK.test(word)) return false;
    if (word === 'must' || (/^(have|has|had|need|needs)$/.test(word) && norm[j + 1] === 'to')) return true;
  }
  return false;
}

const CLAUSE_BREAK = /^([,;:()]|that|which|who|but|while|because|although)$/;

/** "his alleged part in atrocities", "the suspected bombing", "a possible war": a noun the sentence only alleges is no report. */
function isAllegedNoun(ctx: SentenceContext, match: PatternMatch): boolean {
  if (match.pattern.kind !== 'N') return false;
  const { norm } = ctx.text;
  for (let j = Math.max(ctx.first, match.head - 5); j < match.head; j++) {
    if (/^(alleged|suspected|purported|supposed|rumoured|rumored|possible|potential|eventual)$/.test(norm[j] as string))
      return true;
  }
  return false;
}

/**
 * Whether a head stands in the condition itself ("… if Washington insisted on abandonment"): the condition is
 * not a report of an act. (The act it conditions, "might reconsider the summit if …", is coded as conditional.)
 */
function insideCondition(ctx: SentenceContext, head: number): boolean {
  for (const cue of ctx.cues) {
    if (cue.cueClass !== 'conditional' || cue.end > head) continue;
    let inside = true;
    for (let j = cue.end; j < head; j++) if (/^[,;:]$/.test(ctx.text.norm[j] as string)) inside = false;
    if (inside) return true;
  }
  return false;
}
