/**
 * The monthly digest (`dyadwatch report`), in the spirit of a crisis tracker: the dyads that improved and
 * deteriorated over a window, each with its chart, the movements inside the window and the events that moved
 * it. Rendered as Markdown (charts as linked SVG files, or a terminal chart in a code block) and as one
 * self-contained HTML page (charts inline, no external assets).
 */
import { escapeXml, renderSvgChart } from './chart-svg.js';
import { renderTerminalChart } from './chart-terminal.js';
import { formatCitedEvent } from './dyad-summary.js';
import type { DyadAnalysis } from './index.js';
import type { CitedEvent, Movement } from './movements.js';
import type { DyadChange } from './rank.js';

export interface ReportSection {
  change: DyadChange;
  analysis: DyadAnalysis;
}

export interface CrisisReport {
  title: string;
  since: string;
  until: string;
  improved: ReportSection[];
  deteriorated: ReportSection[];
  /** When the report was made (ISO), printed in its footer. */
  generated: string;
}

/** Movements that started inside the report's window. */
export function movementsInWindow(section: ReportSection, since: string, until: string): Movement[] {
  return section.analysis.movements.filter((movement) => movement.start >= since && movement.start <= until);
}

function dyadName(section: ReportSection): string {
  return `${section.change.dyad.a}–${section.change.dyad.b}`;
}

/** Cited events of a section: the window's movements' drivers, else the ranking's drivers. */
function citedEvents(section: ReportSection, since: string, until: string, count = 5): CitedEvent[] {
  const fromMovements = movementsInWindow(section, since, until).flatMap((movement) => movement.drivers);
  const events = fromMovements.length > 0 ? fromMovements : section.change.drivers;
  const seen = new Set<string>();
  return events
    .filter((event) => {
      const key = `${event.doc}|${event.date}|${event.cameo}|${event.source}|${event.target}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, count);
}

/**
 * Markdown. `chartPath(section)` gives the file name of each section's SVG chart (written by the caller);
 * without it, a terminal chart goes in a code block.
 */
export function renderReportMarkdown(report: CrisisReport, chartPath?: (section: ReportSection) => string): string {
  const lines = [`# ${report.title}`, '', `${report.since} to ${report.until}.`, ''];
  const part = (heading: string, sections: ReportSection[]): void => {
    lines.push(`## ${heading}`, '');
    if (sections.length === 0) lines.push('None.', '');
    for (const section of sections) {
      lines.push(
        `### ${dyadName(section)}`,
        '',
        section.change.reason,
        '',
        `State: **${section.analysis.state.state}** — ${section.analysis.state.reason}`,
        '',
      );
      if (chartPath) lines.push(`![${dyadName(section)} timeline](${chartPath(section)})`, '');
      else
        lines.push(
          '```',
          renderTerminalChart(section.analysis.series, section.analysis.movements, { width: 60, rows: 3 }).trimEnd(),
          '```',
          '',
        );
      for (const movement of movementsInWindow(section, report.since, report.until)) {
        lines.push(
          `- ${movement.label} from ${movement.start}: ${movement.from.toFixed(2)} → ${movement.to.toFixed(2)} net per day`,
        );
      }
      const events = citedEvents(section, report.since, report.until);
      if (events.length > 0) {
        lines.push('', 'Events that moved it:', '');
        for (const event of events) lines.push(`- ${escapeMarkdownHtml(formatCitedEvent(event, 200, markdownLink))}`);
      }
      lines.push('');
    }
  };
  part('Deteriorated', report.deteriorated);
  part('Improved', report.improved);
  lines.push(`_Generated ${report.generated} by dyadwatch._`, '');
  return lines.join('\n');
}

function markdownLink(target: string): string {
  return /^https?:\/\//.test(target)
    ? `([source](${target.replace(/[()<> ]/g, encodeURIComponent)}))`
    : `(document \`${target}\`)`;
}

/** Markdown passes raw HTML through to the page: evidence quotes must not carry tags into it. */
function escapeMarkdownHtml(text: string): string {
  return text.replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const STYLE = `body{font-family:system-ui,sans-serif;max-width:960px;margin:2em auto;padding:0 1em;color:#212529}
h1{font-size:1.6em}h2{border-bottom:1px solid #dee2e6;padding-bottom:.2em;margin-top:2em}
.state{color:#495057}.event{font-size:.9em;margin:.2em 0}.event q{color:#343a40}
.forward{color:#2a9d8f}.rearward{color:#e63946}svg{max-width:100%;height:auto}footer{color:#6c757d;margin-top:3em}`;

/** One self-contained HTML page: inline CSS, inline SVG charts, every user-supplied string escaped. */
export function renderReportHtml(report: CrisisReport): string {
  const html: string[] = [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeXml(report.title)}</title>`,
    `<style>${STYLE}</style></head><body>`,
    `<h1>${escapeXml(report.title)}</h1>`,
    `<p>${escapeXml(report.since)} to ${escapeXml(report.until)}.</p>`,
  ];
  const part = (heading: string, sections: ReportSection[]): void => {
    html.push(`<h2>${heading}</h2>`);
    if (sections.length === 0) html.push('<p>None.</p>');
    for (const section of sections) {
      html.push(`<section><h3>${escapeXml(dyadName(section))}</h3>`);
      html.push(`<p>${escapeXml(section.change.reason)}</p>`);
      html.push(
        `<p class="state">State: <strong>${escapeXml(section.analysis.state.state)}</strong> — ${escapeXml(section.analysis.state.reason)}</p>`,
      );
      html.push(renderSvgChart(section.analysis.series, section.analysis.movements, { width: 900, height: 260 }));
      const movements = movementsInWindow(section, report.since, report.until);
      if (movements.length > 0) {
        html.push('<ul>');
        for (const movement of movements) {
          html.push(
            `<li class="${movement.label}">${movement.label} from ${escapeXml(movement.start)}: ${movement.from.toFixed(2)} → ${movement.to.toFixed(2)} net per day</li>`,
          );
        }
        html.push('</ul>');
      }
      for (const event of citedEvents(section, report.since, report.until)) html.push(eventHtml(event));
      html.push('</section>');
    }
  };
  part('Deteriorated', report.deteriorated);
  part('Improved', report.improved);
  html.push(`<footer>Generated ${escapeXml(report.generated)} by dyadwatch.</footer></body></html>`, '');
  return html.join('\n');
}

function eventHtml(event: CitedEvent): string {
  const link = event.url && /^https?:\/\//.test(event.url) ? ` <a href="${escapeXml(event.url)}">source</a>` : '';
  const direction = event.score >= 0 ? 'forward' : 'rearward';
  return `<p class="event"><span class="${direction}">${escapeXml(event.date)} ${escapeXml(event.source)}→${escapeXml(event.target)} ${escapeXml(event.name)} (${event.score.toFixed(1)})</span>: <q>${escapeXml(event.evidence)}</q>${link}</p>`;
}
