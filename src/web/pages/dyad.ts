/**
 * The dyad page: state and its reason, the timeline chart, movements with their drivers, reciprocity, and the
 * event table with filters and export links.
 */
import type uPlot from 'uplot';
import { type CommentaryPiece, type DyadResponse, type EventRow, getJson, type Page, query } from '../api.js';
import { dyadChart } from '../chart.js';
import {
  actorLink,
  directionMark,
  errorNote,
  eventRow,
  loading,
  movementCard,
  section,
  stateBadge,
} from '../components.js';
import { encode, h, replace } from '../dom.js';
import { navigate } from '../router.js';
import { commentaryArticle } from './commentary.js';

function percent(value: number | null): string {
  return value === null ? '–' : `${Math.round(value * 100)}%`;
}

export async function renderDyad(main: HTMLElement, params: string[], signal: AbortSignal): Promise<void> {
  const dyad = (params[0] ?? '').toUpperCase();
  const url = new URL(window.location.href);
  const resolution = url.searchParams.get('resolution') ?? 'week';
  main.append(loading());
  const [analysis, chartEvents, commentary] = await Promise.all([
    getJson<DyadResponse>(`/api/dyads/${encode(dyad)}${query({ resolution })}`, signal),
    getJson<Page<EventRow>>(`/api/events${query({ dyad, undirected: true, limit: 1000 })}`, signal),
    getJson<{ items: CommentaryPiece[] }>(`/api/commentary${query({ dyad })}`, signal).catch(() => ({ items: [] })),
  ]);
  main.replaceChildren();
  const { a, b } = analysis;

  const resolutionPicker = h(
    'select',
    {
      id: 'resolution',
      onchange: (event: Event) =>
        navigate(`/dyad/${encode(dyad)}?resolution=${(event.target as HTMLSelectElement).value}`),
    },
    ['day', 'week', 'month'].map((r) => h('option', { value: r, selected: r === resolution }, r)),
  );
  const hover = h(
    'div',
    { class: 'hover-info', 'aria-live': 'polite' },
    'Hover the chart: each dot is an event; click it to open its document.',
  );
  const chartBox = h('div', {
    class: 'chart',
    id: 'dyad-chart',
    role: 'img',
    'aria-label': `Timeline of ${a} and ${b}: reports forward above zero, rearward below, the level as a line, movements shaded`,
  });
  main.append(
    h(
      'div',
      { class: 'page-head' },
      h('p', { class: 'eyebrow' }, 'Dyad'),
      h('h1', null, actorLink(a), h('span', { class: 'muted' }, ' – '), actorLink(b)),
      h('p', { class: 'lede' }, stateBadge(analysis.state.state), ' ', analysis.state.reason),
      h(
        'p',
        { class: 'muted small' },
        `${analysis.events} events, ${analysis.series.from} to ${analysis.series.to}; analysed from ${analysis.basis === 'events' ? 'events (modality-weighted)' : 'daily roll-ups'}.`,
      ),
    ),
    h(
      'div',
      { class: 'grid-timeline' },
      section(
        'Timeline',
        h('div', { class: 'toolbar' }, h('label', { for: 'resolution' }, 'Resolution '), resolutionPicker),
        chartBox,
        hover,
      ),
      commentaryColumn(commentary.items),
    ),
  );

  let chart: uPlot | null = null;
  const draw = () => {
    chart?.destroy();
    chart = dyadChart(chartBox, {
      points: analysis.series.points,
      movements: analysis.movements,
      events: chartEvents.items,
      width: Math.max(280, chartBox.clientWidth),
      onHover: (event, point, count) => {
        const period = point
          ? `${point.start}: ${point.forward} forward, ${point.rearward} rearward, level ${point.level.toFixed(2)}`
          : '';
        if (event) {
          replace(
            hover,
            h(
              'span',
              { class: 'muted small block' },
              `${period} · ${count} event${count === 1 ? '' : 's'}; strongest (click to open):`,
            ),
            directionMark(event.direction),
            ` ${event.date} ${event.source} → ${event.target}: ${event.cameo_name} (${event.cameo}) — `,
            h('q', null, event.evidence),
          );
        } else if (point) replace(hover, period);
      },
      onOpen: (event) =>
        event.origin === 'analyst' && event.url?.startsWith('/commentary/')
          ? navigate(event.url)
          : navigate(`/doc/${encode(event.doc)}`),
    });
  };
  draw();
  const resize = () => draw();
  window.addEventListener('resize', resize);
  window.addEventListener('themechange', resize);
  signal.addEventListener('abort', () => {
    window.removeEventListener('resize', resize);
    window.removeEventListener('themechange', resize);
    chart?.destroy();
  });

  const reciprocity = analysis.reciprocity;
  const side = (r: DyadResponse['reciprocity']['aToB']) =>
    h(
      'div',
      { class: 'stat' },
      h('div', { class: 'stat-label' }, `${r.responder} answering ${r.mover}`),
      h('div', { class: 'stat-value' }, percent(r.titForTat)),
      h(
        'div',
        { class: 'muted small' },
        `tit-for-tat over ${r.totalMoves} moves: ${Object.entries(r.counts)
          .map(([k, v]) => `${v} ${k}`)
          .join(', ')}`,
      ),
    );
  main.append(
    h(
      'div',
      { class: 'grid-2' },
      section(
        'Movements',
        analysis.movements.length === 0
          ? h('p', { class: 'muted' }, 'No movement detected in this range.')
          : h(
              'div',
              { class: 'stream' },
              [...analysis.movements].reverse().map((m) => movementCard(m)),
            ),
      ),
      section(
        'Reciprocity',
        h('div', { class: 'stats' }, side(reciprocity.aToB), side(reciprocity.bToA)),
        h(
          'p',
          { class: 'muted small' },
          reciprocity.strongestLag
            ? `Strongest lagged correlation r = ${reciprocity.strongestLag.r.toFixed(2)} at lag ${reciprocity.strongestLag.lag} ${analysis.series.resolution}(s).`
            : 'No lagged correlation (a side is silent).',
        ),
      ),
    ),
  );
  main.append(eventsSection(dyad, signal, url.searchParams.get('origin')));
}

/** Members' published commentary on the dyad, newest first, each at the date it was written. */
function commentaryColumn(pieces: CommentaryPiece[]): HTMLElement {
  return h(
    'aside',
    { class: 'commentary-column', id: 'dyad-commentary', 'aria-label': 'Commentary on this dyad' },
    h('h2', null, 'Commentary'),
    pieces.length === 0
      ? h('p', { class: 'muted small' }, 'No published commentary on this dyad yet.')
      : pieces.map((piece) => commentaryArticle(piece, { compact: true })),
  );
}

function eventsSection(dyad: string, signal: AbortSignal, origin: string | null): HTMLElement {
  const form = h(
    'form',
    { class: 'filters', 'aria-label': 'Event filters' },
    h(
      'label',
      null,
      'Direction ',
      h(
        'select',
        { name: 'direction' },
        ['', 'forward', 'rearward', 'neutral'].map((d) => h('option', { value: d }, d || 'any')),
      ),
    ),
    h(
      'label',
      null,
      'CAMEO root ',
      h('input', { name: 'root', inputmode: 'numeric', pattern: '\\d{2}', size: 3, placeholder: '13' }),
    ),
    h(
      'label',
      null,
      'Origin ',
      h(
        'select',
        { name: 'origin' },
        [
          ['', 'any'],
          ['coded', 'news (coded)'],
          ['gdelt', 'GDELT'],
          ['analyst', 'analysts'],
        ].map(([value, label]) => h('option', { value, selected: value === (origin ?? '') }, label)),
      ),
    ),
    h('label', null, 'From ', h('input', { name: 'from', type: 'date' })),
    h('label', null, 'To ', h('input', { name: 'to', type: 'date' })),
    h('label', null, 'Text ', h('input', { name: 'q', type: 'search', placeholder: 'summit' })),
    h('button', { type: 'submit' }, 'Filter'),
  );
  const table = h('div', { id: 'dyad-events' }, loading());
  const exports = h('div', { class: 'exports' });
  const more = h('button', { type: 'button', class: 'ghost', hidden: true }, 'Load more');
  let next: string | null = null;
  let filters: Record<string, string> = origin ? { origin } : {};
  let tbody: HTMLElement | null = null;

  const load = async (append: boolean) => {
    const params = { dyad, undirected: true, order: 'desc', limit: 100, ...filters, cursor: append ? next : null };
    try {
      const page = await getJson<Page<EventRow>>(`/api/events${query(params)}`, signal);
      next = page.next;
      more.hidden = next === null;
      if (!append || tbody === null) {
        if (page.items.length === 0) {
          replace(table, h('p', { class: 'muted' }, 'No events match.'));
          tbody = null;
        } else {
          const body = h('tbody', null, page.items.map(eventRow));
          tbody = body;
          replace(
            table,
            h(
              'div',
              { class: 'table-wrap' },
              h(
                'table',
                { class: 'events' },
                h('caption', { class: 'visually-hidden' }, `Events of ${dyad}`),
                h(
                  'thead',
                  null,
                  h(
                    'tr',
                    null,
                    ['Date', '', 'Source', 'Target', 'Type', 'Code', 'Evidence'].map((t) =>
                      h('th', { scope: 'col' }, t),
                    ),
                  ),
                ),
                body,
              ),
            ),
          );
        }
      } else tbody.append(...page.items.map(eventRow));
      const exportQuery = (format: string) => `/api/events${query({ dyad, undirected: true, ...filters, format })}`;
      replace(
        exports,
        h('a', { class: 'button ghost', href: exportQuery('csv'), download: `${dyad}.csv` }, 'Export CSV'),
        h('a', { class: 'button ghost', href: exportQuery('jsonl'), download: `${dyad}.jsonl` }, 'Export JSON Lines'),
      );
    } catch (error) {
      if (!signal.aborted) replace(table, errorNote(error));
    }
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    filters = {};
    for (const [key, value] of new FormData(form))
      if (typeof value === 'string' && value.trim()) filters[key] = value.trim();
    void load(false);
  });
  more.addEventListener('click', () => void load(true));
  void load(false);
  return section('Events', form, exports, table, more);
}
