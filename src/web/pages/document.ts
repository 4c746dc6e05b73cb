/** The document page: the text with each event's evidence highlighted (actors and code on hover), its events. */
import { type DocumentResponse, getJson } from '../api.js';
import { eventTable, section } from '../components.js';
import { encode, h } from '../dom.js';
import { highlightedText } from '../highlight.js';

export async function renderDocument(main: HTMLElement, params: string[], signal: AbortSignal): Promise<void> {
  const id = params[0] ?? '';
  const found = await getJson<DocumentResponse>(`/api/documents/${encode(id)}`, signal);
  const { document: doc } = found;
  const row = (id: string) => document.getElementById(id);
  main.append(
    h(
      'div',
      { class: 'page-head' },
      h('p', { class: 'eyebrow' }, 'Document'),
      h('h1', null, doc.title ?? 'Untitled document'),
      h(
        'p',
        { class: 'muted small' },
        doc.published ?? 'undated',
        doc.source ? ` · ${doc.source}` : '',
        doc.url && /^https?:/.test(doc.url)
          ? [' · ', h('a', { href: doc.url, target: '_blank', rel: 'noopener noreferrer' }, 'original ↗')]
          : '',
        ` · ${found.events.length} events in ${found.sentences.length} sentences`,
      ),
    ),
    h(
      'div',
      { class: 'grid-doc' },
      section(
        'Text',
        highlightedText(found.text, found.events, (event) =>
          row(`event-${event.id}`)?.scrollIntoView({ block: 'center' }),
        ),
      ),
      section(
        'Events',
        found.events.length === 0
          ? h('p', { class: 'muted' }, 'No events coded in this document.')
          : eventTable(found.events),
        h(
          'p',
          { class: 'muted small' },
          'Corrections: analysts will be able to correct these events here (members, issue 6).',
        ),
      ),
    ),
  );
  main.querySelectorAll('table.events tbody tr').forEach((tr, i) => {
    const event = found.events[i];
    if (event?.id !== undefined) tr.id = `event-${event.id}`;
  });
}
