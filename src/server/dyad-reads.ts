/**
 * The dyad reads the routes ask for, the costly ones of the API: a dyad's analysis (tens of milliseconds for a
 * busy dyad) and its series as JSON text (a couple of milliseconds and some 200 KB for ten years of weeks). They
 * run in the server's own thread (`inProcessDyadReads`) or on worker threads (`ReadPool`, `read-pool.ts`), which
 * keeps the event loop free for the live stream and cached answers while they compute.
 */
import type { Store } from '../store/store.js';
import {
  type DyadAnalysisRequest,
  loadDyadAnalysis,
  loadDyadSeries,
  type ServedDyadAnalysis,
} from './dyad-analysis.js';
import { seriesJsonText } from './series-json.js';

export interface DyadReads {
  /** The `/series` answer as UTF-8 JSON; rejects with a 404 `HttpError` when the dyad has no events in range. */
  seriesJson(request: DyadAnalysisRequest): Promise<Uint8Array<ArrayBuffer>>;
  analysis(request: DyadAnalysisRequest): Promise<ServedDyadAnalysis>;
  close(): Promise<void>;
}

const utf8 = new TextEncoder();

/** The `/series` answer: the head (dyad, sides, basis, event count) and the series without its reports. */
export async function seriesAnswerJson(store: Store, request: DyadAnalysisRequest): Promise<Uint8Array<ArrayBuffer>> {
  const { series, ...head } = await loadDyadSeries(store, request);
  // Encoded once here, so a cached answer is written to every later reader without converting it again.
  return utf8.encode(`${JSON.stringify(head).slice(0, -1)},"series":${seriesJsonText(series)}}`);
}

/** The reads on the server's own thread. */
export function inProcessDyadReads(store: Store): DyadReads {
  return {
    seriesJson: (request) => seriesAnswerJson(store, request),
    analysis: (request) => loadDyadAnalysis(store, request),
    close: async () => {},
  };
}
