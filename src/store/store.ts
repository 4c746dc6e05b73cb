/**
 * The store's one interface. `sqlite/` and `postgres/` implement it over one schema (`migrations.ts`); the CLI,
 * the analysis and the server only ever see this.
 */
import type { Direction, EventOrigin, EventRecord, Modality, QuadClass } from '../coder/event.js';
import type { CodedDocument } from '../coder/types.js';
import type { AuditStore } from './audit-log.js';
import type { CommentaryStore } from './commentary.js';
import type { Dialect } from './driver.js';
import type { AccountStore } from './users.js';

/** A document as ingest hands it over, before it has an id. */
export interface DocumentInput {
  text: string;
  url?: string | null;
  title?: string | null;
  author?: string | null;
  /** ISO date (YYYY-MM-DD) of publication. */
  published?: string | null;
  /** Where it came from: a file path, a feed URL, `stdin` … */
  source?: string | null;
  feedId?: number | null;
  language?: string | null;
  /** The id the input carried (a JSONL `id`), kept for reference. */
  externalId?: string | null;
  /** The coder's version string (`Coder.version`) the events came from. */
  coder?: string | null;
}

export interface StoredDocument {
  /** `sha256:<hex>` of the normalised text. */
  id: string;
  url: string | null;
  title: string | null;
  author: string | null;
  published: string | null;
  source: string | null;
  feedId: number | null;
  language: string | null;
  externalId: string | null;
  ingestedAt: string;
  /** The id of the version this one replaced (same URL, different text), or null. */
  previousVersion: string | null;
  version: number;
  coder: string | null;
  sentenceCount: number;
  eventCount: number;
}

export interface StoredSentence {
  index: number;
  text: string;
  span: [number, number];
}

/** An event as stored: the event record plus the store's own columns. */
export interface StoredEvent extends EventRecord {
  id: number;
  origin: EventOrigin;
  /** Directed country-level dyad, `SOURCE-TARGET` (`USA-PRK`); see `dyad-key.ts`. */
  dyad_key: string;
  /** GDELT's GlobalEventID (`gdelt:123`) for imported events. */
  external_id: string | null;
  /** Source article URL, for imported events that have no stored document. */
  url: string | null;
  /** The correction that produced or changed this event, if any. */
  correction_id: number | null;
}

export type PutStatus = 'new' | 'version' | 'duplicate';

export interface PutResult {
  status: PutStatus;
  id: string;
  previousVersion: string | null;
  sentences: number;
  events: number;
}

/** One page of a listing; pass `next` back as `cursor` for the following page (null at the end). */
export interface Page<T> {
  items: T[];
  next: string | null;
}

/**
 * Filters for events. Actor codes match by prefix (`PRK` matches `PRK`, `PRKGOV`, `PRKMIL`); `dyad` is the
 * country-level `SOURCE-TARGET` key, directed unless `undirected` is set. Dates are inclusive.
 */
export interface EventQuery {
  dyad?: string;
  undirected?: boolean;
  actor?: string;
  source?: string;
  target?: string;
  from?: string;
  to?: string;
  doc?: string;
  origin?: EventOrigin;
  quad?: QuadClass;
  root?: string;
  cameo?: string;
  plover?: string;
  direction?: Direction;
  modality?: Modality;
  negated?: boolean;
  /**
   * Only events stored after this id, in id order (not date order) and without a cursor: page by passing the last
   * id back. For readers catching up with what was stored since (the live view after a lost connection).
   */
  afterId?: number;
  /** Page size, default 100, at most 10,000. */
  limit?: number;
  cursor?: string | null;
  order?: 'asc' | 'desc';
}

/** One day of a dyad in the roll-up. */
export interface DyadDay {
  day: string;
  events: number;
  /** Counts per QuadClass: verbal coop., material coop., verbal conflict, material conflict. */
  quad: [number, number, number, number];
  goldsteinSum: number;
  goldsteinMean: number;
  forward: number;
  rearward: number;
  neutral: number;
}

export interface DyadSeriesQuery {
  /** `SOURCE-TARGET`, country level (`USA-PRK`). */
  dyad: string;
  from?: string;
  to?: string;
  /** Both directions summed (`USA-PRK` + `PRK-USA`). */
  undirected?: boolean;
}

/** One period (day, Monday-based week or calendar month) of a dyad, summed from the roll-up by the database. */
export interface DyadPeriod {
  /** The first and the last day in the period that have events. */
  day: string;
  lastDay: string;
  events: number;
  quad: [number, number, number, number];
  goldsteinSum: number;
  /**
   * The sums of the period's days whose Goldstein sum (both directions together when undirected) is positive, and
   * minus the sums of the other days: what a series built from daily rows calls cooperative and conflictual.
   */
  cooperative: number;
  conflictual: number;
  forward: number;
  rearward: number;
  neutral: number;
}

export interface DyadPeriodQuery extends DyadSeriesQuery {
  resolution: 'day' | 'week' | 'month';
}

export interface DyadVolume {
  /** `SOURCE-TARGET`; for undirected queries the two codes in alphabetical order. */
  dyad: string;
  source: string;
  target: string;
  events: number;
  goldsteinMean: number;
  forward: number;
  rearward: number;
  neutral: number;
}

export interface TopDyadsQuery {
  from?: string;
  to?: string;
  limit?: number;
  undirected?: boolean;
}

export interface ActorSeen {
  code: string;
  /** The most recent surface text the actor was coded from ("North Korea"). */
  label: string;
  firstSeen: string;
  lastSeen: string;
  events: number;
}

export interface DocumentListQuery {
  url?: string;
  source?: string;
  feedId?: number;
  /** Published date range (inclusive). */
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string | null;
}

/**
 * An analyst's override, kept apart from coded events so it survives re-coding: each time a document's events are
 * (re)written, its corrections are applied again. `delete` drops the coded events it matches, `replace` changes
 * fields of the events it matches, `add` adds an event of its own (origin `analyst`). Match fields left out match
 * anything.
 */
export interface CorrectionInput {
  doc: string;
  action: 'delete' | 'replace' | 'add';
  sentence?: number | null;
  matchSource?: string | null;
  matchTarget?: string | null;
  matchCameo?: string | null;
  /** For `replace`: the fields to change; for `add`: the event (doc and sentence default to the correction's). */
  fields?: Partial<EventRecord>;
  author?: string | null;
  note?: string | null;
}

export interface Correction extends Required<Omit<CorrectionInput, 'fields'>> {
  id: number;
  fields: Partial<EventRecord>;
  createdAt: string;
}

/** An event from outside (GDELT): no stored document, an external id that makes importing idempotent. */
export interface ExternalEvent extends EventRecord {
  external_id: string;
  url: string | null;
}

export interface Feed {
  id: number;
  url: string;
  title: string | null;
  etag: string | null;
  lastModified: string | null;
  intervalMinutes: number;
  addedAt: string;
  lastPolledAt: string | null;
  lastSuccessAt: string | null;
  /** The last poll's error, or null when it succeeded. */
  error: string | null;
  /** Consecutive failed polls; the back-off doubles with each. */
  errorCount: number;
  nextPollAt: string;
}

export type FeedUpdate = Partial<
  Pick<
    Feed,
    'title' | 'etag' | 'lastModified' | 'lastPolledAt' | 'lastSuccessAt' | 'error' | 'errorCount' | 'nextPollAt'
  >
>;

export interface StoreStats {
  documents: number;
  sentences: number;
  events: number;
  dyadDays: number;
  actors: number;
  feeds: number;
  corrections: number;
}

export interface Store {
  readonly dialect: Dialect;
  /** Where the data lives: a file path or a PostgreSQL URL without its password. */
  readonly location: string;

  // Documents
  hasDocument(id: string): Promise<boolean>;
  /**
   * Stores a document with its coded sentences and events (corrections for it applied) in one transaction.
   * The id is the hash of the normalised text: storing the same text again is a no-op (`duplicate`); a known URL
   * with new text becomes a new version linked to the previous one.
   */
  putDocument(input: DocumentInput, coded: CodedDocument): Promise<PutResult>;
  /** Replaces a stored document's sentences and events with a fresh coding, re-applying its corrections. */
  replaceCoding(id: string, coded: CodedDocument, coder: string): Promise<{ events: number }>;
  getDocument(
    id: string,
  ): Promise<{ document: StoredDocument; text: string; sentences: StoredSentence[]; events: StoredEvent[] } | null>;
  listDocuments(query?: DocumentListQuery): Promise<Page<StoredDocument>>;
  /** Ids, texts and dates of stored documents in a stable order, a page at a time (for `recode`). */
  documentTexts(
    cursor: string | null,
    limit: number,
  ): Promise<Page<{ id: string; text: string; date: string; title: string | null }>>;

  // Events
  /** Stores external (GDELT) events; ones already stored (same external id) are skipped. */
  putExternalEvents(events: readonly ExternalEvent[]): Promise<{ inserted: number; duplicates: number }>;
  queryEvents(query?: EventQuery): Promise<Page<StoredEvent>>;
  /** The same page as `queryEvents`, as its JSON text (`{"items":[…],"next":…}`), built as cheaply as the database allows. */
  queryEventsJson(query?: EventQuery): Promise<string>;
  dyadSeries(query: DyadSeriesQuery): Promise<DyadDay[]>;
  /**
   * The roll-up summed per period in the database: a whole-range weekly series of a busy dyad is some 500 rows
   * instead of 3,650 daily rows per direction. The periods may be shared with later answers (a read-only store
   * keeps them, `period-memo.ts`): read them, do not change them.
   */
  dyadPeriods(query: DyadPeriodQuery): Promise<readonly Readonly<DyadPeriod>[]>;
  topDyads(query?: TopDyadsQuery): Promise<DyadVolume[]>;
  /**
   * A number that changes whenever another connection or process commits to the database, or null when the
   * database cannot tell cheaply (PostgreSQL). SQLite's `PRAGMA data_version`: caches of read answers stay valid
   * while it stays the same (this connection's own writes are the caller's to notice).
   */
  changeMark(): Promise<number | null>;
  searchActors(text: string, limit?: number): Promise<ActorSeen[]>;

  // Corrections
  addCorrection(correction: CorrectionInput): Promise<Correction>;
  listCorrections(doc?: string): Promise<Correction[]>;
  removeCorrection(id: number): Promise<boolean>;

  // Feeds
  addFeed(url: string, options?: { intervalMinutes?: number; title?: string | null }): Promise<Feed>;
  listFeeds(): Promise<Feed[]>;
  getFeed(idOrUrl: number | string): Promise<Feed | null>;
  updateFeed(id: number, update: FeedUpdate): Promise<void>;
  removeFeed(id: number): Promise<boolean>;
  /** Records a feed item as seen; false if it was seen before (so it is fetched once). */
  markFeedItem(feedId: number, guid: string, url: string | null, docId: string | null): Promise<boolean>;
  hasFeedItem(feedId: number, guid: string): Promise<boolean>;

  // Members (issue 6): each part is one small interface in its own file, written once for both databases.
  /** Users, sessions and personal API tokens (`users.ts`). */
  readonly accounts: AccountStore;
  /** Members' commentary and its analyst events (`commentary.ts`). */
  readonly commentary: CommentaryStore;
  /** Who wrote what, when, from where (`audit-log.ts`). */
  readonly audit: AuditStore;

  stats(): Promise<StoreStats>;
  close(): Promise<void>;
}
