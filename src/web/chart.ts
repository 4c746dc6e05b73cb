/**
 * The dyad timeline (uPlot): forward reports as bars above zero, rearward below, the smoothed level as a line,
 * movements shaded (green forward, red rearward) and labelled, and each event as a mark at its Goldstein
 * weight that shows its evidence on hover and opens its document on click.
 */
import uPlot from 'uplot';
import type { EventRow, Movement, SeriesPoint } from './api.js';

const DAY = 86_400;
const toSeconds = (date: string) => Date.parse(`${date}T00:00:00Z`) / 1000;

function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';
}

export interface ChartOptions {
  points: SeriesPoint[];
  movements: Movement[];
  events: EventRow[];
  width: number;
  /** The strongest event of the hovered period, the period, and how many events it has. */
  onHover: (event: EventRow | null, point: SeriesPoint | null, events: number) => void;
  onOpen: (event: EventRow) => void;
}

function symmetric(_u: uPlot, min: number, max: number): [number, number] {
  const extent = Math.max(Math.abs(min), Math.abs(max), 1) * 1.1;
  return [-extent, extent];
}

export function dyadChart(target: HTMLElement, options: ChartOptions): uPlot {
  // One x per period: each event is drawn at its period (the strongest of a period is its mark), so bars keep
  // their width whatever the number of events.
  const xs = options.points.map((p) => toSeconds(p.start));
  const forward: (number | null)[] = options.points.map((p) => p.forward);
  const rearward: (number | null)[] = options.points.map((p) => -p.rearward);
  const level: (number | null)[] = options.points.map((p) => p.level);
  const marks: (number | null)[] = xs.map(() => null);
  const eventAt = new Map<number, EventRow>();
  const eventsIn = new Map<number, number>();
  const periodOf = (date: string): number => {
    const x = toSeconds(date);
    let low = 0;
    let high = xs.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((xs[middle] ?? 0) <= x) low = middle;
      else high = middle - 1;
    }
    return low;
  };
  for (const event of options.events) {
    const i = periodOf(event.date);
    eventsIn.set(i, (eventsIn.get(i) ?? 0) + 1);
    const existing = eventAt.get(i);
    if (!existing || Math.abs(event.goldstein) > Math.abs(existing.goldstein)) {
      eventAt.set(i, event);
      marks[i] = event.goldstein;
    }
  }
  const green = cssVar('--forward');
  const red = cssVar('--rearward');
  const ink = cssVar('--ink');
  const muted = cssVar('--muted');
  const grid = cssVar('--grid');
  const bars = uPlot.paths.bars?.({ size: [0.7, 14], align: 1 });
  const shade = (u: uPlot) => {
    const { ctx } = u;
    const { top, height } = u.bbox;
    ctx.save();
    ctx.font = `${11 * devicePixelRatio}px system-ui, sans-serif`;
    let lastLabelEnd = Number.NEGATIVE_INFINITY;
    let row = 0;
    for (const movement of options.movements) {
      const x0 = u.valToPos(toSeconds(movement.start), 'x', true);
      const x1 = u.valToPos(toSeconds(movement.end) + DAY, 'x', true);
      ctx.fillStyle = movement.label === 'forward' ? `${green}26` : `${red}26`;
      ctx.fillRect(x0, top, Math.max(2, x1 - x0), height);
      ctx.fillStyle = movement.label === 'forward' ? green : red;
      const label = movement.label === 'forward' ? '▲ forward' : '▼ rearward';
      // Labels of movements close together go on the next row instead of over each other.
      row = x0 < lastLabelEnd ? (row + 1) % 4 : 0;
      ctx.fillText(label, x0 + 4, top + (14 + 14 * row) * devicePixelRatio);
      lastLabelEnd = x0 + 4 + ctx.measureText(label).width + 6;
    }
    ctx.restore();
  };
  const chart = new uPlot(
    {
      width: options.width,
      height: Math.max(240, Math.min(380, options.width * 0.45)),
      scales: {
        x: { time: true },
        count: { range: symmetric },
        level: { range: symmetric },
        gold: { range: [-11, 11] },
      },
      legend: { show: true, live: false },
      cursor: { points: { size: 8 }, focus: { prox: 16 } },
      axes: [
        { stroke: muted, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid } },
        {
          scale: 'count',
          label: 'reports (▲ forward / ▼ rearward)',
          stroke: muted,
          grid: { stroke: grid, width: 1 },
          size: 56,
        },
        { scale: 'level', side: 1, label: 'level', stroke: muted, grid: { show: false }, size: 56 },
      ],
      series: [
        { label: 'date' },
        {
          label: 'forward reports',
          scale: 'count',
          fill: `${green}aa`,
          stroke: green,
          paths: bars,
          points: { show: false },
        },
        {
          label: 'rearward reports',
          scale: 'count',
          fill: `${red}aa`,
          stroke: red,
          paths: bars,
          points: { show: false },
        },
        { label: 'level', scale: 'level', stroke: ink, width: 2, spanGaps: true, points: { show: false } },
        {
          label: 'events (Goldstein)',
          scale: 'gold',
          stroke: muted,
          paths: () => null,
          points: { show: true, size: 7, stroke: ink, fill: cssVar('--bg') },
        },
      ],
      hooks: {
        drawClear: [shade],
        setCursor: [
          (u) => {
            const i = u.cursor.idx;
            if (i === null || i === undefined) return options.onHover(null, null, 0);
            options.onHover(eventAt.get(i) ?? null, options.points[i] ?? null, eventsIn.get(i) ?? 0);
          },
        ],
      },
    },
    [xs, forward, rearward, level, marks],
    target,
  );
  chart.over.addEventListener('click', () => {
    const i = chart.cursor.idx;
    const event = i === null || i === undefined ? undefined : eventAt.get(i);
    if (event) options.onOpen(event);
  });
  chart.over.style.cursor = 'crosshair';
  return chart;
}
