import type { AnalysisEvent } from '../../src/analysis/analysis-event.js';
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
