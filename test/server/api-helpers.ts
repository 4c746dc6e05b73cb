/** An app over a fresh store (SQLite, or PostgreSQL when configured) with the fake coder, and request helpers. */
import { pino } from 'pino';
import { type AppOptions, createApp } from '../../src/server/app.js';
import type { Store } from '../../src/store/store.js';
import { fakeCoder } from './fake-coder.js';

export const LOOPBACK = { incoming: { socket: { remoteAddress: '127.0.0.1' } } };
export const REMOTE = { incoming: { socket: { remoteAddress: '203.0.113.9' } } };

export function testApp(store: Store, options: Partial<AppOptions> = {}) {
  const coder = fakeCoder();
  return createApp({
    store,
    coder: async () => coder,
    logger: pino({ level: 'silent' }),
    apiToken: null,
    webRoot: null,
    heartbeatMs: 200,
    ...options,
  });
}

export function json(body: unknown): RequestInit {
  return { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

/** Week `n` after 2018-01-01 as an ISO date. */
export function week(n: number): string {
  return new Date(Date.UTC(2018, 0, 1 + 7 * n)).toISOString().slice(0, 10);
}

/** Twelve weeks of USA and PRK warming, then eight of PRK turning hostile, plus a RUS–UKR pair. */
export function seedDocuments(): { text: string; date: string; title: string }[] {
  const documents: { text: string; date: string; title: string }[] = [];
  for (let n = 0; n < 12; n++) {
    documents.push({
      date: week(n),
      title: `Week ${n}: talks`,
      text: `USA praised PRK for the talks in week ${n}. PRKGOV met USAGOV in Panmunjom. Nothing else happened.`,
    });
  }
  for (let n = 12; n < 20; n++) {
    documents.push({
      date: week(n),
      title: `Week ${n}: threats`,
      text: `PRKGOV threatened USA over drills in week ${n}. PRKMIL attacked USA near the line.`,
    });
  }
  documents.push({ date: week(5), title: 'Kyiv', text: 'RUS threatened UKR at the border. UKR met USA in Kyiv.' });
  return documents;
}

/** Reads SSE frames from a response until `until` returns true or the time runs out. */
export async function readSse(
  response: Response,
  until: (frames: { event: string; id?: string; data: string }[]) => boolean,
  timeoutMs = 3000,
): Promise<{ event: string; id?: string; data: string }[]> {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  const frames: { event: string; id?: string; data: string }[] = [];
  let buffer = '';
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !until(frames)) {
    const chunk = await Promise.race([
      reader.read(),
      new Promise<null>((resolve) => setTimeout(() => resolve(null), Math.max(1, deadline - Date.now()))),
    ]);
    if (chunk === null || chunk.done) break;
    buffer += decoder.decode(chunk.value, { stream: true });
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const frame: { event: string; id?: string; data: string } = { event: 'message', data: '' };
      let isComment = true;
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) continue;
        isComment = false;
        const [field, ...rest] = line.split(':');
        const value = rest.join(':').replace(/^ /, '');
        if (field === 'event') frame.event = value;
        else if (field === 'id') frame.id = value;
        else if (field === 'data') frame.data += value;
      }
      if (!isComment) frames.push(frame);
      end = buffer.indexOf('\n\n');
    }
  }
  await reader.cancel().catch(() => {});
  return frames;
}
