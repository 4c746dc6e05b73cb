// wink kept a possessive whole before some punctuation ("Japan's," → "Japan's" + ",") while it splits it before
// a word ("Japan's ruling" → "Japan" + "'s" + "ruling"), so an actor in that position was lost (see
// src/nlp/possessive-split.ts).
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/nlp/analyse.js';
import { code, dyads } from '../coder/helpers.js';

/** Tokens as "value@start-end", after checking that each token's offsets point at its own characters. */
function tokens(text: string): string[] {
  const a = analyse(text);
  return a.value.map((value, i) => {
    const start = a.start[i] as number;
    const end = a.end[i] as number;
    expect(text.slice(start, end)).toBe(value);
    return `${value}@${start}-${end}`;
  });
}

describe('a possessive before punctuation is split as before a word', () => {
  const cases: Array<[text: string, expected: string[]]> = [
    ["Japan's,", ['Japan@0-5', "'s@5-7", ',@7-8']],
    ["China's.", ['China@0-5', "'s@5-7", '.@7-8']],
    ["Kim's)", ['Kim@0-3', "'s@3-5", ')@5-6']],
    ['Japan’s,', ['Japan@0-5', '’s@5-7', ',@7-8']],
    ["Oman's:", ['Oman@0-4', "'s@4-6", ':@6-7']],
    ["Chad's—and", ['Chad@0-4', "'s@4-6", '—@6-7', 'and@7-10']],
  ];
  for (const [text, expected] of cases) {
    it(JSON.stringify(text), () => {
      expect(tokens(text)).toEqual(expected);
    });
  }

  it('gives the same tokens and tags as before a word', () => {
    const before = analyse("Exports rose faster than Nigeria's, the bank said.");
    const word = analyse("Exports rose faster than Nigeria's exports, the bank said.");
    const at = before.value.indexOf("'s");
    expect(before.value.slice(at - 1, at + 1)).toEqual(['Nigeria', "'s"]);
    expect(before.pos.slice(at - 1, at + 1)).toEqual(word.pos.slice(at - 1, at + 1));
  });

  it('keeps offsets exact later in the text', () => {
    const text = 'Its deficit is smaller than Ghana’s, and Togo’s; Benin’s.\nMali said so.';
    const a = analyse(text);
    a.value.forEach((value, i) => {
      expect(text.slice(a.start[i], a.end[i])).toBe(value);
    });
    expect(a.value).toContain('Togo');
    expect(a.value).toContain('Benin');
  });

  it('ends a sentence after a possessive and a period', () => {
    const a = analyse("The airline will retire its two Boeing 727's. Its rival bought them.");
    expect(a.sentences).toHaveLength(2);
  });

  it('leaves contractions and plain apostrophes alone', () => {
    expect(analyse("It's, he said.").value.slice(0, 3)).toEqual(['It', "'s", ',']);
    expect(analyse("the Koreas', and").value).toEqual(['the', 'Koreas', "'", ',', 'and']);
    expect(analyse("O'Brien, Ma'sood.").value).toEqual(["O'Brien", ',', "Ma'sood", '.']);
  });
});

describe('an actor in a possessive before punctuation is coded', () => {
  it('as the target', () => {
    const text = "Seoul condemned Tokyo's, and later Beijing's, statements.";
    expect(dyads(text)).toContain('KOR>JPN:111');
  });

  it('as the source', () => {
    expect(dyads("Canada's, and later Mexico's, envoys condemned Washington.")).toContain('MEXGOV>USA:111');
  });

  it('with an evidence quote that is the text at its span', () => {
    const text = 'Vietnam’s, in a statement, accused China of ramming a fishing boat.';
    const events = code(text);
    expect(events.map((e) => `${e.source}>${e.target}:${e.cameo}`)).toContain('VNM>CHN:112');
    for (const e of events) expect(text.slice(e.span[0], e.span[1])).toBe(e.evidence);
  });
});
