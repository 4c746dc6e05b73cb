import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderSvgChart } from '../../src/analysis/chart-svg.js';
import { renderTerminalChart } from '../../src/analysis/chart-terminal.js';
import { analyseDyad } from '../../src/analysis/index.js';
import { makeEvent } from './helpers.js';

// A small fixed history: friendly talks, a burst of threats, a cancellation, then talks and an agreement.
const events = [
  makeEvent({
    date: '2018-04-02',
    goldstein: 1,
    cameo: '040',
    cameo_name: 'Consult',
    doc: 'd1',
    evidence: 'Envoys met in Panmunjom',
  }),
  makeEvent({
    date: '2018-04-18',
    goldstein: 4,
    cameo: '036',
    cameo_name: 'Express intent to meet or negotiate',
    doc: 'd10',
    evidence: 'Trump said he would meet Kim',
  }),
  makeEvent({
    date: '2018-04-27',
    goldstein: 3.4,
    cameo: '051',
    cameo_name: 'Praise or endorse',
    doc: 'd11',
    evidence: 'Trump welcomed the Korean summit',
  }),
  makeEvent({
    date: '2018-05-16',
    goldstein: -5.8,
    cameo: '134',
    cameo_name: 'Threaten to halt negotiations',
    source: 'PRKGOV',
    target: 'USAGOV',
    doc: 'd2',
    evidence: 'Pyongyang threatened to quit the summit <unless> sanctions eased',
    conditional: true,
  }),
  makeEvent({
    date: '2018-05-24',
    goldstein: -5,
    cameo: '125',
    cameo_name: 'Reject proposal to meet',
    doc: 'd3',
    evidence: 'Trump called off the summit',
    url: 'https://example.org/a?b=1&c=2',
  }),
  makeEvent({
    date: '2018-05-24',
    goldstein: -7,
    cameo: '138',
    cameo_name: 'Threaten to use military force',
    doc: 'd4',
    evidence: 'Trump warned of the US arsenal',
  }),
  makeEvent({
    date: '2018-05-23',
    goldstein: -6,
    cameo: '130',
    cameo_name: 'Threaten',
    source: 'PRKGOV',
    target: 'USAGOV',
    doc: 'd8',
    evidence: 'A nuclear-to-nuclear showdown, Choe said',
  }),
  makeEvent({
    date: '2018-05-25',
    goldstein: -4,
    cameo: '111',
    cameo_name: 'Criticize or denounce',
    source: 'PRKGOV',
    target: 'USAGOV',
    doc: 'd9',
    evidence: 'Pence is a political dummy',
  }),
  makeEvent({
    date: '2018-06-01',
    goldstein: 4,
    cameo: '036',
    cameo_name: 'Express intent to meet or negotiate',
    doc: 'd5',
    evidence: 'The summit is back on',
  }),
  makeEvent({
    date: '2018-06-12',
    goldstein: 8,
    cameo: '057',
    cameo_name: 'Sign formal agreement',
    doc: 'd6',
    evidence: 'Trump and Kim signed a statement',
  }),
  makeEvent({
    date: '2018-06-12',
    goldstein: 7,
    cameo: '046',
    cameo_name: 'Engage in negotiation',
    source: 'PRKGOV',
    target: 'USAGOV',
    doc: 'd7',
    evidence: 'Kim negotiated in Singapore',
  }),
];
const analysis = analyseDyad(events, { a: 'USA', b: 'PRK', from: '2018-04-01', to: '2018-07-31', resolution: 'week' });

describe('renderSvgChart', () => {
  it('matches the saved picture (TZ=UTC)', async () => {
    const svg = renderSvgChart(analysis.series, analysis.movements, { title: 'USA–PRK, spring 2018' });
    await expect(svg).toMatchFileSnapshot(join('__snapshots__', 'usa-prk-2018.svg'));
  });

  it('is well-formed, escapes text and draws both directions and the movements', () => {
    const svg = renderSvgChart(analysis.series, analysis.movements, { title: 'A & B <test>' });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trim().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('A &amp; B &lt;test&gt;');
    expect(svg).toMatch(/class="forward"/);
    expect(svg).toMatch(/class="rearward"/);
    expect(svg).toMatch(/class="movement rearward"/);
    expect(svg).not.toMatch(/NaN|undefined|Infinity/);
  });

  it('draws an empty frame for an empty series', () => {
    const empty = analyseDyad([], { a: 'USA', b: 'PRK', from: '2018-01-01', to: '2018-01-31' });
    const svg = renderSvgChart(empty.series, empty.movements);
    expect(svg).toContain('<path class="level"');
    expect(svg).not.toMatch(/NaN|undefined|Infinity/);
  });
});

describe('renderTerminalChart', () => {
  it('draws bars above and below the axis with movement markers', () => {
    const text = renderTerminalChart(analysis.series, analysis.movements, { width: 40, rows: 3 });
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(3 + 1 + 3 + 2);
    expect(lines[3]).toMatch(/0 ┼─+$/);
    expect(lines.slice(0, 3).join('')).toMatch(/[▁▂▃▄▅▆▇█]/);
    expect(lines.slice(4, 7).join('')).toMatch(/[█▀]/);
    expect(lines[7]).toMatch(/▼/);
    expect(lines[7]).toMatch(/▲/);
    expect(lines[8]).toContain('2018-03-26');
  });
});
