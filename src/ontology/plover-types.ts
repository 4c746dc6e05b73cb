import type { Direction, PloverType, PloverTypeInfo } from './types.js';

/**
 * The 16 PLOVER event types with a one-line definition each (the project's own wording), the base score from the
 * PLOVER manual, its QuadClass and its direction. Two choices where the manual is inconsistent: ACCUSE's base score
 * is printed as +3 while all its modes are negative, so it is −3 here; SANCTION is material conflict (quad 4), as in
 * its own section of the manual. Directions follow eval/score.mjs PLOVER_DIRECTION: REQUEST is neutral.
 */
export const PLOVER_TYPE_TABLE: readonly PloverTypeInfo[] = [
  {
    type: 'AGREE',
    score: 2.5,
    quad: 1,
    direction: 'forward',
    definition: 'Offers, promises or commitments to cooperate later.',
  },
  {
    type: 'CONSULT',
    score: 2.5,
    quad: 1,
    direction: 'forward',
    definition: 'Meetings, visits, calls and negotiations.',
  },
  {
    type: 'SUPPORT',
    score: 5,
    quad: 1,
    direction: 'forward',
    definition: 'Verbal backing: praise, endorsement, recognition, signing.',
  },
  {
    type: 'CONCEDE',
    score: 4.5,
    quad: 1,
    direction: 'forward',
    definition: 'Announced concessions with no material effect yet (apology, pardon, easing to come).',
  },
  {
    type: 'COOPERATE',
    score: 9.5,
    quad: 2,
    direction: 'forward',
    definition: 'Mutual material exchange: trade, joint exercises, judicial or intelligence sharing.',
  },
  {
    type: 'AID',
    score: 10,
    quad: 2,
    direction: 'forward',
    definition: 'Material help that mainly benefits the recipient: money, arms, relief, asylum.',
  },
  {
    type: 'RETREAT',
    score: 6.5,
    quad: 2,
    direction: 'forward',
    definition: 'Concessions with immediate effect: release, withdrawal, disarming, ceasefire, access.',
  },
  {
    type: 'REQUEST',
    score: 0,
    quad: 3,
    direction: 'neutral',
    definition: 'Verbal requests, appeals, demands and orders addressed to someone.',
  },
  {
    type: 'ACCUSE',
    score: -3,
    quad: 3,
    direction: 'rearward',
    definition: 'Criticism, complaints, allegations, lawsuits and investigations.',
  },
  {
    type: 'REJECT',
    score: -2,
    quad: 3,
    direction: 'rearward',
    definition: 'Refusals and rejections, including calling off meetings.',
  },
  {
    type: 'THREATEN',
    score: -3.5,
    quad: 3,
    direction: 'rearward',
    definition: 'Warnings of serious consequences if the other side does not comply.',
  },
  {
    type: 'PROTEST',
    score: -5,
    quad: 4,
    direction: 'rearward',
    definition: 'Collective civilian dissent: demonstrations, riots, strikes, boycotts.',
  },
  {
    type: 'SANCTION',
    score: -6,
    quad: 4,
    direction: 'rearward',
    definition: 'Cutting existing ties: relations, aid, presence, membership; convictions.',
  },
  {
    type: 'MOBILIZE',
    score: -5.5,
    quad: 4,
    direction: 'rearward',
    definition: 'Moving or readying armed or police forces without using them.',
  },
  {
    type: 'COERCE',
    score: -7,
    quad: 4,
    direction: 'rearward',
    definition: 'Non-violent repression: arrests, deportations, curfews, censorship, seizures.',
  },
  {
    type: 'ASSAULT',
    score: -9,
    quad: 4,
    direction: 'rearward',
    definition: 'Deliberate force able to cause serious physical harm, up to mass violence.',
  },
];

/** Older PLOVER v0.5 type names that some gold sets still carry, mapped onto the current 16. */
export const PLOVER_LEGACY_TYPES: Readonly<Record<string, PloverType>> = {
  DEMAND: 'REQUEST',
  DISAPPROVE: 'ACCUSE',
  INVESTIGATE: 'ACCUSE',
  FIGHT: 'ASSAULT',
};

/** Direction of the STATEMENT marker that CAMEO 01 codes carry in place of a PLOVER type. */
export const STATEMENT_DIRECTION: Direction = 'neutral';
