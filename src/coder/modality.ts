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
