// One or more real-style sentences per CAMEO root, written by the team (not from any gold set).
import { describe, expect, it } from 'vitest';
import { code, hasEvent } from './helpers.js';

const cases: Array<[root: string, text: string, src: string, tgt: string]> = [
  ['01', 'The Iranian foreign ministry declined to comment on reports about Saudi Arabia.', 'IRN', ''],
  ['02', 'Japan urged North Korea to return to the negotiating table.', 'JPN', 'PRK'],
  ['03', 'China pledged to provide economic assistance to Pakistan.', 'CHN', 'PAK'],
  ['04', 'Secretary of State Mike Pompeo met Kim Yong-chol in New York on Thursday.', 'USA', 'PRK'],
  ['04', 'President Moon Jae-in visited Washington last week.', 'KOR', 'USA'],
  ['05', 'Germany praised France for its handling of the crisis.', 'DEU', 'FRA'],
  ['06', 'India and Japan held joint naval exercises in the Bay of Bengal.', 'IND', 'JPN'],
  ['07', 'The United States sent humanitarian aid to Venezuela.', 'USA', 'VEN'],
  ['08', 'North Korea released three American detainees.', 'PRK', 'USA'],
  ['09', 'The International Criminal Court launched an investigation into Myanmar.', 'IGO', 'MMR'],
  ['10', 'Ukraine demanded that Russia withdraw its troops from Crimea.', 'UKR', 'RUS'],
  ['11', 'China condemned the United States for its arms sales to Taiwan.', 'CHN', 'USA'],
  ['12', 'Pakistan rejected India’s proposal for bilateral talks.', 'PAK', 'IND'],
  ['13', 'North Korea threatened to attack Guam.', 'PRK', ''],
  ['14', 'Thousands of protesters demonstrated against the government of Thailand in Bangkok.', 'THA', 'THA'],
  ['15', 'Russia massed troops on the border with Ukraine.', 'RUS', 'UKR'],
  ['16', 'Pakistan expelled the Indian ambassador.', 'PAK', 'IND'],
  ['17', 'Iranian forces seized a British tanker in the Strait of Hormuz.', 'IRN', 'GBR'],
  ['18', 'Militants kidnapped two Nigerian aid workers in Borno.', '', 'NGA'],
  ['19', 'Russian forces shelled Ukrainian positions near Donetsk.', 'RUS', 'UKR'],
  ['20', 'Syrian government forces used chemical weapons against civilians in Douma.', 'SYR', 'SYR'],
];

describe('one sentence per CAMEO root', () => {
  for (const [root, text, src, tgt] of cases) {
    it(`root ${root}: ${text}`, () => {
      const events = code(text);
      const match = events.find(
        (e) => e.root === root && e.source.startsWith(src) && (tgt === '' || e.target.startsWith(tgt)),
      );
      expect(match, JSON.stringify(events.map((e) => `${e.source}>${e.target}:${e.cameo}`))).toBeDefined();
    });
  }
});

describe('no-event sentences stay empty', () => {
  const quiet = [
    'South Korea beat Germany 2-0 at the World Cup in Kazan.',
    'Analysts believe that Russia could invade Ukraine within weeks.',
    'The weather in Seoul was mild on Tuesday.',
    'It is hardly imaginable that North Korea would give up its weapons.',
    'Oil prices rose two percent on Monday.',
  ];
  for (const text of quiet) it(text, () => expect(code(text)).toEqual([]));
});

describe('source and target structure', () => {
  it('passive voice: the agent after "by" is the source', () => {
    expect(hasEvent('North Korea was condemned by the United Nations Security Council.', 'IGO', 'PRK', '11')).toBe(
      true,
    );
  });
  it('compound targets give one event per target', () => {
    const events = code('North Korea warned the United States and South Korea against the drills.');
    expect(
      events
        .filter((e) => e.source === 'PRK')
        .map((e) => e.target)
        .sort(),
    ).toEqual(['KOR', 'USA']);
  });
  it('a mutual act with two sources and no target is coded both ways', () => {
    const events = code('The United States and China held talks in Geneva.');
    const pairs = events.filter((e) => e.root === '04').map((e) => `${e.source.slice(0, 3)}>${e.target.slice(0, 3)}`);
    expect(pairs).toEqual(expect.arrayContaining(['USA>CHN', 'CHN>USA']));
  });
  it('metonyms: Pyongyang, the White House, the Kremlin', () => {
    expect(hasEvent('Pyongyang criticised Seoul over the leaflets.', 'PRK', 'KOR', '11')).toBe(true);
    expect(hasEvent('The White House condemned the Kremlin.', 'USAGOV', 'RUSGOV', '11')).toBe(true);
  });
  it('misspellings seen in real text resolve (Pyeongyang)', () => {
    expect(hasEvent('Pyeongyang threatened Washington with a nuclear strike.', 'PRK', 'USA', '13')).toBe(true);
  });
  it('"A said B attacked" is also A accusing B', () => {
    const events = code('Ukraine said that Russian forces had shelled a hospital in Kharkiv.', '2022-03-10');
    expect(events.some((e) => e.source.startsWith('UKR') && e.target.startsWith('RUS') && e.cameo === '112')).toBe(
      true,
    );
    expect(events.some((e) => e.source.startsWith('RUS') && e.root === '19')).toBe(true);
  });
  it('an attribution after the report is not an accusation', () => {
    const events = code('Israeli jets struck targets in Gaza, Palestinian officials said.', '2014-07-10');
    expect(events.some((e) => e.cameo === '112')).toBe(false);
  });
  it('"A said B must …" is A demanding of B, and what B must do is not asserted', () => {
    const events = code('Britain said that Iran must release the seized tanker.', '2019-07-20');
    expect(events.some((e) => e.source.startsWith('GBR') && e.target.startsWith('IRN') && e.root === '10')).toBe(true);
    expect(events.filter((e) => e.source.startsWith('IRN')).every((e) => e.modality !== 'asserted')).toBe(true);
  });
  it('role words attach to a country', () => {
    const [event] = code('North Korean troops fired artillery at South Korean soldiers.');
    expect(event?.source).toBe('PRKMIL');
    expect(event?.target).toBe('KORMIL');
  });
});

describe('people resolve to their role on the document date', () => {
  it('Trump is USAGOV in 2018', () => {
    expect(code('Donald Trump criticised China over trade.', '2018-06-01')[0]?.source).toBe('USAGOV');
  });
  it('Trump is not USAGOV in 2015', () => {
    expect(code('Donald Trump criticised China over trade.', '2015-06-01')[0]?.source).not.toBe('USAGOV');
  });
  it('Moon Jae-in is KORGOV in 2018 and titles are absorbed', () => {
    expect(code('President Moon praised Kim Jong-un for his courage.', '2018-04-28')[0]).toMatchObject({
      source: 'KORGOV',
      target: 'PRKGOV',
    });
  });
  it('Vice President Pence is USAGOV in 2018', () => {
    expect(hasEvent('Vice President Pence warned North Korea.', 'USAGOV', 'PRK', '13', '2018-05-21')).toBe(true);
  });
});

describe('co-reference', () => {
  it('a pronoun subject takes the actor of an earlier sentence', () => {
    const events = code(
      'Iran’s foreign minister arrived in Moscow on Monday. He met Vladimir Putin at the Kremlin.',
      '2019-01-10',
    );
    expect(events.some((e) => e.source.startsWith('IRN') && e.target.startsWith('RUS') && e.root === '04')).toBe(true);
  });
  it('"the two leaders" refers to the last two people', () => {
    const events = code(
      'Donald Trump arrived in Singapore, as did Kim Jong-un. The two leaders shook hands and held talks.',
      '2018-06-12',
    );
    const pairs = events.filter((e) => e.root === '04').map((e) => `${e.source}>${e.target}`);
    expect(pairs).toEqual(expect.arrayContaining(['USAGOV>PRKGOV', 'PRKGOV>USAGOV']));
  });
});
