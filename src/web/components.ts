/** Pieces the pages share: event cards and rows, direction marks, state badges, loading and error notes. */
import type { EventRow, Movement } from './api.js';
import { type Child, encode, h } from './dom.js';
import { safeUrl } from './safe-html.js';

const MARKS = { forward: '▲', rearward: '▼', neutral: '●' } as const;
const WORDS = { forward: 'forward', rearward: 'rearward', neutral: 'neutral' } as const;

export function directionMark(direction: EventRow['direction']): HTMLElement {
  return h(
    'span',
    { class: `mark ${direction}`, title: WORDS[direction], 'aria-label': WORDS[direction] },
    MARKS[direction],
  );
}

export function actorLink(code: string, text?: string): HTMLElement {
  if (code === '') return h('span', { class: 'actor muted', title: text ?? 'unknown actor' }, text ? `“${text}”` : '—');
  return h('a', { class: 'actor', href: `/actor/${encode(code)}`, title: text ? `${text} (${code})` : code }, code);
}

export function dyadLink(dyad: string, label?: string): HTMLElement {
  return h('a', { class: 'dyad', href: `/dyad/${encode(dyad)}` }, label ?? dyad.replace('-', ' – '));
}

function dyadOf(event: Pick<EventRow, 'source' | 'target'>): string {
  const side = (code: string) => (/^(IGO|NGO|IMG|MNC|NGM|INT|UIS)/.test(code) ? code.slice(0, 6) : code.slice(0, 3));
  return [side(event.source), side(event.target)].sort().join('-');
}

function modalityNotes(event: EventRow): string[] {
  const notes: string[] = [];
  if (event.negated) notes.push('negated');
  if (event.conditional) notes.push('conditional');
  if (event.modality !== 'asserted') notes.push(event.modality);
  return notes;
}

/** One event as a card: who did what to whom, the mark, the evidence and where it comes from. */
export function eventCard(event: EventRow, options: { fresh?: boolean } = {}): HTMLElement {
  const documentTitle = event.document?.title;
  const commentary = commentaryLink(event);
  const external = commentary ? null : safeUrl(event.document?.url ?? event.url ?? null);
  return h(
    'article',
    {
      class: `event-card ${event.direction}${event.origin === 'analyst' ? ' analyst' : ''}${options.fresh ? ' fresh' : ''}`,
      'aria-label': `${event.source} ${event.cameo_name} ${event.target}`,
    },
    h(
      'div',
      { class: 'event-head' },
      directionMark(event.direction),
      actorLink(event.source, event.source_text),
      h('span', { class: 'arrow', 'aria-hidden': 'true' }, '→'),
      actorLink(event.target, event.target_text),
      h(
        'span',
        { class: 'type', title: `CAMEO ${event.cameo}, PLOVER ${event.plover}, QuadClass ${event.quad}` },
        event.cameo_name,
      ),
      h('code', { class: 'code' }, event.cameo),
      modalityNotes(event).map((note) => h('span', { class: 'tag' }, note)),
    ),
    h('blockquote', { class: 'evidence' }, event.evidence),
    h(
      'div',
      { class: 'event-foot' },
      h('time', { datetime: event.date }, event.date),
      ' · ',
      dyadLink(dyadOf(event)),
      ' · ',
      commentary ??
        (event.doc.startsWith('sha256:')
          ? h('a', { href: `/doc/${encode(event.doc)}` }, documentTitle ?? 'document')
          : h('span', null, event.doc)),
      external ? [' · ', h('a', { href: external, rel: 'noopener noreferrer', target: '_blank' }, 'source ↗')] : null,
      h(
        'span',
        { class: 'goldstein', title: 'Goldstein weight' },
        event.goldstein > 0 ? `+${event.goldstein}` : String(event.goldstein),
      ),
    ),
  );
}

export function movementCard(movement: Movement, options: { fresh?: boolean } = {}): HTMLElement {
  const driver = movement.drivers[0];
  return h(
    'article',
    { class: `movement-card ${movement.label === 'forward' ? 'forward' : 'rearward'}${options.fresh ? ' fresh' : ''}` },
    h(
      'div',
      { class: 'event-head' },
      directionMark(movement.label),
      movement.dyad ? dyadLink(movement.dyad) : null,
      h('strong', null, movement.label === 'forward' ? 'moved forward' : 'moved rearward'),
      h('span', { class: 'muted' }, `${movement.start} → ${movement.end}`),
      h('span', { class: 'goldstein' }, `${movement.size > 0 ? '+' : ''}${movement.size.toFixed(1)}`),
    ),
    driver ? h('blockquote', { class: 'evidence' }, driver.evidence) : null,
  );
}

export function stateBadge(state: string): HTMLElement {
  return h('span', { class: `badge state-${state}` }, state);
}

export function loading(text = 'Loading…'): HTMLElement {
  return h('p', { class: 'muted loading', role: 'status' }, text);
}

export function errorNote(error: unknown): HTMLElement {
  return h('p', { class: 'error', role: 'alert' }, error instanceof Error ? error.message : String(error));
}

export function section(title: string, ...children: Child[]): HTMLElement {
  const id = `s-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return h('section', { class: 'panel', 'aria-labelledby': id }, h('h2', { id }, title), ...children);
}

/** A sortable-looking, plain event table (date, actors, type, mark, evidence). */
export function eventTable(events: EventRow[]): HTMLElement {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'events' },
      h('caption', { class: 'visually-hidden' }, 'Events'),
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          ['Date', '', 'Source', 'Target', 'Type', 'Code', 'Evidence'].map((t) => h('th', { scope: 'col' }, t)),
        ),
      ),
      h('tbody', null, events.map(eventRow)),
    ),
  );
}

/** For an analyst event coded from a member's commentary: the link back to the piece. */
export function commentaryLink(event: EventRow): HTMLElement | null {
  if (event.origin !== 'analyst' || !event.url?.startsWith('/commentary/')) return null;
  const id = event.url.slice('/commentary/'.length);
  if (!/^\d+$/.test(id)) return null;
  return h('a', { class: 'commentary-link', href: `/commentary/${id}` }, 'analyst commentary');
}

export function eventRow(event: EventRow): HTMLElement {
  const commentary = commentaryLink(event);
  return h(
    'tr',
    { class: `${event.direction}${event.origin === 'analyst' ? ' analyst' : ''}` },
    h('td', { class: 'nowrap' }, event.date),
    h('td', null, directionMark(event.direction)),
    h('td', null, actorLink(event.source, event.source_text)),
    h('td', null, actorLink(event.target, event.target_text)),
    h(
      'td',
      null,
      event.cameo_name,
      modalityNotes(event).map((note) => h('span', { class: 'tag' }, note)),
      event.origin === 'analyst'
        ? h('span', { class: 'tag analyst-tag', title: 'from analysts, not news' }, 'analyst')
        : null,
    ),
    h('td', null, h('code', null, event.cameo)),
    h(
      'td',
      { class: 'evidence-cell' },
      commentary
        ? [h('q', null, event.evidence), ' ', commentary]
        : event.doc.startsWith('sha256:')
          ? h('a', { href: `/doc/${encode(event.doc)}` }, event.evidence)
          : event.evidence,
    ),
  );
}
