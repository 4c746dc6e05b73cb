// wink-nlp remembers every written form it has tokenised and, unpatched, stops splitting a remembered form:
// after "…that of Japan's, and…" it kept "Japan's prime minister" as one token "Japan's" (see
// src/nlp/stateless-tokenizer.ts). Each case uses words no other case uses, as the tests share one process.
import { describe, expect, it } from 'vitest';
import { createCoder } from '../../src/coder/index.js';
import { analyse } from '../../src/nlp/analyse.js';

const coder = await createCoder();

function tokens(text: string) {
  const { value, ids, pos, lemma, sentences } = analyse(text);
  return { value, ids, pos, lemma, sentences };
}

function events(text: string): string[] {
  return coder
    .codeDocument({ id: 'test', date: '2018-05-28', text })
    .events.map((e) => `${e.source}>${e.target}:${e.cameo}`);
}

describe('a text is tokenised the same whatever was read before it', () => {
  const cases: Array<[what: string, text: string, before: string]> = [
    [
      "a possessive that once ended a chunk ('Kenya's,')",
      'Kenya’s president thanked Tanzania for its help after the floods.',
      'The harvest was better than Kenya’s, officials said.',
    ],
    [
      "a possessive after '<' ('Corp's>')",
      "Talks on the sale of Zenith Corp's ship unit ended on Monday.",
      "The unit was sold to a group led by <Zenith Corp's> for 40 mln dlrs.",
    ],
    [
      'an abbreviation before two periods, once met without its last period',
      'The new theatre is in Camden, N.J..',
      'A drug maker of Newark, N.J, will sell the tablets.',
    ],
    [
      'a hyphenated age, once met glued to a period',
      'Police found a 7-month-old girl unharmed near the border.',
      'She told her.7-month-old daughter nothing.',
    ],
  ];

  for (const [what, text, before] of cases) {
    it(what, () => {
      const first = tokens(text);
      analyse(before);
      expect(tokens(text)).toEqual(first);
    });
  }

  it('codes the same events before and after other texts', () => {
    const text = "Japan's prime minister criticised China on Tuesday.";
    const first = events(text);
    expect(first).toContain('JPNGOV>CHN:111');
    events("Its trade surplus is much larger than that of Japan's, and it holds huge reserves.");
    expect(events(text)).toEqual(first);
  });

  it('splits a possessive the same way later in the same document', () => {
    const later = "Peru's finance minister resigned.";
    const alone = analyse(later).value;
    const document = analyse(`Exports grew faster than Peru's, the bank said. ${later}`).value;
    expect(document.slice(-alone.length)).toEqual(alone);
  });
});
