/**
 * The analysis on a hand-coded reading of the demo corpus's US–North Korea reports (what a correct coder would
 * emit): the same five turns the demo-corpus test asks of the real coder, each within a week.
 *
 * Known gap (the three `it.fails` cases): with the default penalty the detector is tuned for specificity — on 40
 * random flat series as sparse as this corpus (~0.1 reports a day) it reports 5 movements in all, on dense ones
 * none — and on this sparse hand-coded history it finds only the September 2017 peak, the late-May dip and
 * the recovery. A lower penalty (`penaltyScale` 0.75) also finds Hanoi, but reports ~1 false movement per
 * random sparse series. `it.fails` turns red the day these pass, so the markers cannot outlive the gap.
 */
import { describe, expect, it } from 'vitest';
import { analyseDyad, type Movement } from '../../src/analysis/index.js';
import { dayNumber } from '../../src/analysis/periods.js';
import { handCodedUsaPrk } from './fixtures/usa-prk-hand-coded.js';

const analysis = analyseDyad(handCodedUsaPrk(), { a: 'USA', b: 'PRK', from: '2017-01-01', to: '2019-12-31' });

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
  ] as const)('finds %s within a week', (_name, label, date) => {
    expect(nearest(label, date), found()).toBeLessThanOrEqual(7);
  });

  it.fails.each([
    ['the 2017 escalation ("fire and fury")', 'rearward', '2017-08-08'],
    ['the 2018 thaw (Trump accepts a meeting with Kim)', 'forward', '2018-03-09'],
    ['the Hanoi setback (summit ends without a deal)', 'rearward', '2019-02-28'],
  ] as const)('known gap: does not yet find %s within a week', (_name, label, date) => {
    expect(nearest(label, date), found()).toBeLessThanOrEqual(7);
  });

  it('finds the summit cycle of May 2018', () => {
    const cycle = analysis.patterns.find((pattern) => pattern.pattern === 'summit-cycle');
    expect(cycle?.events.map((event) => event.date)).toContain('2018-05-24');
  });
});
