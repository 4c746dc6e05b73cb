import type { AnalysisEvent } from '../../src/analysis/analysis-event.js';
import { addDays } from '../../src/analysis/periods.js';
import { seededRandom } from '../../src/analysis/seeded-random.js';

export { seededRandom };

/** Standard normal draws from a seeded uniform source (Box–Muller). */
export function seededNormal(seed: number): () => number {
  const uniform = seededRandom(seed);
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

let counter = 0;

/** A minimal event with sensible defaults; override what the test is about. */
export function makeEvent(overrides: Partial<AnalysisEvent> & Pick<AnalysisEvent, 'date'>): AnalysisEvent {
  counter++;
  const goldstein = overrides.goldstein ?? 4;
  const quad = overrides.quad ?? (goldstein >= 0 ? 1 : 3);
  return {
    doc: `doc-${counter}`,
    source: 'USAGOV',
    target: 'PRKGOV',
    cameo: goldstein >= 0 ? '036' : '130',
    quad,
    goldstein,
    direction: goldstein > 0 ? 'forward' : goldstein < 0 ? 'rearward' : 'neutral',
    negated: false,
    conditional: false,
    modality: 'asserted',
    evidence: `event number ${counter}`,
    ...overrides,
  };
}

/** The first day of the simulated USA–PRK series. */
export const SIMULATION_START = '2017-01-02';

/**
 * Random USA–PRK events day by day from `SIMULATION_START`: three chances a day of a report; `regime(day)` gives
 * the chance of each and the chance it is cooperative.
 */
export function simulateDyad(days: number, seed: number, regime: (day: number) => [number, number]): AnalysisEvent[] {
  const random = seededRandom(seed);
  const events: AnalysisEvent[] = [];
  for (let day = 0; day < days; day++) {
    const [rate, cooperative] = regime(day);
    for (let k = 0; k < 3; k++) {
      if (random() >= rate) continue;
      const friendly = random() < cooperative;
      const goldstein = friendly ? 2 + 6 * random() : -(2 + 6 * random());
      const outbound = random() < 0.5;
      events.push(
        makeEvent({
          date: addDays(SIMULATION_START, day),
          goldstein,
          source: outbound ? 'USAGOV' : 'PRKGOV',
          target: outbound ? 'PRKGOV' : 'USAGOV',
          evidence: `simulated ${seed} ${day} ${k}`,
        }),
      );
    }
  }
  return events;
}
