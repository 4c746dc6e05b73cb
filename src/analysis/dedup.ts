/**
 * Near-duplicate events across documents become one report. One wire story repeated by forty outlets is one
 * report with forty mentions, not forty events: otherwise the loudest story would drown every other signal.
 *
 * Two events are the same report when they have the same source, target and CAMEO code, come from different
 * documents, are dated within `dayWindow` days (default 1) of the report's first date, and their evidence
 * is similar: the Jaccard overlap of their word sets is at least `minSimilarity` (default 0.5). Events from
 * the same document are never merged: a document that states two threats made two threats.
 */
import type { AnalysisEvent } from './analysis-event.js';
import { DEFAULT_MODALITY_WEIGHTS, type ModalityWeights, modalityWeight } from './modality-weights.js';
import { dayNumber } from './periods.js';

/** One de-duplicated event: the first event seen, how often it was repeated, and by whom. */
export interface Report {
  /** The representative event (the earliest; on equal dates the most confident). */
  event: AnalysisEvent;
  /** How many events (across documents) were merged into this report. */
  mentions: number;
  /** Distinct documents that carry it. */
  docs: string[];
  /** Distinct publishers that carry it (empty when events carry no publisher). */
  publishers: string[];
  /** Modality multiplier of the representative event (see `modality-weights.ts`). */
  weight: number;
  /** Its contribution to net cooperation: Goldstein × weight. */
  score: number;
}

export interface DedupOptions {
  /** Maximum distance in days from the report's date (default 1). */
  dayWindow?: number;
  /** Minimum Jaccard similarity of evidence word sets (default 0.5). */
  minSimilarity?: number;
  weights?: ModalityWeights;
}

const STOPWORDS = new Set(['the', 'and', 'for', 'with', 'that', 'this', 'from', 'was', 'were', 'has', 'had', 'have']);

/** The set of content words of an evidence string (lower-cased, three letters or more, no stop words). */
export function evidenceWords(text: string): Set<string> {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? [];
  return new Set(words.filter((word) => !STOPWORDS.has(word)));
}

/** Jaccard similarity of two word sets: 1 for equal sets, 0 for disjoint ones; two empty sets count as equal. */
export function jaccard(left: Set<string>, right: Set<string>): number {
  if (left.size === 0 && right.size === 0) return 1;
  let shared = 0;
  for (const word of left) if (right.has(word)) shared++;
  return shared / (left.size + right.size - shared);
}

interface OpenReport {
  report: Report;
  day: number;
  words: Set<string>;
}

/**
 * Merges near-duplicates (see the module comment) and returns reports in date order.
 * `dedupEvents(events).length` is the number of distinct reports; `Σ mentions` is `events.length`.
 */
export function dedupEvents(events: readonly AnalysisEvent[], options: DedupOptions = {}): Report[] {
  const dayWindow = options.dayWindow ?? 1;
  const minSimilarity = options.minSimilarity ?? 0.5;
  const weights = options.weights ?? DEFAULT_MODALITY_WEIGHTS;
  const sorted = [...events].sort(
    (x, y) => x.date.localeCompare(y.date) || (y.confidence ?? 0) - (x.confidence ?? 0) || x.doc.localeCompare(y.doc),
  );
  const open = new Map<string, OpenReport[]>();
  const reports: Report[] = [];
  for (const event of sorted) {
    const day = dayNumber(event.date);
    const key = `${event.source}|${event.target}|${event.cameo}`;
    const candidates = (open.get(key) ?? []).filter((candidate) => day - candidate.day <= dayWindow);
    const words = evidenceWords(event.evidence);
    const match = candidates.find(
      (candidate) => !candidate.report.docs.includes(event.doc) && jaccard(candidate.words, words) >= minSimilarity,
    );
    if (match) {
      match.report.mentions++;
      match.report.docs.push(event.doc);
      if (event.publisher && !match.report.publishers.includes(event.publisher)) {
        match.report.publishers.push(event.publisher);
      }
    } else {
      const weight = modalityWeight(event, weights);
      const report: Report = {
        event,
        mentions: 1,
        docs: [event.doc],
        publishers: event.publisher ? [event.publisher] : [],
        weight,
        score: event.goldstein * weight,
      };
      reports.push(report);
      candidates.push({ report, day, words });
    }
    open.set(key, candidates);
  }
  return reports;
}
