/**
 * How much an event counts in the dyad series, by how it was asserted. A conditional threat is not a strike,
 * and "officials said" is not the act itself: the series multiplies each event's Goldstein weight by
 *
 *   weight = modality[event.modality] × (event.conditional ? conditional : 1) × (event.negated ? negated : 1)
 *
 * Defaults, and why:
 * - `asserted` 1: the act happened and is stated as such.
 * - `reported` 0.8: the act is attributed ("officials said", "KCNA reported"); usually true, but second-hand.
 * - `intended` 0.5: announced or future ("will visit", "plans to impose"): the signal is real and moves a dyad
 *   on the day it is made, but half of it is still only words that may not be carried out.
 * - `hypothetical` 0.25: "could", "might", "is considering": direction without commitment.
 * - `conditional` × 0.4: "unless…", "if…": leverage, not an act. A conditional threat counts 40% of the threat,
 *   enough that a run of them shows as rearward movement, too little for one of them to read as an attack.
 * - `negated` × 0: "did not condemn" is the absence of an act, not its opposite; it is counted in the share of
 *   negated events but moves the level neither way.
 *
 * The weights are data: `parseModalityWeights` validates a user's table (e.g. from `--weights file.json`) and
 * fills anything it leaves out with these defaults.
 */
import { z } from 'zod';
import type { AnalysisEvent } from './analysis-event.js';

export interface ModalityWeights {
  asserted: number;
  reported: number;
  intended: number;
  hypothetical: number;
  /** Multiplier for conditional events (on top of their modality weight). */
  conditional: number;
  /** Multiplier for negated events (on top of their modality weight). */
  negated: number;
}

export const DEFAULT_MODALITY_WEIGHTS: Readonly<ModalityWeights> = Object.freeze({
  asserted: 1,
  reported: 0.8,
  intended: 0.5,
  hypothetical: 0.25,
  conditional: 0.4,
  negated: 0,
});

const weight = z.number().min(0).max(1);
const modalityWeightsSchema = z
  .object({
    asserted: weight,
    reported: weight,
    intended: weight,
    hypothetical: weight,
    conditional: weight,
    negated: weight,
  })
  .partial()
  .strict();

/**
 * Validates a (partial) weight table and completes it with the defaults; throws an error naming the bad key.
 * `parseModalityWeights({ reported: 1 })` → defaults with `reported` 1.
 */
export function parseModalityWeights(input: unknown): ModalityWeights {
  const result = modalityWeightsSchema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.join('.') || 'weights';
    throw new Error(`modality weights: ${where}: ${issue?.message ?? 'invalid'} (each weight is a number from 0 to 1)`);
  }
  return { ...DEFAULT_MODALITY_WEIGHTS, ...result.data };
}

/** The multiplier an event's Goldstein weight gets in the series (0 … 1). */
export function modalityWeight(
  event: Pick<AnalysisEvent, 'modality' | 'conditional' | 'negated'>,
  weights: ModalityWeights = DEFAULT_MODALITY_WEIGHTS,
): number {
  let result = weights[event.modality] ?? 1;
  if (event.conditional) result *= weights.conditional;
  if (event.negated) result *= weights.negated;
  return result;
}
