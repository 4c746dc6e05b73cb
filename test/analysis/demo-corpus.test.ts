/**
 * The analysis on the demo corpus, coded by the real coder (no store): it must find the turns of US–North Korea
 * relations in 2017–2019 that every account of them names, each dated within a week of the real date.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisEvent } from '../../src/analysis/analysis-event.js';
import { analyseDyad, type DyadAnalysis, type Movement } from '../../src/analysis/index.js';
import { dayNumber } from '../../src/analysis/periods.js';
import { createCoder } from '../../src/coder/index.js';
import { packageRoot } from '../../src/package-root.js';
import { seededRandom } from './helpers.js';

interface DemoReport {
  id: string;
  date: string;
  title: string;
  source: string;
  url: string;
  text: string;
}

let analysis: DyadAnalysis;
const events: AnalysisEvent[] = [];

beforeAll(async () => {
  const coder = await createCoder();
  const lines = readFileSync(join(packageRoot(), 'demo', 'corpus.jsonl'), 'utf8')
    .trim()
    .split('\n');
  for (const line of lines) {
    const report = JSON.parse(line) as DemoReport;
    const coded = coder.codeDocument({ id: report.id, date: report.date, text: report.text, title: report.title });
    for (const event of coded.events) events.push({ ...event, publisher: report.source, url: report.url });
  }
  analysis = analyseDyad(events, { a: 'USA', b: 'PRK', from: '2017-01-01', to: '2019-12-31', resolution: 'week' });
});

/**
 * The movement of this direction whose start is nearest the turn, and how many days off it is: 0 when it starts
 * on a day of the turn (`from`…`to`, the days the demo corpus's README gives for it), else the days to the nearer
 * end. A movement is dated by its start, not by the span it covers: a forward stretch that runs for a year
 * does not "find" every forward turn inside it.
 */
function nearest(label: Movement['label'], from: string, to: string): { movement: Movement | undefined; days: number } {
  return nearestIn(analysis.movements, label, from, to);
}

function nearestIn(
  movements: readonly Movement[],
  label: Movement['label'],
  from: string,
  to: string,
): { movement: Movement | undefined; days: number } {
  let best: Movement | undefined;
  let days = Number.POSITIVE_INFINITY;
  for (const movement of movements) {
    const start = dayNumber(movement.start);
    const distance = Math.max(0, dayNumber(from) - start, start - dayNumber(to));
    if (movement.label === label && distance < days) {
      best = movement;
      days = distance;
    }
  }
  return { movement: best, days };
}

function found(): string {
  return (
    analysis.movements.map((movement) => `${movement.label} ${movement.start}..${movement.end}`).join(', ') ||
    'no movements'
  );
}

describe('demo corpus: USA–PRK 2017–2019', () => {
  /*
   * Movements by the default method for event series: the balance of news days (balance.ts, penalty 2 ln m),
   * each segment refined with its own penalty, a permutation-tested burst scan, and the intensity scan for
   * one-sided surges inside a segment (intensity.ts). Found with the real coder (session 3): rearward
   * 2017-08-07..08-15 (the escalation: "fire and fury", the Guam plans — the series opens hostile, so only the
   * intensity scan sees it), forward 2018-02-25..05-13 (the thaw: the North Korean general's offer of talks at the
   * Olympics' close, then Trump's acceptance), rearward 2018-05-16..05-24 (the dip), forward 2018-05-25..
   * 2019-02-27 (the recovery), rearward 2019-02-28..05-09 (Hanoi) and forward 2019-06-11.. (the DMZ meeting).
   * With a seeded 10% of the events dropped (20 runs) Hanoi is found in 19, the thaw in 17, the dip and the
   * recovery in 14 each, the 2017 escalation in 11: it rests on a week of reports (the robustness test below
   * asserts the thaw and Hanoi).
   * The demo corpus's report texts the coder misses are listed in docs/analysis.md.
   */
  const check = (label: Movement['label'], from: string, to: string) => {
    const { movement, days } = nearest(label, from, to);
    expect(
      days,
      `nearest ${label} movement to ${from}..${to}: ${movement?.start ?? 'none'}; found: ${found()}`,
    ).toBeLessThanOrEqual(7);
    expect(movement?.drivers.length).toBeGreaterThan(0);
    expect(movement?.drivers[0]?.evidence).not.toBe('');
  };

  it.each([
    ['the 2017 escalation ("fire and fury", the Guam plans)', 'rearward', '2017-08-08', '2017-08-10'],
    ['the 2018 thaw (Olympics to Trump accepting a meeting with Kim)', 'forward', '2018-02-09', '2018-03-09'],
    ['the late-May 2018 dip (threats, then Trump calls off Singapore)', 'rearward', '2018-05-16', '2018-05-24'],
    ['the recovery (the summit is back on)', 'forward', '2018-05-25', '2018-06-01'],
    ['the Hanoi setback (summit ends without a deal)', 'rearward', '2019-02-28', '2019-02-28'],
  ] as const)('finds %s within a week', (_name, label, from, to) => check(label, from, to));

  it('finds the thaw and Hanoi in most of 20 runs with 10% of the coded events dropped', () => {
    // Seeded, deterministic: each run drops a different 10% of the events. "Most" = more than half. Measured
    // (coder of main at 67350da): Hanoi 15 of 20 and the thaw 15 of 20 (earlier coders: 17 and 11-12); coder at
    // ba744d9, with or without the intensity scan: Hanoi 14, the thaw 12 (dip and recovery 8 each); session 3's
    // coder: Hanoi 19, the thaw 17, the dip and the recovery 14 each, the 2017 escalation 11.
    const hits = { thaw: 0, hanoi: 0 };
    for (let seed = 1; seed <= 20; seed++) {
      const random = seededRandom(seed * 7919 + 1);
      const kept = events.filter(() => random() >= 0.1);
      const run = analyseDyad(kept, { a: 'USA', b: 'PRK', from: '2017-01-01', to: '2019-12-31' });
      if (nearestIn(run.movements, 'forward', '2018-02-09', '2018-03-09').days <= 7) hits.thaw++;
      if (nearestIn(run.movements, 'rearward', '2019-02-28', '2019-02-28').days <= 7) hits.hanoi++;
    }
    expect(hits.hanoi, JSON.stringify(hits)).toBeGreaterThanOrEqual(11);
    expect(hits.thaw, JSON.stringify(hits)).toBeGreaterThanOrEqual(11);
  });

  it('cites events with their evidence and links', () => {
    const cited = analysis.movements.flatMap((movement) => movement.drivers);
    expect(cited.length).toBeGreaterThan(0);
    for (const event of cited) expect(event.url).toMatch(/^https:\/\/example\.org\//);
  });
});
