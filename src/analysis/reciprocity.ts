/**
 * Who answered whom. For each move of A toward B (a report A→B with |score| ≥ `minScore`), B's response is
 * the sum of B→A scores in the `windowDays` (default 14) from the move's day:
 *
 * - `ignored`: no B→A report of weight in the window;
 * - to a cooperative move: `reciprocated` if B answered cooperatively on balance, `escalated` if with conflict;
 * - to a conflictual move: `reciprocated` (in kind) if B answered with conflict no more than `1 + tolerance`
 *   (default 1.5) times as strong, `escalated` if stronger, `de-escalated` if B answered cooperatively.
 *
 * The tit-for-tat score of a side is the share of its partner's moves it reciprocated in kind (0 … 1; null with
 * no moves). The lagged cross-correlation of the two directed `net` series says whether B's line follows A's
 * (a peak at a positive lag k: B echoes A k periods later).
 */
import type { Report } from './dedup.js';
import { type CitedEvent, citeReport } from './movements.js';
import { addDays } from './periods.js';
import { firstOnOrAfter, reportsByDate } from './reports-by-date.js';
import type { DyadSeries } from './series.js';

export type ResponseKind = 'reciprocated' | 'escalated' | 'de-escalated' | 'ignored';

export interface MoveResponse {
  move: CitedEvent;
  kind: ResponseKind;
  /** Sum of the responder's scores in the window. */
  responseScore: number;
  responses: CitedEvent[];
}

/** How one side (the responder) answered the other's moves. */
export interface DirectedReciprocity {
  /** The actor making the moves. */
  mover: string;
  responder: string;
  moves: MoveResponse[];
  counts: Record<ResponseKind, number>;
  titForTat: number | null;
}

export interface LagCorrelation {
  /** Positive: the B→A series follows the A→B series by this many periods. */
  lag: number;
  r: number;
}

export interface Reciprocity {
  /** B's answers to A's moves. */
  aToB: DirectedReciprocity;
  /** A's answers to B's moves. */
  bToA: DirectedReciprocity;
  crossCorrelation: LagCorrelation[];
  /** The lag with the highest correlation, or null when either series is constant. */
  strongestLag: LagCorrelation | null;
}

export interface ReciprocityOptions {
  /** Days after a move in which an answer counts (default 14). */
  windowDays?: number;
  /** Reports weaker than this (|Goldstein × weight|) are neither moves nor answers (default 1). */
  minScore?: number;
  /** How much stronger a hostile answer may be and still count as in kind (default 0.5: up to 1.5×). */
  tolerance?: number;
  /** Largest lag of the cross-correlation, in periods (default 4). */
  maxLag?: number;
}

/**
 * Reciprocity of a dyad from its two directed series (`direction: 'a-b'` and `'b-a'`, same range and
 * resolution). Series built from roll-ups have no reports: their moves are empty and only the
 * cross-correlation is computed.
 */
export function analyseReciprocity(aToB: DyadSeries, bToA: DyadSeries, options: ReciprocityOptions = {}): Reciprocity {
  const maxLag = options.maxLag ?? 4;
  const crossCorrelation = laggedCorrelation(
    aToB.points.map((point) => point.net),
    bToA.points.map((point) => point.net),
    maxLag,
  );
  const strongestLag = crossCorrelation.reduce<LagCorrelation | null>(
    (best, entry) => (best === null || entry.r > best.r ? entry : best),
    null,
  );
  return {
    aToB: answers(aToB.reports, bToA.reports, aToB.dyad.a, aToB.dyad.b, options),
    bToA: answers(bToA.reports, aToB.reports, aToB.dyad.b, aToB.dyad.a, options),
    crossCorrelation,
    strongestLag,
  };
}

/** Classifies each of the mover's moves by the responder's answer (see the module comment). */
export function answers(
  moves: readonly Report[],
  replies: readonly Report[],
  mover: string,
  responder: string,
  options: ReciprocityOptions = {},
): DirectedReciprocity {
  const windowDays = options.windowDays ?? 14;
  const minScore = options.minScore ?? 1;
  const tolerance = options.tolerance ?? 0.5;
  const strong = (report: Report): boolean => Math.abs(report.score) >= minScore;
  // In date order (a stable sort keeps reports of one day as they came), so each move's window is found by a
  // binary search and a short scan: filtering every reply for every move made a busy dyad's analysis quadratic
  // (2,400 moves × 2,400 replies, a fifth of a 5,000-event analysis).
  const candidates = reportsByDate(replies.filter(strong));
  const counts: Record<ResponseKind, number> = { reciprocated: 0, escalated: 0, 'de-escalated': 0, ignored: 0 };
  const result: MoveResponse[] = [];
  for (const move of moves.filter(strong)) {
    const until = addDays(move.event.date, windowDays);
    const window: Report[] = [];
    for (let i = firstOnOrAfter(candidates, move.event.date); i < candidates.length; i++) {
      const reply = candidates[i] as Report;
      if (reply.event.date > until) break;
      if (reply !== move) window.push(reply);
    }
    const responseScore = window.reduce((sum, reply) => sum + reply.score, 0);
    const kind = classify(move.score, responseScore, window.length > 0, tolerance);
    counts[kind]++;
    result.push({ move: citeReport(move), kind, responseScore, responses: window.map(citeReport) });
  }
  const titForTat = result.length > 0 ? counts.reciprocated / result.length : null;
  return { mover, responder, moves: result, counts, titForTat };
}

function classify(move: number, response: number, answered: boolean, tolerance: number): ResponseKind {
  if (!answered || response === 0) return 'ignored';
  if (move > 0) return response > 0 ? 'reciprocated' : 'escalated';
  if (response > 0) return 'de-escalated';
  return -response > -move * (1 + tolerance) ? 'escalated' : 'reciprocated';
}

/**
 * Pearson correlation of x[t] with y[t + lag] for lag = −maxLag … maxLag, over the overlapping points;
 * lags where either side is constant are left out.
 */
export function laggedCorrelation(x: readonly number[], y: readonly number[], maxLag: number): LagCorrelation[] {
  const result: LagCorrelation[] = [];
  const length = Math.min(x.length, y.length);
  for (let lag = -maxLag; lag <= maxLag; lag++) {
    const left: number[] = [];
    const right: number[] = [];
    for (let t = Math.max(0, -lag); t < length && t + lag < length; t++) {
      left.push(x[t] ?? 0);
      right.push(y[t + lag] ?? 0);
    }
    const r = pearson(left, right);
    if (r !== null) result.push({ lag, r });
  }
  return result;
}

function pearson(x: readonly number[], y: readonly number[]): number | null {
  const n = x.length;
  if (n < 3) return null;
  const meanX = x.reduce((sum, value) => sum + value, 0) / n;
  const meanY = y.reduce((sum, value) => sum + value, 0) / n;
  let covariance = 0;
  let varianceX = 0;
  let varianceY = 0;
  for (let index = 0; index < n; index++) {
    const dx = (x[index] ?? 0) - meanX;
    const dy = (y[index] ?? 0) - meanY;
    covariance += dx * dy;
    varianceX += dx * dx;
    varianceY += dy * dy;
  }
  if (varianceX === 0 || varianceY === 0) return null;
  return covariance / Math.sqrt(varianceX * varianceY);
}
