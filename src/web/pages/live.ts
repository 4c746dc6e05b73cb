/**
 * The home page, "watch live": the newest events as they are coded, movements as they are detected, the dyads
 * moving most this week and the busiest dyads. New items arrive over the live stream without a reload.
 */
import { type DyadChange, type EventRow, getJson, type Movement, type Page } from '../api.js';
import { dyadLink, errorNote, eventCard, loading, movementCard, section } from '../components.js';
import { h, replace } from '../dom.js';
import { onLive } from '../live-connection.js';

const MAX_CARDS = 60;

interface LiveMessage {
  id: number;
  type: string;
  data: unknown;
}

export async function renderLive(main: HTMLElement, _params: string[], signal: AbortSignal): Promise<void> {
  const stream = h('div', { class: 'stream', 'aria-live': 'polite', 'aria-relevant': 'additions', id: 'live-events' });
  const movements = h('div', { class: 'stream', id: 'live-movements' });
  const moving = h('div', null, loading());
  const busiest = h('div', null, loading());
  const counter = h('span', { class: 'muted', id: 'live-count' });
  main.append(
    h(
      'div',
      { class: 'page-head' },
      h('h1', null, 'Watch live'),
      h('p', { class: 'lede' }, 'Events as they are coded, movements as they are detected. ', counter),
    ),
    h(
      'div',
      { class: 'grid-live' },
      section('Newest events', stream),
      h(
        'div',
        { class: 'side' },
        section('Movements', movements),
        section('Moving most this week', moving),
        section('Busiest dyads', busiest),
      ),
    ),
  );

  let fresh = 0;
  const seen = new Set<string>();
  const addEvent = (event: EventRow, isFresh: boolean, atTop: boolean) => {
    const key = `${event.doc}:${event.sentence}:${event.cameo}:${event.source}:${event.target}`;
    if (seen.has(key)) return;
    seen.add(key);
    const card = eventCard(event, { fresh: isFresh });
    if (atTop) stream.prepend(card);
    else stream.append(card);
    while (stream.children.length > MAX_CARDS) stream.lastElementChild?.remove();
  };
  const addMovement = (movement: Movement, isFresh: boolean) => {
    movements.querySelector('.empty')?.remove();
    movements.prepend(movementCard(movement, { fresh: isFresh }));
    while (movements.children.length > 20) movements.lastElementChild?.remove();
  };

  const unsubscribe = onLive((type, data) => {
    if (type === 'event') {
      addEvent(data as EventRow, true, true);
      fresh++;
      counter.textContent = `${fresh} new since you opened this page.`;
    } else if (type === 'movement') addMovement(data as Movement, true);
  });
  signal.addEventListener('abort', unsubscribe);

  const [recent, stored] = await Promise.all([
    getJson<{ items: LiveMessage[] }>('/api/live/recent?limit=200', signal),
    getJson<Page<EventRow>>('/api/events?order=desc&limit=40', signal),
  ]);
  for (const message of recent.items) {
    if (message.type === 'event') addEvent(message.data as EventRow, false, true);
    if (message.type === 'movement') addMovement(message.data as Movement, false);
  }
  for (const event of stored.items) addEvent(event, false, false);
  if (stream.children.length === 0)
    stream.append(h('p', { class: 'muted empty' }, 'No events yet. Ingest a document.'));
  if (movements.children.length === 0) await latestMovements(movements, signal);

  getJson<{ since: string | null; until: string | null; movedMost: DyadChange[] }>('/api/dyads/moving?limit=8', signal)
    .then((ranking) => {
      if (ranking.movedMost.length === 0) return replace(moving, h('p', { class: 'muted' }, 'Nothing moved.'));
      replace(
        moving,
        h('p', { class: 'muted small' }, `${ranking.since} to ${ranking.until}`),
        h(
          'ol',
          { class: 'rank' },
          ranking.movedMost.map((change) =>
            h(
              'li',
              null,
              h(
                'span',
                { class: `delta ${change.change >= 0 ? 'forward' : 'rearward'}` },
                `${change.change >= 0 ? '▲' : '▼'} ${Math.abs(change.change).toFixed(1)}`,
              ),
              dyadLink(change.dyad),
              h('span', { class: 'muted small block' }, change.reason),
            ),
          ),
        ),
      );
    })
    .catch((error) => !signal.aborted && replace(moving, errorNote(error)));

  getJson<{ items: { dyad: string; events: number; goldsteinMean: number }[] }>('/api/dyads?limit=8', signal)
    .then((top) =>
      replace(
        busiest,
        h(
          'ol',
          { class: 'rank' },
          top.items.map((dyad) =>
            h(
              'li',
              null,
              dyadLink(dyad.dyad),
              h('span', { class: 'muted small' }, ` ${dyad.events} events, mean ${dyad.goldsteinMean.toFixed(1)}`),
            ),
          ),
        ),
      ),
    )
    .catch((error) => !signal.aborted && replace(busiest, errorNote(error)));
}

/** Before anything is detected live: the latest movements of the busiest dyads, so the panel is never blank. */
async function latestMovements(target: HTMLElement, signal: AbortSignal): Promise<void> {
  try {
    const top = await getJson<{ items: { dyad: string }[] }>('/api/dyads?limit=3', signal);
    const found = await Promise.all(
      top.items.map((dyad) =>
        getJson<{ movements: Movement[] }>(`/api/dyads/${encodeURIComponent(dyad.dyad)}/movements`, signal).then(
          (answer) => answer.movements.slice(-2).map((movement) => ({ ...movement, dyad: dyad.dyad })),
        ),
      ),
    );
    const latest = found.flat().sort((a, b) => (a.start < b.start ? 1 : -1));
    if (latest.length === 0) {
      target.append(h('p', { class: 'muted empty' }, 'No movement detected yet.'));
      return;
    }
    target.append(h('p', { class: 'muted small empty' }, 'Latest in the busiest dyads; new ones appear here live.'));
    for (const movement of latest) target.append(movementCard(movement));
  } catch (error) {
    if (!signal.aborted) target.append(errorNote(error));
  }
}
