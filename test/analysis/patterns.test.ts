import { describe, expect, it } from 'vitest';
import { dedupEvents } from '../../src/analysis/dedup.js';
import type { Movement } from '../../src/analysis/movements.js';
import {
  detectBrinkmanship,
  detectPatterns,
  detectRapprochement,
  detectSummitCycles,
  detectUltimatums,
} from '../../src/analysis/patterns.js';
import { makeEvent } from './helpers.js';

const PRK = { source: 'PRKGOV', target: 'USAGOV' };
const USA = { source: 'USAGOV', target: 'PRKGOV' };

describe('pattern detectors', () => {
  it('brinkmanship: a threat paired with a conditional offer by the same actor', () => {
    const reports = dedupEvents([
      makeEvent({
        ...PRK,
        date: '2018-05-16',
        cameo: '134',
        goldstein: -5.8,
        evidence: 'threatened to quit the summit',
      }),
      makeEvent({
        ...PRK,
        date: '2018-05-18',
        cameo: '036',
        goldstein: 4,
        conditional: true,
        evidence: 'would still meet if Washington dropped the Libya model',
      }),
      makeEvent({
        ...USA,
        date: '2018-05-17',
        cameo: '036',
        goldstein: 4,
        conditional: true,
        evidence: 'other side, not a pair',
      }),
      makeEvent({ ...PRK, date: '2018-09-01', cameo: '138', goldstein: -7, evidence: 'threat with no offer near it' }),
      makeEvent({ ...PRK, date: '2018-10-01', cameo: '138', goldstein: -7, evidence: 'threat' }),
      makeEvent({
        ...PRK,
        date: '2018-10-02',
        cameo: '036',
        goldstein: 4,
        evidence: 'unconditional offer: not brinkmanship',
      }),
    ]);
    const found = detectBrinkmanship(reports);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      pattern: 'brinkmanship',
      start: '2018-05-16',
      end: '2018-05-18',
      actor: 'PRKGOV',
    });
    expect(found[0]?.events.map((event) => event.cameo)).toEqual(['134', '036']);
  });

  it('ultimatum: CAMEO 139, or a conditional threat with a deadline', () => {
    const reports = dedupEvents([
      makeEvent({ ...USA, date: '2019-01-01', cameo: '139', goldstein: -7, evidence: 'gave an ultimatum' }),
      makeEvent({
        ...PRK,
        date: '2019-04-12',
        cameo: '130',
        goldstein: -4.4,
        conditional: true,
        evidence: 'will wait until the end of the year; change course by the end of the year or else',
      }),
      makeEvent({
        ...PRK,
        date: '2019-05-01',
        cameo: '130',
        goldstein: -4.4,
        conditional: true,
        evidence: 'will respond if provoked',
      }),
      makeEvent({
        ...PRK,
        date: '2019-06-01',
        cameo: '130',
        goldstein: -4.4,
        evidence: 'a deadline was mentioned, unconditionally',
      }),
    ]);
    expect(detectUltimatums(reports).map((found) => found.start)).toEqual(['2019-01-01', '2019-04-12']);
  });

  it('summit cycle: announced, threatened, cancelled, revived', () => {
    const reports = dedupEvents([
      makeEvent({
        ...USA,
        date: '2018-05-10',
        cameo: '036',
        goldstein: 4,
        modality: 'intended',
        evidence: 'will meet Kim in Singapore',
      }),
      makeEvent({
        ...PRK,
        date: '2018-05-16',
        cameo: '134',
        goldstein: -5.8,
        evidence: 'threatened to quit the summit',
      }),
      makeEvent({ ...USA, date: '2018-05-24', cameo: '125', goldstein: -5, evidence: 'called off the summit' }),
      makeEvent({ ...USA, date: '2018-06-01', cameo: '036', goldstein: 4, evidence: 'summit back on' }),
      makeEvent({ ...USA, date: '2018-06-12', cameo: '044', goldstein: 2.5, evidence: 'met in Singapore' }),
      makeEvent({
        ...USA,
        date: '2019-08-01',
        cameo: '125',
        goldstein: -5,
        evidence: 'cancellation without announcement',
      }),
    ]);
    const cycles = detectSummitCycles(reports);
    expect(cycles).toHaveLength(1);
    expect(cycles[0]).toMatchObject({ start: '2018-05-10', end: '2018-06-01', actor: 'USAGOV' });
    expect(cycles[0]?.events.map((event) => event.cameo)).toEqual(['036', '134', '125', '036']);
  });

  it('rapprochement: a rearward movement undone by a forward one', () => {
    const movement = (label: Movement['label'], start: string, size: number): Movement => ({
      label,
      start,
      end: start,
      from: 0,
      to: size,
      size,
      net: size,
      index: 0,
      drivers: [],
    });
    const found = detectRapprochement([
      movement('rearward', '2017-11-29', -6),
      movement('forward', '2017-12-13', 1),
      movement('forward', '2018-03-09', 5),
      movement('rearward', '2019-02-28', -4),
    ]);
    expect(found.map((detection) => [detection.start, detection.end])).toEqual([['2017-11-29', '2018-03-09']]);
    expect(detectPatterns([], [movement('rearward', '2019-02-28', -4)])).toEqual([]);
  });
});
