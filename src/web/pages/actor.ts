/** The actor page: who the code is, the dyads it is part of and its latest events. */
import { type EventRow, getJson } from '../api.js';
import { actorLink, dyadLink, eventTable, section } from '../components.js';
import { encode, h } from '../dom.js';

interface ActorResponse {
  code: string;
  actor: { code: string; label: string; firstSeen: string; lastSeen: string; events: number } | null;
  related: { code: string; label: string; events: number }[];
  dyads: { dyad: string; events: number; forward: number; rearward: number; goldsteinMean: number }[];
  events: EventRow[];
}

export async function renderActor(main: HTMLElement, params: string[], signal: AbortSignal): Promise<void> {
  const code = (params[0] ?? '').toUpperCase();
  const found = await getJson<ActorResponse>(`/api/actors/${encode(code)}`, signal);
  const actor = found.actor;
  main.append(
    h(
      'div',
      { class: 'page-head' },
      h('p', { class: 'eyebrow' }, 'Actor'),
      h('h1', null, actor?.label ?? code, ' ', h('code', { class: 'code big' }, code)),
      actor
        ? h('p', { class: 'muted small' }, `${actor.events} events, seen ${actor.firstSeen} to ${actor.lastSeen}`)
        : null,
      found.related.length > 0
        ? h(
            'p',
            { class: 'chips' },
            'Also: ',
            found.related.map((r) => [actorLink(r.code, r.label), ' ']),
          )
        : null,
    ),
    h(
      'div',
      { class: 'grid-2' },
      section(
        'Dyads',
        found.dyads.length === 0
          ? h('p', { class: 'muted' }, 'No dyads.')
          : h(
              'ol',
              { class: 'rank' },
              found.dyads.map((d) =>
                h(
                  'li',
                  null,
                  dyadLink(d.dyad),
                  h(
                    'span',
                    { class: 'muted small' },
                    ` ${d.events} events · ▲ ${d.forward} ▼ ${d.rearward} · mean ${d.goldsteinMean.toFixed(1)}`,
                  ),
                ),
              ),
            ),
      ),
      section(
        'Latest events',
        found.events.length === 0 ? h('p', { class: 'muted' }, 'None.') : eventTable(found.events),
      ),
    ),
  );
}
