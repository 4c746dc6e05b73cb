import { describe, expect, it } from 'vitest';
import type { AnalysisEvent, DyadSpec } from '../../src/analysis/analysis-event.js';
import { addDays } from '../../src/analysis/periods.js';
import { analyseReciprocity, laggedCorrelation } from '../../src/analysis/reciprocity.js';
import { buildDyadSeries } from '../../src/analysis/series.js';
import { makeEvent, seededRandom } from './helpers.js';

const START = '2019-01-07';
const A_TO_B = { source: 'USAGOV', target: 'PRKGOV' };
const B_TO_A = { source: 'PRKGOV', target: 'USAGOV' };

function directed(events: AnalysisEvent[]) {
  const spec = (direction: DyadSpec['direction']): DyadSpec => ({ a: 'USA', b: 'PRK', direction });
  const range = { from: START, to: addDays(START, 52 * 7 - 1), resolution: 'week' as const };
  return [
    buildDyadSeries(events, { ...range, dyad: spec('a-b') }),
    buildDyadSeries(events, { ...range, dyad: spec('b-a') }),
  ] as const;
}

/** A's moves every other week, alternating cooperation and conflict at random (seeded). */
function moves(seed: number): AnalysisEvent[] {
  const random = seededRandom(seed);
  return Array.from({ length: 26 }, (_, index) =>
    makeEvent({
      ...A_TO_B,
      date: addDays(START, index * 14),
      goldstein: random() < 0.5 ? 4 : -5,
      evidence: `move ${index}`,
    }),
  );
}

describe('analyseReciprocity', () => {
  it('scores a tit-for-tat partner 1, with its answers one week behind', () => {
    const aMoves = moves(3);
    const answers = aMoves.map((move, index) =>
      makeEvent({ ...B_TO_A, date: addDays(move.date, 7), goldstein: move.goldstein, evidence: `answer ${index}` }),
    );
    const [ab, ba] = directed([...aMoves, ...answers]);
    const result = analyseReciprocity(ab, ba);
    expect(result.aToB.titForTat).toBe(1);
    expect(result.aToB.counts).toEqual({ reciprocated: 26, escalated: 0, 'de-escalated': 0, ignored: 0 });
    expect(result.aToB.moves[0]?.responses[0]?.evidence).toBe('answer 0');
    expect(result.strongestLag?.lag).toBe(1);
    expect(result.strongestLag?.r).toBeGreaterThan(0.9);
  });

  it('scores a partner who never answers 0, every move ignored', () => {
    const [ab, ba] = directed(moves(4));
    const result = analyseReciprocity(ab, ba);
    expect(result.aToB.titForTat).toBe(0);
    expect(result.aToB.counts.ignored).toBe(26);
    expect(result.bToA.titForTat).toBeNull();
    expect(result.strongestLag).toBeNull();
  });

  it('tells escalation from de-escalation and in-kind answers', () => {
    const events = [
      makeEvent({ ...A_TO_B, date: '2019-02-01', goldstein: -5, evidence: 'sanction' }),
      makeEvent({ ...B_TO_A, date: '2019-02-03', goldstein: -10, evidence: 'missile strike' }),
      makeEvent({ ...A_TO_B, date: '2019-04-01', goldstein: -5, evidence: 'threat' }),
      makeEvent({ ...B_TO_A, date: '2019-04-05', goldstein: 4, evidence: 'offer of talks' }),
      makeEvent({ ...A_TO_B, date: '2019-06-01', goldstein: 4, evidence: 'praise' }),
      makeEvent({ ...B_TO_A, date: '2019-06-20', goldstein: -4, evidence: 'too late to count' }),
      makeEvent({ ...A_TO_B, date: '2019-08-01', goldstein: -6, evidence: 'warning' }),
      makeEvent({ ...B_TO_A, date: '2019-08-02', goldstein: -7, evidence: 'counter-warning' }),
      makeEvent({ ...A_TO_B, date: '2019-10-01', goldstein: 0.5, evidence: 'too weak to be a move' }),
    ];
    const [ab, ba] = directed(events);
    const kinds = analyseReciprocity(ab, ba).aToB.moves.map((move) => move.kind);
    expect(kinds).toEqual(['escalated', 'de-escalated', 'ignored', 'reciprocated']);
  });

  it('computes lagged correlations over the overlapping points', () => {
    const x = [0, 1, 0, 2, 0, 3, 0, 1, 0];
    const y = [0, 0, 1, 0, 2, 0, 3, 0, 1];
    const byLag = new Map(laggedCorrelation(x, y, 2).map((entry) => [entry.lag, entry.r]));
    expect(byLag.get(1)).toBeCloseTo(1);
    expect(byLag.get(0)).toBeLessThan(0);
  });
});
