/** The document page: the text with each event's evidence highlighted (actors and code on hover), its events. */
import { type CorrectionRow, type DocumentResponse, type EventRow, getJson, sendJson } from '../api.js';
import { errorNote, eventTable, section } from '../components.js';
import { encode, h, replace } from '../dom.js';
import { highlightedText } from '../highlight.js';
import { navigate } from '../router.js';
import { can } from '../session.js';

export async function renderDocument(main: HTMLElement, params: string[], signal: AbortSignal): Promise<void> {
  const id = params[0] ?? '';
  const [found, corrections] = await Promise.all([
    getJson<DocumentResponse>(`/api/documents/${encode(id)}`, signal),
    getJson<{ items: CorrectionRow[] }>(`/api/corrections?doc=${encode(id)}`, signal).catch(() => ({ items: [] })),
  ]);
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
        correctionsList(corrections.items),
        can('corrections.write') && found.events.length > 0 ? correctionForm(id, found.events) : null,
      ),
    ),
  );
  main.querySelectorAll('table.events tbody tr').forEach((tr, i) => {
    const event = found.events[i];
    if (event?.id !== undefined) tr.id = `event-${event.id}`;
  });
}

/** The corrections members made to this document's events, each with its author and reason. */
function correctionsList(items: CorrectionRow[]): HTMLElement {
  if (items.length === 0) return h('p', { class: 'muted small' }, 'No corrections.');
  return h(
    'ul',
    { class: 'plain-list corrections', id: 'corrections' },
    items.map((c) =>
      h(
        'li',
        null,
        h('strong', null, c.kind),
        ` of ${c.matchSource ?? '?'} → ${c.matchTarget ?? '?'} (${c.matchCameo ?? '?'}) by `,
        h('span', { class: 'author' }, c.author ?? 'unknown'),
        `, ${c.createdAt.slice(0, 10)}: `,
        h('q', null, c.reason),
      ),
    ),
  );
}

/** For members: correct one event's actors, code or modality, or say it is not an event, with a reason. */
function correctionForm(doc: string, events: EventRow[]): HTMLElement {
  const status = h('div', { role: 'status', 'aria-live': 'polite' });
  const form = h(
    'form',
    { class: 'account-form', id: 'correct-event' },
    h(
      'label',
      null,
      'Event ',
      h(
        'select',
        { name: 'event' },
        events.map((e) =>
          h('option', { value: e.id ?? '' }, `${e.source} → ${e.target} ${e.cameo} “${e.evidence.slice(0, 40)}”`),
        ),
      ),
    ),
    h(
      'label',
      null,
      'Correction ',
      h(
        'select',
        { name: 'kind' },
        [
          ['actors', 'actors'],
          ['code', 'CAMEO code'],
          ['modality', 'modality'],
          ['not-event', 'not an event'],
        ].map(([value, label]) => h('option', { value }, label)),
      ),
    ),
    h('label', null, 'Source ', h('input', { name: 'source', size: 8, placeholder: 'USAGOV' })),
    h('label', null, 'Target ', h('input', { name: 'target', size: 8 })),
    h('label', null, 'Code ', h('input', { name: 'cameo', size: 4, placeholder: '138' })),
    h(
      'label',
      null,
      'Modality ',
      h(
        'select',
        { name: 'modality' },
        ['', 'asserted', 'intended', 'hypothetical', 'reported'].map((m) => h('option', { value: m }, m || '—')),
      ),
    ),
    h('label', { class: 'wide' }, 'Reason ', h('input', { name: 'reason', required: true, minlength: 3 })),
    h('button', { type: 'submit' }, 'Correct'),
    status,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(form)) as Record<string, string>;
    const optional = (key: string) => (data[key] ? { [key]: data[key] } : {});
    try {
      await sendJson('POST', '/api/corrections', {
        doc,
        event: Number(data.event),
        kind: data.kind,
        reason: data.reason,
        ...optional('source'),
        ...optional('target'),
        ...optional('cameo'),
        ...optional('modality'),
      });
      navigate(`/doc/${encode(doc)}`);
    } catch (error) {
      replace(status, errorNote(error));
    }
  });
  return h('details', null, h('summary', null, 'Correct an event'), form);
}
