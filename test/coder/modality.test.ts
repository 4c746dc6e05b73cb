import { describe, expect, it } from 'vitest';
import { code } from './helpers.js';

const first = (text: string, root?: string) => code(text).find((e) => !root || e.root === root);

describe('modality', () => {
  it('negation: did not threaten', () => {
    expect(first('Russia did not threaten Ukraine with new strikes.', '13')?.negated).toBe(true);
  });
  it('negation: refused to meet', () => {
    expect(first('Iran refused to meet the United States in Vienna.', '04')?.negated ?? true).toBe(true);
  });
  it('conditional: unless', () => {
    expect(first('North Korea threatened to cancel the talks unless South Korea halts the drills.')?.conditional).toBe(
      true,
    );
  });
  it('intended: "will visit" is an intent to meet (036), as PLOVER codes future cooperation', () => {
    expect(first('President Xi will visit Russia next month.', '03')).toMatchObject({
      cameo: '036',
      modality: 'intended',
    });
  });
  it('intended: "will strike" is a threat, not a strike', () => {
    expect(first('North Korea said it will strike Guam.')?.root).toBe('13');
  });
  it('hypothetical: might impose sanctions', () => {
    expect(first('The European Union might impose sanctions on Belarus.')?.modality).toBe('hypothetical');
  });
  it('reported: officials said', () => {
    expect(first('Israeli jets struck targets in Gaza, Palestinian officials said.')?.modality).toBe('reported');
  });
  it('asserted: a plain past act', () => {
    expect(first('Turkey shelled Kurdish positions in Syria.')).toMatchObject({
      negated: false,
      conditional: false,
      modality: 'asserted',
    });
  });
});

describe('dates', () => {
  it('"On 23rd of May" in a 2018 text is 2018-05-23', () => {
    expect(first('On 23rd of May, North Korea threatened to walk away from the summit.')?.date).toBe('2018-05-23');
  });
  it('"on Saturday" resolves to the Saturday before the document date', () => {
    expect(code('Russia attacked Ukraine on Saturday.', '2022-03-01')[0]?.date).toBe('2022-02-26');
  });
  it('without a date expression the document date is used', () => {
    expect(code('China criticised Japan.', '2019-07-04')[0]?.date).toBe('2019-07-04');
  });
});
