/**
 * Paste a text or give a link, and see its events now: the text comes back with the evidence highlighted and the
 * events listed. Nothing is stored unless "Store it" is pressed (which needs write access).
 */
import { ApiError, type EventRow, postJson } from '../api.js';
import { errorNote, eventCard, loading, section } from '../components.js';
import { h, replace } from '../dom.js';
import { highlightedText } from '../highlight.js';

interface AnalyseResponse {
  document: { title: string | null; url: string | null; date: string; text: string };
  sentences: unknown[];
  events: EventRow[];
}

export function renderAnalyse(main: HTMLElement, _params: string[], signal: AbortSignal): void {
  const text = h('textarea', {
    id: 'analyse-text',
    name: 'text',
    rows: 10,
    placeholder: 'Paste a news report or a commentary…',
  });
  const url = h('input', { id: 'analyse-url', name: 'url', type: 'url', placeholder: 'https://…' });
  const date = h('input', { id: 'analyse-date', name: 'date', type: 'date' });
  const status = h('div', { role: 'status', 'aria-live': 'polite', class: 'muted small' });
  const result = h('div', { id: 'analyse-result' });
  const store = h('button', { type: 'button', class: 'ghost', disabled: true }, 'Store it');
  let last: Record<string, string> | null = null;

  const body = (): Record<string, string> | null => {
    const value: Record<string, string> = {};
    if (text.value.trim()) value.text = text.value;
    else if (url.value.trim()) value.url = url.value.trim();
    else return null;
    if (date.value) value.date = date.value;
    return value;
  };

  const form = h(
    'form',
    { class: 'analyse', 'aria-label': 'Analyse a text or a link' },
    h('label', { for: 'analyse-text' }, 'Text'),
    text,
    h(
      'div',
      { class: 'row' },
      h('div', { class: 'field' }, h('label', { for: 'analyse-url' }, 'or a link'), url),
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'analyse-date' }, 'Published (relative dates resolve against it)'),
        date,
      ),
    ),
    h('div', { class: 'row' }, h('button', { type: 'submit' }, 'Analyse'), store, status),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const request = body();
    if (request === null) {
      replace(status, 'Paste a text or give a link.');
      return;
    }
    replace(result, loading('Coding…'));
    replace(status, '');
    try {
      const started = performance.now();
      const found = await postJson<AnalyseResponse>('/api/analyse', request);
      if (signal.aborted) return;
      last = request;
      store.disabled = false;
      replace(
        status,
        `${found.events.length} events in ${found.sentences.length} sentences, ${Math.round(performance.now() - started)} ms.`,
      );
      replace(
        result,
        h(
          'div',
          { class: 'grid-doc' },
          section('Text', highlightedText(found.document.text, found.events)),
          section(
            `Events (${found.events.length})`,
            found.events.length === 0
              ? h('p', { class: 'muted' }, 'No events found in this text.')
              : h(
                  'div',
                  { class: 'stream', id: 'analyse-events' },
                  found.events.map((e) => eventCard(e)),
                ),
          ),
        ),
      );
    } catch (error) {
      replace(result, errorNote(error));
    }
  });
  store.addEventListener('click', async () => {
    if (last === null) return;
    try {
      const outcome = await postJson<{ status: string; document: string; events: unknown[] }>('/api/ingest', last);
      replace(
        status,
        outcome.status === 'duplicate' ? 'Already stored: ' : `Stored with ${outcome.events.length} events: `,
        h('a', { href: `/doc/${encodeURIComponent(outcome.document)}` }, 'open the document'),
      );
    } catch (error) {
      replace(
        status,
        error instanceof ApiError && error.status === 401
          ? 'Storing needs write access (an API token).'
          : String(error),
      );
    }
  });
  main.append(
    h(
      'div',
      { class: 'page-head' },
      h('p', { class: 'eyebrow' }, 'Analyse'),
      h('h1', null, 'What does this text say, who to whom?'),
      h(
        'p',
        { class: 'lede' },
        'Paste a text or give a link: its events are coded now, and nothing is stored unless you ask.',
      ),
    ),
    form,
    result,
  );
}
