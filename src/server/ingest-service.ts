/**
 * Coding on demand for the API: `analyse` codes a text or a page without storing it; `ingest` codes and stores it
 * and then announces it on the live bus, like a worker does. The server's `LiveBridge` hears the notice and
 * publishes each new event on the live stream, and each movement the new events made appear in their dyads (the
 * dyad analysed with and without the document, the difference published; `newMovements`); `ingest` waits for that
 * and answers with both.
 */
import type { DyadAnalysis, Movement } from '../analysis/index.js';
import { addDays } from '../analysis/periods.js';
import type { CodedDocument, Coder } from '../coder/types.js';
import type { SourceItem } from '../ingest/file-sources.js';
import { emptySummary, ingestItem } from '../ingest/ingest-documents.js';
import type { FetchLimits } from '../ingest/safe-fetch.js';
import { urlItem } from '../ingest/url-source.js';
import type { LiveBus } from '../queue/live-bus.js';
import { cleanText, documentId } from '../store/document-id.js';
import { dyadSide } from '../store/dyad-key.js';
import type { PutStatus, Store, StoredEvent } from '../store/store.js';
import { analyseEvents, dyadEvents, EVENT_ANALYSIS_LIMIT, eventPairTags } from './dyad-analysis.js';
import { HttpError } from './http-error.js';
import type { LiveBridge } from './live-bridge.js';
import type { AnalyseBody } from './schemas.js';

export interface LiveMovement extends Omit<Movement, 'index'> {
  dyad: string;
  a: string;
  b: string;
}

export interface IngestOutcome {
  status: PutStatus;
  document: string;
  events: StoredEvent[];
  movements: LiveMovement[];
}

export interface IngestServiceOptions {
  store: Store;
  coder: () => Promise<Coder>;
  /** Where stored documents are announced (this server's bridge and every other server hear it). */
  bus: LiveBus;
  /** This server's bridge, to wait for the announced document to be published. */
  bridge: LiveBridge;
  fetchLimits?: FetchLimits;
  /** Called after every stored document with the pairs of its events (null: too many to list), so caches drop them. */
  onWrite?: (pairs: readonly string[] | null) => void;
}

/** How long `publishStored` waits for the bus to bring its notice back before handing it to the bridge itself. */
const BUS_WAIT_MS = 3000;
/** Most events a notice lists by id (the rest are read from the store by document). */
const MAX_LISTED = 10_000;

/** Days of history before the new events that movement detection looks at. */
const MOVEMENT_CONTEXT_DAYS = 365;

const today = () => new Date().toISOString().slice(0, 10);

export class IngestService {
  constructor(readonly options: IngestServiceOptions) {}

  /** Fetches the page or takes the text, as an ingest item; 422 when the page cannot be used. */
  async item(body: AnalyseBody): Promise<SourceItem & { document: NonNullable<SourceItem['document']> }> {
    if (body.url !== undefined) {
      const item = await urlItem(body.url, this.options.fetchLimits ?? {});
      if (item.document === undefined) throw new HttpError(422, `${body.url}: ${item.error ?? 'unreadable'}`);
      const document = { ...item.document };
      if (body.date) document.date = body.date;
      if (body.title) document.title = body.title;
      return { ...item, document };
    }
    const text = body.text ?? '';
    if (cleanText(text) === '') throw new HttpError(422, 'the text is empty');
    return {
      where: 'api',
      bytes: text.length,
      document: {
        text,
        date: body.date ?? today(),
        published: body.date ?? null,
        title: body.title ?? null,
        source: 'api',
      },
    };
  }

  /** Codes without storing: the sentences and events of the text or page. */
  async analyse(body: AnalyseBody): Promise<{ document: SourceItem['document']; coded: CodedDocument }> {
    const item = await this.item(body);
    const coder = await this.options.coder();
    const text = cleanText(item.document.text);
    const coded = coder.codeDocument({
      id: documentId(text),
      date: item.document.date,
      text,
      ...(item.document.title ? { title: item.document.title } : {}),
    });
    return { document: { ...item.document, text }, coded };
  }

  /** Codes, stores and publishes a text or page. */
  async ingest(body: AnalyseBody): Promise<IngestOutcome> {
    return this.ingestSourceItem(await this.item(body));
  }

  /** Codes, stores and publishes one item (also used for feed items the server polls). */
  async ingestSourceItem(item: SourceItem): Promise<IngestOutcome> {
    const { store } = this.options;
    const coder = await this.options.coder();
    const summary = emptySummary();
    const id = await ingestItem(item, { store, coder }, summary);
    if (id === null) throw new HttpError(422, summary.errors[0] ?? 'the document could not be coded');
    const status: PutStatus = summary.new > 0 ? 'new' : summary.versions > 0 ? 'version' : 'duplicate';
    if (status === 'duplicate') return { status, document: id, events: [], movements: [] };
    return this.publishStored(id, status);
  }

  /**
   * Announces a stored document on the live bus and waits until this server's bridge has published its events and
   * movements. Should the bus not bring the notice back in time (PostgreSQL unreachable), the notice goes to the
   * bridge directly; it publishes each event once either way.
   */
  async publishStored(id: string, status: PutStatus): Promise<IngestOutcome> {
    const { store, bus, bridge } = this.options;
    const page = await store.queryEvents({ doc: id, limit: MAX_LISTED, order: 'asc' });
    this.options.onWrite?.(page.next === null ? eventPairTags(page.items) : null);
    const ids = page.items.map((event) => event.id).sort((a, b) => a - b);
    const notice = { kind: 'stored', doc: id, events: ids.length, ids: page.next === null ? ids : null } as const;
    const delivered = bridge.delivered(id, BUS_WAIT_MS);
    let delivery = await bus.publish(notice).then(
      () => delivered,
      () => null,
    );
    if (delivery === null) {
      const direct = bridge.delivered(id, BUS_WAIT_MS * 10);
      bridge.accept(notice);
      delivery = await direct;
    }
    return { status, document: id, events: delivery?.events ?? page.items, movements: delivery?.movements ?? [] };
  }

  /** Movements present in each touched dyad with the document's events and absent without them. */
  async newMovements(id: string, events: readonly StoredEvent[]): Promise<LiveMovement[]> {
    const dyads = new Set<string>();
    for (const event of events) {
      const [a, b] = [dyadSide(event.source), dyadSide(event.target)].sort();
      if (a !== b) dyads.add(`${a}-${b}`);
    }
    const found: LiveMovement[] = [];
    const dates = events.map((event) => event.date).sort();
    const earliest = dates[0] ?? '';
    // The year before the new events and the days they cover: enough context for change points near them, and a
    // bounded cost however long the dyad's history is.
    const from = addDays(earliest, -MOVEMENT_CONTEXT_DAYS);
    const to = dates[dates.length - 1] ?? earliest;
    for (const dyad of dyads) {
      // Lets the events just published reach the live stream before the analysis takes the CPU.
      await new Promise((resolve) => setImmediate(resolve));
      const all = await dyadEvents(this.options.store, dyad, from, to);
      if (all.length >= EVENT_ANALYSIS_LIMIT) continue;
      const without = all.filter((event) => event.doc !== id);
      const after = safeAnalysis(all, dyad);
      if (after === null) continue;
      const before = without.length > 0 ? safeAnalysis(without, dyad) : null;
      const known = new Set((before?.movements ?? []).map(movementKey));
      const [a = '', b = ''] = dyad.split('-');
      for (const movement of after.movements) {
        if (known.has(movementKey(movement)) || movement.end < earliest) continue;
        const { index: _index, ...rest } = movement;
        found.push({ ...rest, dyad, a, b });
      }
    }
    return found;
  }
}

function movementKey(movement: Movement): string {
  return `${movement.label}:${movement.start}`;
}

function safeAnalysis(events: readonly StoredEvent[], dyad: string): DyadAnalysis | null {
  try {
    return analyseEvents(events, dyad);
  } catch {
    return null;
  }
}
