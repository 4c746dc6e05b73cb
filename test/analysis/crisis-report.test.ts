import { describe, expect, it } from 'vitest';
import { type CrisisReport, renderReportHtml, renderReportMarkdown } from '../../src/analysis/crisis-report.js';
import { formatCitedEvent, summariseDyad } from '../../src/analysis/dyad-summary.js';
import { analyseDyad } from '../../src/analysis/index.js';
import { rankDyads } from '../../src/analysis/rank.js';
import { makeEvent } from './helpers.js';

const events = [
  makeEvent({ date: '2018-04-03', goldstein: 3, doc: 'doc-a', evidence: 'Pompeo met Kim' }),
  makeEvent({
    date: '2018-05-16',
    goldstein: -7,
    doc: 'doc-b',
    source: 'PRKGOV',
    target: 'USAGOV',
    cameo: '138',
    cameo_name: 'Threaten to use military force',
    evidence: 'A "nuclear showdown" <script>alert(1)</script>',
    url: 'https://example.org/b?x=1&y=2',
  }),
  makeEvent({
    date: '2018-05-17',
    goldstein: -6,
    doc: 'doc-c',
    cameo: '125',
    cameo_name: 'Reject proposal to meet',
    evidence: 'Trump called off the summit',
  }),
  makeEvent({
    date: '2018-05-18',
    goldstein: -7,
    doc: 'doc-d',
    source: 'PRKGOV',
    target: 'USAGOV',
    cameo: '138',
    cameo_name: 'Threaten to use military force',
    evidence: 'Choe warned again',
    conditional: true,
  }),
];
const analysis = analyseDyad(events, { a: 'USA', b: 'PRK', from: '2018-03-01', to: '2018-05-31', resolution: 'week' });
const daily = analyseDyad(events, { a: 'USA', b: 'PRK', from: '2018-03-01', to: '2018-05-31', resolution: 'day' });
const ranking = rankDyads([daily.series], { since: '2018-05-01', until: '2018-05-31', minReports: 1 });
const report: CrisisReport = {
  title: 'Dyads in 2018-05',
  since: '2018-05-01',
  until: '2018-05-31',
  improved: [],
  deteriorated: ranking.deteriorated.map((change) => ({ change, analysis })),
  generated: '2018-06-01',
};

describe('text views of an analysis', () => {
  it('cites an event on one line with its flags and link', () => {
    const cited = analysis.movements[0]?.drivers.find((driver) => driver.doc === 'doc-c');
    expect(cited && formatCitedEvent(cited)).toBe(
      '2018-05-17 USAGOV→PRKGOV 125 Reject proposal to meet (-6.0): "Trump called off the summit" <doc-c>',
    );
    const conditional = analysis.series.reports.find((report) => report.event.doc === 'doc-d');
    expect(conditional?.score).toBeCloseTo(-7 * 0.4);
  });

  it('summarises state, movements, reciprocity and patterns', () => {
    const text = summariseDyad(analysis);
    expect(text).toMatch(/^State: escalation — rearward since 2018-05-16/);
    expect(text).toContain('▼ rearward 2018-05-16');
    expect(text).toMatch(/PRK answering USA's 2 moves: /);
  });
});

describe('crisis report', () => {
  it('renders Markdown with the deteriorated dyad, its movement and cited events', () => {
    const markdown = renderReportMarkdown(report, () => 'chart.svg');
    expect(markdown).toContain('## Deteriorated\n\n### USA–PRK');
    expect(markdown).toContain('![USA–PRK timeline](chart.svg)');
    expect(markdown).toContain('- rearward from 2018-05-16');
    expect(markdown).toContain('([source](https://example.org/b?x=1&y=2))');
    expect(markdown).toContain('&lt;script&gt;');
    expect(markdown).not.toContain('<script>');
    expect(markdown).toContain('(document `doc-c`)');
    expect(markdown).toContain('## Improved\n\nNone.');
    expect(renderReportMarkdown(report)).toContain('```\n');
  });

  it('renders one self-contained HTML page with escaped text and inline charts', () => {
    const html = renderReportHtml(report);
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('href="https://example.org/b?x=1&amp;y=2"');
    expect(html).not.toMatch(/<link |src="http/);
  });
});
