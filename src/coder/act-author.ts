/**
 * "North Korea fired a missile … Washington and Seoul condemned the launch": criticism or rejection of an act
 * ("the launch", "the test", "the decision") is aimed at whoever did it, named before the criticism in the same
 * sentence or in an earlier one. Without this, news reactions — the commonest answers in a dyad — lose their
 * target.
 */
import type { DiscourseHistory } from './coreference.js';
import type { PatternMatch } from './match-patterns.js';
import type { SentenceContext } from './sentence-context.js';

/** Roots whose object may be an act rather than an actor: disapproval (11) and rejection (12). */
const ANSWERING_ROOTS = new Set(['11', '12']);

const ACT_NOUNS = new Set([
  'launch',
  'test',
  'attack',
  'strike',
  'move',
  'decision',
  'remark',
  'comment',
  'statement',
  'threat',
  'provocation',
  'blast',
  'bombing',
  'shelling',
  'killing',
  'execution',
  'incursion',
  'invasion',
  'annexation',
  'raid',
  'detention',
  'arrest',
  'deployment',
  'drill',
  'exercise',
  'claim',
  'warning',
  'crackdown',
  'seizure',
  'occupation',
  'sanction',
  'announcement',
]);

/** Whether the matched verb's object is an act noun ("condemned the launch", "called the test reckless"). */
function objectIsAct(ctx: SentenceContext, match: PatternMatch): boolean {
  const { text } = ctx;
  const limit = Math.min(ctx.last, Math.max(match.end, match.head + 1) + 4);
  for (let j = match.head + 1; j <= limit; j++) {
    const pos = text.pos[j] as string;
    if (pos === 'DET' || pos === 'ADJ' || pos === 'ADV' || pos === 'NUM' || text.norm[j] === "'s") continue;
    // A compound's last noun is its head ("the missile launch").
    if (pos === 'NOUN' && text.pos[j + 1] === 'NOUN') continue;
    return pos === 'NOUN' && ACT_NOUNS.has(text.lemma[j] as string);
  }
  return false;
}

/**
 * The act's author for a criticism whose object is an act, or null. An agent named with "by" ("condemned the
 * launch by North Korea") is the caller's to keep; a victim after the act ("the attack on Israel") is not the
 * one criticised.
 */
export function authorOfCriticisedAct(
  ctx: SentenceContext,
  match: PatternMatch,
  sourceCountries: string[],
  history: DiscourseHistory,
  actedInSentence: string[],
): string | null {
  if (match.pattern.kind !== 'V' || !ANSWERING_ROOTS.has(match.pattern.code.slice(0, 2))) return null;
  if (!objectIsAct(ctx, match)) return null;
  // Whoever acted earlier in this sentence ("Beijing announced new drills near Taiwan, and … condemned the move").
  const acted = actedInSentence.findLast((code) => !sourceCountries.includes(code.slice(0, 3)));
  if (acted) return acted;
  for (let i = ctx.mentions.length - 1; i >= 0; i--) {
    const m = ctx.mentions[i];
    if (!m || m.start >= match.start || (m.kind !== 'actor' && m.kind !== 'person')) continue;
    if (!sourceCountries.includes(m.code.slice(0, 3))) return m.code;
  }
  return history.lastAgent(sourceCountries) ?? history.implicitAgent(sourceCountries);
}
