/**
 * The dyad timeline as an SVG string: per period, cooperative weight as a bar above zero and conflictual weight
 * as a bar below it, the smoothed level as a line, movements as shaded bands (forward green, rearward red) and
 * the leading event of each movement as a labelled dot. Pure string building, no DOM: the same input always
 * gives the same bytes, so charts are tested as saved pictures.
 *
 * @example
 * writeFileSync('usa-prk.svg', renderSvgChart(analysis.series, analysis.movements, { title: 'USA–PRK' }));
 */
import type { Movement } from './movements.js';
import { dayNumber } from './periods.js';
import type { DyadSeries } from './series.js';

export interface SvgChartOptions {
  /** Width in pixels (default 900). */
  width?: number;
  /** Height in pixels (default 320). */
  height?: number;
  title?: string;
  /** How many movements get their leading event labelled, strongest first (default 6). */
  labels?: number;
}

export const CHART_COLORS = {
  forward: '#2a9d8f',
  rearward: '#e63946',
  level: '#1d3557',
  axis: '#6c757d',
  text: '#212529',
} as const;

const MARGIN = { top: 34, right: 16, bottom: 28, left: 44 };

/** Escapes text for SVG content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(
    /[<>&"']/g,
    (char) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' }[char]};`,
  );
}

const fixed = (value: number): string => (Math.round(value * 10) / 10).toFixed(1);

/** Renders the chart; an empty series gives an empty frame with its title. */
export function renderSvgChart(
  series: DyadSeries,
  movements: readonly Movement[],
  options: SvgChartOptions = {},
): string {
  const width = options.width ?? 900;
  const height = options.height ?? 320;
  const plotWidth = width - MARGIN.left - MARGIN.right;
  const plotHeight = height - MARGIN.top - MARGIN.bottom;
  // The x axis spans whole periods: a weekly series asked from a Sunday still starts on that week's Monday.
  const firstDay = dayNumber(series.points[0]?.start ?? series.from);
  const lastDay = dayNumber(series.points[series.points.length - 1]?.end ?? series.to) + 1;
  const span = Math.max(1, lastDay - firstDay);
  const x = (date: string): number => MARGIN.left + ((dayNumber(date) - firstDay) / span) * plotWidth;
  const extent = Math.max(
    1,
    ...series.points.map((point) => Math.max(point.cooperative, point.conflictual, Math.abs(point.level))),
  );
  const zero = MARGIN.top + plotHeight / 2;
  const y = (value: number): number => zero - (value / extent) * (plotHeight / 2);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="11">`,
    `<title>${escapeXml(options.title ?? `${series.dyad.a}–${series.dyad.b}`)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
  ];
  if (options.title) {
    parts.push(
      `<text x="${MARGIN.left}" y="18" font-size="14" font-weight="bold" fill="${CHART_COLORS.text}">${escapeXml(options.title)}</text>`,
    );
  }
  for (const movement of movements) {
    const left = Math.max(MARGIN.left, x(movement.start));
    const right = Math.min(MARGIN.left + plotWidth, x(movement.end) + plotWidth / span);
    parts.push(
      `<rect class="movement ${movement.label}" x="${fixed(left)}" y="${MARGIN.top}" width="${fixed(Math.max(1, right - left))}" height="${plotHeight}" fill="${CHART_COLORS[movement.label]}" fill-opacity="0.12"/>`,
    );
  }
  for (const point of series.points) {
    const left = x(point.start);
    const barWidth = Math.max(0.5, x(point.end) + plotWidth / span - left - 0.5);
    if (point.cooperative > 0) {
      parts.push(
        `<rect class="forward" x="${fixed(left)}" y="${fixed(y(point.cooperative))}" width="${fixed(barWidth)}" height="${fixed(zero - y(point.cooperative))}" fill="${CHART_COLORS.forward}"/>`,
      );
    }
    if (point.conflictual > 0) {
      parts.push(
        `<rect class="rearward" x="${fixed(left)}" y="${fixed(zero)}" width="${fixed(barWidth)}" height="${fixed(y(-point.conflictual) - zero)}" fill="${CHART_COLORS.rearward}"/>`,
      );
    }
  }
  parts.push(...axes(series, x, y, extent, zero, plotWidth));
  if (series.points.length > 0) {
    const path = series.points
      .map((point, index) => `${index === 0 ? 'M' : 'L'}${fixed(x(point.start))},${fixed(y(point.level))}`)
      .join(' ');
    parts.push(`<path class="level" d="${path}" fill="none" stroke="${CHART_COLORS.level}" stroke-width="1.5"/>`);
  }
  parts.push(...eventLabels(movements, options.labels ?? 6, x, y));
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

function axes(
  series: DyadSeries,
  x: (date: string) => number,
  y: (value: number) => number,
  extent: number,
  zero: number,
  plotWidth: number,
): string[] {
  const parts = [
    `<line class="zero" x1="${MARGIN.left}" y1="${fixed(zero)}" x2="${MARGIN.left + plotWidth}" y2="${fixed(zero)}" stroke="${CHART_COLORS.axis}"/>`,
  ];
  for (const value of [extent, -extent]) {
    parts.push(
      `<text x="${MARGIN.left - 4}" y="${fixed(y(value) + 4)}" text-anchor="end" fill="${CHART_COLORS.axis}">${fixed(value)}</text>`,
    );
  }
  // One tick per year on long ranges, per month on short ones.
  const years = series.to.slice(0, 4) !== series.from.slice(0, 4);
  const seen = new Set<string>();
  for (const point of series.points) {
    const key = years ? point.start.slice(0, 4) : point.start.slice(0, 7);
    if (seen.has(key)) continue;
    seen.add(key);
    const left = fixed(x(point.start));
    const bottom = MARGIN.top + 2 * (zero - MARGIN.top);
    parts.push(
      `<line x1="${left}" y1="${fixed(bottom)}" x2="${left}" y2="${fixed(bottom + 4)}" stroke="${CHART_COLORS.axis}"/>`,
    );
    parts.push(`<text x="${left}" y="${fixed(bottom + 16)}" fill="${CHART_COLORS.axis}">${key}</text>`);
  }
  return parts;
}

function eventLabels(
  movements: readonly Movement[],
  count: number,
  x: (date: string) => number,
  y: (value: number) => number,
): string[] {
  const strongest = [...movements]
    .filter((movement) => movement.drivers.length > 0)
    .sort((left, right) => Math.abs(right.size) - Math.abs(left.size))
    .slice(0, count);
  return strongest.flatMap((movement) => {
    const driver = movement.drivers[0];
    if (!driver) return [];
    const cx = fixed(x(driver.date));
    const cy = fixed(y(movement.label === 'forward' ? Math.abs(driver.score) : -Math.abs(driver.score)));
    const name = driver.name.length > 28 ? `${driver.name.slice(0, 27)}…` : driver.name;
    const dy = movement.label === 'forward' ? -6 : 14;
    return [
      `<circle class="event" cx="${cx}" cy="${cy}" r="3" fill="${CHART_COLORS[movement.label]}" stroke="#ffffff"/>`,
      `<text class="event-label" x="${cx}" y="${fixed(Number(cy) + dy)}" text-anchor="middle" fill="${CHART_COLORS.text}">${escapeXml(`${driver.date} ${name}`)}</text>`,
    ];
  });
}
