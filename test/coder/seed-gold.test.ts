// The seed commentary's gold (../shared/eval/dev/seed_gold.jsonl), coded line by line as the evaluation does:
// the four acts the issue names must be found, and most no-event sentences must stay empty.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedDir } from '../../src/package-root.js';
import { code } from './helpers.js';

const shared = sharedDir();
const goldPath = shared ? join(shared, 'eval', 'dev', 'seed_gold.jsonl') : '';
if (!shared || !existsSync(goldPath))
  console.warn('seed-gold tests skipped: ../shared/eval/dev/seed_gold.jsonl is absent');

interface GoldLine {
  id: string;
  date: string;
  text: string;
  events: Array<{ source: string; target: string }>;
}

describe.skipIf(!shared || !existsSync(goldPath))('seed commentary gold', () => {
  const gold: GoldLine[] = shared
    ? readFileSync(goldPath, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l))
    : [];
  const eventsOf = (text: string) => code(text, '2018-05-28');
  const find = (fragment: string) => gold.find((g) => g.text.includes(fragment)) as GoldLine;

  it('the 23 May threat: North Korea → USA and → South Korea, conditional', () => {
    const events = eventsOf(find('23rd of May').text);
    for (const target of ['USA', 'KOR']) {
      const threat = events.find((e) => e.source.startsWith('PRK') && e.target.startsWith(target) && e.root === '13');
      expect(threat, `PRK>${target} threat`).toBeDefined();
      expect(threat?.conditional).toBe(true);
      expect(threat?.date).toBe('2018-05-23');
    }
  });

  it("Moon's visit to the White House and Trump's cancellation of the summit", () => {
    const events = eventsOf(find('prompt visit').text);
    expect(events.some((e) => e.source === 'KORGOV' && e.target === 'USAGOV' && e.root === '04')).toBe(true);
    expect(events.some((e) => e.source === 'USAGOV' && e.target.startsWith('PRK') && e.plover === 'REJECT')).toBe(true);
  });

  it('the insult to Vice President Pence', () => {
    const events = eventsOf(find('insult to the Vice President Pence').text);
    expect(events.some((e) => e.source.startsWith('PRK') && e.target === 'USAGOV' && e.direction === 'rearward')).toBe(
      true,
    );
  });

  it('at least 80% of the no-event sentences stay empty', () => {
    const quiet = gold.filter((g) => g.events.length === 0);
    const empty = quiet.filter((g) => eventsOf(g.text).length === 0);
    expect(quiet.length).toBeGreaterThan(10);
    expect(empty.length / quiet.length).toBeGreaterThanOrEqual(0.8);
  });
});
