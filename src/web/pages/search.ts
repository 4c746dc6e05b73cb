/** Global search: actors, documents and events matching the text. */
import { type EventRow, getJson } from '../api.js';
import { actorLink, eventTable, section } from '../components.js';
import { encode, h } from '../dom.js';

interface SearchResponse {
  actors: { code: string; label: string; events: number }[];
  documents: { id: string; title: string | null; date: string; snippet: string }[];
  events: EventRow[];
}

export async function renderSearch(main: HTMLElement, _params: string[], signal: AbortSignal): Promise<void> {
  const q = new URL(window.location.href).searchParams.get('q')?.trim() ?? '';
  const input = document.getElementById('global-search') as HTMLInputElement | null;
  if (input) input.value = q;
  main.append(h('div', { class: 'page-head' }, h('p', { class: 'eyebrow' }, 'Search'), h('h1', null, `“${q}”`)));
  if (q.length < 2) {
    main.append(h('p', { class: 'muted' }, 'Type at least two characters.'));
    return;
  }
  const found = await getJson<SearchResponse>(`/api/search?q=${encode(q)}&limit=20`, signal);
  main.append(
    h(
      'div',
      { class: 'grid-2' },
      section(
        `Actors (${found.actors.length})`,
        found.actors.length === 0
          ? h('p', { class: 'muted' }, 'None.')
          : h(
              'ul',
              { class: 'rank' },
              found.actors.map((a) =>
                h(
                  'li',
                  null,
                  actorLink(a.code, a.label),
                  ` ${a.label} `,
                  h('span', { class: 'muted small' }, `${a.events} events`),
                ),
              ),
            ),
      ),
      section(
        `Documents (${found.documents.length})`,
        found.documents.length === 0
          ? h('p', { class: 'muted' }, 'None.')
          : h(
              'ul',
              { class: 'docs' },
              found.documents.map((d) =>
                h(
                  'li',
                  null,
                  h('a', { href: `/doc/${encode(d.id)}` }, d.title ?? d.id.slice(0, 18)),
                  h('span', { class: 'muted small' }, ` ${d.date}`),
                  h('p', { class: 'snippet' }, d.snippet),
                ),
              ),
            ),
      ),
    ),
    section(
      `Events (${found.events.length})`,
      found.events.length === 0 ? h('p', { class: 'muted' }, 'None.') : eventTable(found.events),
    ),
  );
}
