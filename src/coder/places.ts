/**
 * Actors named as places: "in Hanoi", "near the town of Samarra", "rebels in Goma". A place can be where an act
 * happened (a venue, or the country of an agentless bombing) rather than a party to it.
 */
import { PLACE_NOUNS } from './match-patterns.js';
import type { Mention } from './mentions.js';
import type { SentenceContext } from './sentence-context.js';

/** Prepositions that put an actor's name in the role of a place ("in Hanoi", "near Samarra"). */
const LOCATIVES: ReadonlySet<string> = new Set(['in', 'at', 'near', 'outside']);

/** Whether the phrase at `start` is a place after a locative: "near Samarra", "in the northern city of Kirkuk". */
export function isLocative(ctx: SentenceContext, start: number): boolean {
  const { norm, pos } = ctx.text;
  let j = start - 1;
  if (norm[j] === 'of' && PLACE_NOUNS.has(norm[j - 1] as string)) j -= 2;
  while (j > ctx.first && /^(DET|ADJ)$/.test(pos[j] as string)) j--;
  return LOCATIVES.has(norm[j] as string);
}

/** An actor mention standing as a place ("in Hanoi", "at the White House"). */
export function isVenue(ctx: SentenceContext, m: Mention): boolean {
  return m.kind === 'actor' && isLocative(ctx, m.start);
}

/**
 * The first place the sentence locates its act in: an actor after "in", "at", "near" or "outside", perhaps
 * behind a description ("near the town of Samarra", "in the northern city of Kirkuk").
 */
export function placeMention(ctx: SentenceContext): Mention | null {
  const { text } = ctx;
  for (let i = ctx.first; i < ctx.last; i++) {
    if (!LOCATIVES.has(text.norm[i] as string)) continue;
    for (let j = i + 1; j <= ctx.last && j <= i + 6; j++) {
      const m = ctx.mentionAt.get(j);
      // An actor that modifies a noun ("in Israeli tank shelling") is not the place.
      if (m && (m.kind === 'actor' || m.kind === 'person'))
        return m.kind === 'actor' && !/^(NOUN|PROPN)$/.test(text.pos[m.end] ?? '') ? m : null;
      if (!/^(DET|ADJ|NOUN|ADP)$/.test(text.pos[j] as string)) break;
    }
  }
  return null;
}

/** The place a bare role is of or in: "rebels in Goma", "police in Kirkuk", "the army of Pakistan". */
export function placeAfterRole(ctx: SentenceContext, role: Mention): Mention | null {
  const { text } = ctx;
  if (!ROLE_PLACE_WORDS.has(text.norm[role.end] as string)) return null;
  const at = text.norm[role.end + 1] === 'the' ? role.end + 2 : role.end + 1;
  const place = ctx.mentionAt.get(at);
  return place && place.kind === 'actor' ? place : null;
}

const ROLE_PLACE_WORDS = new Set(['in', 'of', 'from']);
