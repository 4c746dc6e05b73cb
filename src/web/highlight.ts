/**
 * A document's text with each event's evidence marked. Each mark names its actors and code in a tooltip and an
 * accessible label, and is focusable, so the keyboard reaches what the mouse hovers. Overlapping evidence is
 * merged into one mark naming all its events.
 */
import type { EventRow } from './api.js';
import { h } from './dom.js';

interface Span {
  start: number;
  end: number;
  events: EventRow[];
}

function describe(event: EventRow): string {
  return `${event.source} → ${event.target}: ${event.cameo_name} (CAMEO ${event.cameo}, ${event.plover}, ${event.direction})`;
}

export function highlightedText(text: string, events: EventRow[], onSelect?: (event: EventRow) => void): HTMLElement {
  const spans: Span[] = [];
  for (const event of [...events].sort((x, y) => x.span[0] - y.span[0])) {
    const [start, end] = event.span;
    if (!(end > start) || start < 0 || end > text.length) continue;
    const last = spans[spans.length - 1];
    if (last && start < last.end) {
      last.end = Math.max(last.end, end);
      last.events.push(event);
    } else spans.push({ start, end, events: [event] });
  }
  const container = h('div', { class: 'doc-text' });
  let at = 0;
  const paragraph = () => h('p');
  let current = paragraph();
  container.append(current);
  const addText = (chunk: string) => {
    const parts = chunk.split(/\n\s*\n/);
    parts.forEach((part, i) => {
      if (i > 0) {
        current = paragraph();
        container.append(current);
      }
      current.append(document.createTextNode(part));
    });
  };
  for (const span of spans) {
    addText(text.slice(at, span.start));
    const direction = span.events.some((e) => e.direction === 'rearward')
      ? 'rearward'
      : span.events.some((e) => e.direction === 'forward')
        ? 'forward'
        : 'neutral';
    const label = span.events.map(describe).join('; ');
    const mark = h(
      'mark',
      {
        class: `evidence-mark ${direction}`,
        tabindex: 0,
        title: label,
        'aria-label': `${text.slice(span.start, span.end)} — ${label}`,
      },
      text.slice(span.start, span.end),
      h('span', { class: 'mark-tip', 'aria-hidden': 'true' }, label),
    );
    const first = span.events[0];
    if (onSelect && first) {
      mark.addEventListener('click', () => onSelect(first));
      mark.addEventListener('keydown', (event) => {
        if ((event as KeyboardEvent).key === 'Enter') onSelect(first);
      });
    }
    current.append(mark);
    at = span.end;
  }
  addText(text.slice(at));
  return container;
}
