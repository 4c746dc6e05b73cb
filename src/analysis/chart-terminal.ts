/**
 * The dyad timeline for a terminal: cooperative weight as bars rising above an axis, conflictual weight as bars
 * hanging below it, in unicode eighth-blocks, with ▲/▼ under the columns where forward/rearward movements
 * start. Points are grouped into at most `width` columns, so ten years fit in one screen.
 *
 * @example
 * process.stdout.write(renderTerminalChart(analysis.series, analysis.movements, { color: true }));
 */
import pc from 'picocolors';
import type { Movement } from './movements.js';
import type { DyadSeries } from './series.js';

export interface TerminalChartOptions {
  /** Columns for the bars (default 72). */
  width?: number;
  /** Rows above and rows below the axis (default 4 each). */
  rows?: number;
  /** Colour forward green and rearward red (default false). */
  color?: boolean;
}

const UP = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
const DOWN_HALF = '▀';

/** Renders the chart as lines ending in newlines. */
export function renderTerminalChart(
  series: DyadSeries,
  movements: readonly Movement[],
  options: TerminalChartOptions = {},
): string {
  const points = series.points;
  const width = Math.max(1, Math.min(options.width ?? 72, points.length));
  const rows = options.rows ?? 4;
  const paint = options.color ? { up: pc.green, down: pc.red } : { up: (s: string) => s, down: (s: string) => s };
  const columns = Array.from({ length: width }, (_, column) => {
    const from = Math.floor((column * points.length) / width);
    const to = Math.floor(((column + 1) * points.length) / width);
    const slice = points.slice(from, Math.max(to, from + 1));
    return {
      start: slice[0]?.start ?? series.from,
      end: slice[slice.length - 1]?.end ?? series.to,
      up: slice.reduce((sum, point) => sum + point.cooperative, 0),
      down: slice.reduce((sum, point) => sum + point.conflictual, 0),
    };
  });
  const extent = Math.max(1e-9, ...columns.map((column) => Math.max(column.up, column.down)));
  const label = extent.toFixed(1);
  const pad = ' '.repeat(label.length + 1);
  const lines: string[] = [];
  for (let row = rows - 1; row >= 0; row--) {
    const cells = columns.map((column) => {
      const eighths = Math.round((column.up / extent) * rows * 8) - row * 8;
      return UP[Math.max(0, Math.min(8, eighths))] ?? ' ';
    });
    lines.push(`${row === rows - 1 ? ` ${label}` : pad} │${paint.up(cells.join(''))}`);
  }
  lines.push(`${'0'.padStart(pad.length)} ┼${'─'.repeat(width)}`);
  for (let row = 0; row < rows; row++) {
    const cells = columns.map((column) => {
      const halves = Math.round((column.down / extent) * rows * 2) - row * 2;
      return halves >= 2 ? '█' : halves === 1 ? DOWN_HALF : ' ';
    });
    lines.push(`${row === rows - 1 ? `-${label}` : pad} │${paint.down(cells.join(''))}`);
  }
  const markers = columns.map((column) => {
    const starting = movements.filter((movement) => movement.start >= column.start && movement.start <= column.end);
    if (starting.some((movement) => movement.label === 'rearward')) return paint.down('▼');
    if (starting.length > 0) return paint.up('▲');
    return ' ';
  });
  lines.push(`${pad} │${markers.join('')}`);
  const first = columns[0]?.start ?? series.from;
  const last = columns[columns.length - 1]?.end ?? series.to;
  lines.push(`${pad}  ${first}${last.padStart(Math.max(0, width - first.length))}`);
  return `${lines.join('\n')}\n`;
}
