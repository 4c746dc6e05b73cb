/**
 * The live stream connection shared by all pages: one EventSource on `/api/live`, its state shown in the header,
 * messages handed to whichever page listens. The browser resumes with Last-Event-ID after a drop by itself.
 */
export type LiveState = 'connecting' | 'open' | 'offline';
type Listener = (type: string, data: unknown, id: string) => void;

const listeners = new Set<Listener>();
let source: EventSource | null = null;
let state: LiveState = 'connecting';

function show(next: LiveState): void {
  state = next;
  const badge = document.getElementById('connection');
  if (!badge) return;
  badge.dataset.state = next;
  badge.textContent = next === 'open' ? 'Live' : next === 'connecting' ? 'Connecting…' : 'Offline — retrying';
  badge.title = next === 'open' ? 'Connected to the live stream' : 'The live stream is not connected';
}

export function liveState(): LiveState {
  return state;
}

export function connectLive(): void {
  if (source) return;
  show('connecting');
  source = new EventSource('/api/live');
  source.addEventListener('open', () => show('open'));
  source.addEventListener('error', () => show(source?.readyState === EventSource.CLOSED ? 'offline' : 'connecting'));
  for (const type of ['event', 'movement', 'document', 'gap', 'hello']) {
    source.addEventListener(type, (message) => {
      show('open');
      const event = message as MessageEvent<string>;
      let data: unknown = null;
      try {
        data = JSON.parse(event.data);
      } catch {
        return;
      }
      for (const listener of listeners) listener(type, data, event.lastEventId);
    });
  }
  window.addEventListener('offline', () => show('offline'));
}

export function onLive(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
