import { describe, expect, it } from 'vitest';
import {
  actorTypeName,
  cameoEvent,
  cameoEvents,
  countryName,
  isActorCode,
  isCameoCode,
  isCountryCode,
  knownGroupName,
  ploverDirection,
  ploverType,
  ploverTypes,
  quadClassName,
} from '../../src/ontology/index.js';

describe('CAMEO event codes', () => {
  it('has exactly 311 codes: 20 roots, the rest 3- and 4-digit', () => {
    expect(cameoEvents).toHaveLength(311);
    expect(cameoEvents.filter((e) => e.code.length === 2)).toHaveLength(20);
    expect(new Set(cameoEvents.map((e) => e.code)).size).toBe(311);
  });

  it('codes 134 as THREATEN, verbal conflict, rearward, with a negative Goldstein weight', () => {
    const e = cameoEvent('134');
    expect(e).toMatchObject({ code: '134', root: '13', quad: 3, plover: 'THREATEN', direction: 'rearward' });
    expect(e?.name).toBe('Threaten to halt negotiations');
    expect(e?.goldstein).toBe(-5.8);
  });

  it('codes 042 as CONSULT, verbal cooperation, forward', () => {
    expect(cameoEvent('042')).toMatchObject({ root: '04', quad: 1, plover: 'CONSULT', direction: 'forward' });
    expect(cameoEvent('042')?.goldstein).toBeGreaterThan(0);
  });

  it('codes 190 as ASSAULT, material conflict, Goldstein -10', () => {
    expect(cameoEvent('190')).toMatchObject({ quad: 4, plover: 'ASSAULT', direction: 'rearward', goldstein: -10 });
  });

  it('keeps PLOVER cross-root moves of the conversion table', () => {
    expect(cameoEvent('163')?.plover).toBe('COERCE');
    expect(cameoEvent('175')?.plover).toBe('ASSAULT');
    expect(cameoEvent('0813')?.plover).toBe('RETREAT');
    expect(cameoEvent('08')?.plover).toBe('CONCEDE');
  });

  it('gives statements the STATEMENT marker, appeals and demands REQUEST, all three neutral', () => {
    for (const e of cameoEvents.filter((x) => x.root === '01')) {
      expect(e).toMatchObject({ plover: 'STATEMENT', direction: 'neutral', quad: 1 });
    }
    for (const e of cameoEvents.filter((x) => x.root === '02')) {
      expect(e).toMatchObject({ plover: 'REQUEST', direction: 'neutral', quad: 1 });
    }
    for (const e of cameoEvents.filter((x) => x.root === '10')) {
      expect(e).toMatchObject({ plover: 'REQUEST', direction: 'neutral', quad: 3 });
    }
  });

  it('takes the direction from the PLOVER type: cooperation forward, conflict rearward', () => {
    const forward = new Set(['AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE', 'COOPERATE', 'AID', 'RETREAT']);
    for (const e of cameoEvents.filter((x) => x.plover !== 'REQUEST' && x.plover !== 'STATEMENT')) {
      expect(e.direction, e.code).toBe(forward.has(e.plover) ? 'forward' : 'rearward');
    }
    expect(cameoEvents.find((e) => e.code === '163')?.direction).toBe('rearward');
    expect(cameoEvents.find((e) => e.code === '036')?.direction).toBe('forward');
  });

  it('gives every code an existing root, a QuadClass matching the root and a direction', () => {
    const expectedQuad = (root: number) => (root <= 5 ? 1 : root <= 9 ? 2 : root <= 14 ? 3 : 4);
    for (const e of cameoEvents) {
      expect(e.code.startsWith(e.root)).toBe(true);
      expect(isCameoCode(e.root)).toBe(true);
      expect(e.quad).toBe(expectedQuad(Number(e.root)));
      expect(['forward', 'rearward', 'neutral']).toContain(e.direction);
      expect(e.goldstein).toBeGreaterThanOrEqual(-10);
      expect(e.goldstein).toBeLessThanOrEqual(10);
      if (e.code.length === 4) expect(isCameoCode(e.code.slice(0, 3))).toBe(true);
    }
  });

  it('gives every code outside root 01 one of the 16 PLOVER types', () => {
    const names = new Set(ploverTypes.map((p) => p.type));
    for (const e of cameoEvents.filter((x) => x.root !== '01')) expect(names.has(e.plover as never)).toBe(true);
  });

  it('returns frozen records and undefined for unknown codes', () => {
    expect(Object.isFrozen(cameoEvent('0311'))).toBe(true);
    expect(Object.isFrozen(cameoEvent('0311')?.ploverContexts)).toBe(true);
    expect(cameoEvent('21')).toBeUndefined();
    expect(cameoEvent('34')).toBeUndefined();
    expect(isCameoCode('1341')).toBe(false);
    expect(isCameoCode('')).toBe(false);
  });
});

describe('PLOVER types', () => {
  it('has the 16 types of the current manual, each defined and scored', () => {
    expect(ploverTypes).toHaveLength(16);
    for (const p of ploverTypes) {
      expect(p.definition.length).toBeGreaterThan(10);
      expect(Math.abs(p.score)).toBeLessThanOrEqual(10);
    }
    expect(ploverTypes.find((p) => p.type === 'ACCUSE')?.score).toBe(-3);
  });

  it('maps directions as the evaluation scorer does', () => {
    expect(ploverDirection('AGREE')).toBe('forward');
    expect(ploverDirection('RETREAT')).toBe('forward');
    expect(ploverDirection('REQUEST')).toBe('neutral');
    expect(ploverDirection('STATEMENT')).toBe('neutral');
    expect(ploverDirection('SANCTION')).toBe('rearward');
    expect(ploverDirection('FIGHT')).toBe('rearward');
    expect(ploverDirection('DANCE')).toBeUndefined();
  });

  it('maps the v0.5 names onto the current types', () => {
    expect(ploverType('demand')).toBe('REQUEST');
    expect(ploverType('DISAPPROVE')).toBe('ACCUSE');
    expect(ploverType('INVESTIGATE')).toBe('ACCUSE');
    expect(ploverType('consult')).toBe('CONSULT');
    expect(ploverType('STATEMENT')).toBeUndefined();
  });

  it('names the four QuadClasses', () => {
    expect(quadClassName(1)).toBe('verbal cooperation');
    expect(quadClassName(4)).toBe('material conflict');
  });
});

describe('actor codes', () => {
  it('accepts countries, countries with roles and international codes', () => {
    for (const code of ['USA', 'USAGOV', 'IGOUNO', 'PRKMIL', 'KORGOVMIL', 'NGOAMN', 'IGONAT', 'PSEREBHMS', '---GOV']) {
      expect(isActorCode(code), code).toBe(true);
    }
  });

  it('rejects short, over-long, ragged and unknown codes', () => {
    for (const code of ['', 'US', 'USAXYZQ', 'USAXYZ', 'XYZGOV', 'GOV', '---', 'usagov', 'USAGOVMILCOPJUD', 'USA---']) {
      expect(isActorCode(code), code).toBe(false);
    }
  });

  it('names countries, roles and groups', () => {
    expect(countryName('PRK')).toBe('North Korea');
    expect(countryName('KORGOV')).toBe('South Korea');
    expect(countryName('IGOUNO')).toBeUndefined();
    expect(isCountryCode('ROM')).toBe(true);
    expect(isCountryCode('ROU')).toBe(true);
    expect(actorTypeName('MIL')).toBe('Military');
    expect(knownGroupName('UNO')).toBe('United Nations');
    expect(knownGroupName('KID')).toContain("Children's");
  });
});
