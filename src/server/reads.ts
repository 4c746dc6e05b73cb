/**
 * The costly reads of the API: a dyad's analysis (tens of milliseconds for a busy dyad), its series as JSON (a
 * couple of milliseconds and some 150 KB for ten years of weeks) and a page of events as JSON (a text search scans
 * up to 50,000 events). They run in the server's own thread (`inProcessReads`) or on worker threads (`ReadPool`,
 * `read-pool.ts`), which keeps the event loop free for the live stream and cached answers while they compute.
 */
import type { EventQuery, Store } from '../store/store.js';
import {
  type DyadAnalysisRequest,
  loadDyadAnalysis,
  loadDyadSeries,
  type ServedDyadAnalysis,
} from './dyad-analysis.js';
import { searchEvents } from './event-search.js';
import { seriesJsonText } from './series-json.js';

export interface Reads {
  /** The `/series` answer as UTF-8 JSON; rejects with a 404 `HttpError` when the dyad has no events in range. */
  seriesJson(request: DyadAnalysisRequest): Promise<Uint8Array<ArrayBuffer>>;
  analysis(request: DyadAnalysisRequest): Promise<ServedDyadAnalysis>;
  /** A page of events as UTF-8 JSON (`Page<StoredEvent>`), of those whose text contains `q` when given. */
  eventPageJson(query: EventQuery, q?: string): Promise<Uint8Array<ArrayBuffer>>;
  close(): Promise<void>;
}

const utf8 = new TextEncoder();

/** The `/series` answer: the head (dyad, sides, basis, event count) and the series without its reports. */
async function seriesAnswerJson(store: Store, request: DyadAnalysisRequest): Promise<Uint8Array<ArrayBuffer>> {
  const { series, ...head } = await loadDyadSeries(store, request);
  // Encoded once here, so a cached answer is written to every later reader without converting it again.
  return utf8.encode(`${JSON.stringify(head).slice(0, -1)},"series":${seriesJsonText(series)}}`);
}

/** The reads on the server's own thread. */
export function inProcessReads(store: Store): Reads {
  return {
    seriesJson: (request) => seriesAnswerJson(store, request),
    analysis: (request) => loadDyadAnalysis(store, request),
    eventPageJson: async (query, q) =>
      utf8.encode(
        q === undefined ? await store.queryEventsJson(query) : JSON.stringify(await searchEvents(store, query, q)),
      ),
    close: async () => {},
  };
}
