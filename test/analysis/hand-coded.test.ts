/**
 * The analysis on a hand-coded reading of the demo corpus's US–North Korea reports (what a correct coder would
 * emit): the same five turns the demo-corpus test asks of the real coder, each within a week.
 *
 * Known gap (the two `it.fails` cases), with the burst scan (bursts.ts) at its default threshold, which keeps
 * false movements to 2 of 60 dense and 4 of 60 sparse random two-year series (movements.test.ts). It finds
 * the late-May dip (2018-05-24), the recovery (the turn back, 2018-05-25) and Hanoi (2019-02-28). It misses:
 * - "fire and fury": the Aug 7–11 2017 threats come ten days after the July 28–30 ICBM test and bombers, which
 *   the scan finds (rearward 2017-07-28) and which sit in the threats' baseline; measured against it, the
 *   August threats are a continuation (G 4.5 over 14 days, threshold 13), not a new burst;
 * - the thaw: Mar 8 2018 has two reports (7.2 of forward weight); the forward burst the scan finds is
 *   2017-08-15 and the next is the Apr–May 2018 run, whose first hot window starts 2018-04-18.
 * Lowering the threshold to 12 adds ~0.1 false movements per random sparse series and finds neither.
 * `it.fails` turns red the day these pass, so the markers cannot outlive the gap.
 */
import { describe, expect, it } from 'vitest';
import { analyseDyad, type Movement } from '../../src/analysis/index.js';
import { dayNumber } from '../../src/analysis/periods.js';
import { handCodedUsaPrk } from './fixtures/usa-prk-hand-coded.js';

const analysis = analyseDyad(handCodedUsaPrk(), {
  a: 'USA',
  b: 'PRK',
  from: '2017-01-01',
  to: '2019-12-31',
  movements: { method: 'burst' },
});

function nearest(label: Movement['label'], date: string): number {
  return Math.min(
    ...analysis.movements
      .filter((movement) => movement.label === label)
      .map((movement) => Math.abs(dayNumber(movement.start) - dayNumber(date))),
  );
}

const found = () => analysis.movements.map((movement) => `${movement.label} ${movement.start}`).join(', ');

describe('hand-coded demo corpus: USA–PRK 2017–2019', () => {
  it.each([
    ['the late-May 2018 dip (Trump calls off Singapore)', 'rearward', '2018-05-24'],
    ['the recovery (the summit is back on)', 'forward', '2018-06-01'],
    ['the Hanoi setback (summit ends without a deal)', 'rearward', '2019-02-28'],
  ] as const)('finds %s within a week', (_name, label, date) => {
    expect(nearest(label, date), found()).toBeLessThanOrEqual(7);
  });

  it.fails.each([
    ['the 2017 escalation ("fire and fury")', 'rearward', '2017-08-08'],
    ['the 2018 thaw (Trump accepts a meeting with Kim)', 'forward', '2018-03-09'],
  ] as const)('known gap: does not yet find %s within a week', (_name, label, date) => {
    expect(nearest(label, date), found()).toBeLessThanOrEqual(7);
  });

  it('finds the summit cycle of May 2018', () => {
    const cycle = analysis.patterns.find((pattern) => pattern.pattern === 'summit-cycle');
    expect(cycle?.events.map((event) => event.date)).toContain('2018-05-24');
  });
});
