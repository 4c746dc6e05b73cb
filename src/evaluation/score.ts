/**
 * Scores coded events against a gold file at the four levels of the evaluation contract (DESIGN.md): `dyad`
 * (source and target countries), `dyad+type` (plus CAMEO root, or PLOVER type for PLOVER gold),
 * `dyad+direction`, and `exact` (whole codes). Micro precision/recall/F1, each gold event matching at most one
 * predicted event; negated or background gold events count when found and are not missed when absent.
 */
import { ploverDirection, ploverType } from '../ontology/index.js';

export const LEVELS = ['dyad', 'dyad+type', 'dyad+direction', 'exact'] as const;
export type Level = (typeof LEVELS)[number];

export interface GoldRecord {
  id: string;
  text: string;
  expected?: Array<{ source?: unknown; target?: unknown; code?: string }>;
  events?: Array<{
    source?: unknown;
    target?: unknown;
    plover?: string;
    cameo?: string;
    direction?: string;
    negated?: boolean;
    background?: boolean;
  }>;
  expect_no_events?: boolean;
  enabled?: boolean;
}

export interface PredictedEvent {
  source: string;
  target: string;
  cameo: string;
  plover: string;
  direction: string;
}

interface Tuple {
  s: string;
  t: string;
  cameo?: string | undefined;
  plover?: string | undefined;
  direction?: string | undefined;
  optional: boolean;
}

export interface LevelScore {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface Miss {
  id: string;
  text: string;
  gold: string[];
  predicted: string[];
}

export interface ScoreReport {
  records: number;
  levels: Record<Level, LevelScore>;
  noEventRecords: number;
  noEventFalsePositiveRate: number | null;
  misses: Miss[];
}

const list = (v: unknown): string[] =>
  Array.isArray(v) ? v.map(String) : v == null || v === '' || v === '---' ? [] : [String(v)];
const ORG_ALIAS: Record<string, string> = { EU: 'EUR', NATO: 'NAT', UN: 'UNO' };

/** Country level: the first three letters after an IGO/NGO prefix is dropped (IGOUNO → UNO). */
export function countryOf(actor: string): string {
  const c = actor
    .toUpperCase()
    .replace(/^-+$/, '')
    .replace(/^(IGO|NGO)(?=[A-Z]{2})/, '');
  return (ORG_ALIAS[c] ?? c).slice(0, 3);
}
const whole = (a: string) => a.toUpperCase().replace(/^-+$/, '');

function cameoDirection(code: string | undefined): string | undefined {
  const root = Number(String(code ?? '').slice(0, 2));
  if (!root) return undefined;
  if (root === 1) return 'neutral';
  return root <= 8 ? 'forward' : 'rearward';
}

function goldTuples(rec: GoldRecord): Tuple[] {
  const out: Tuple[] = [];
  for (const e of rec.expected ?? []) {
    const isCameo = /^\d{2,4}$/.test(String(e.code ?? ''));
    const plover = isCameo ? undefined : ploverType(String(e.code ?? ''));
    out.push(
      ...expand(list(e.source), list(e.target), {
        cameo: isCameo ? String(e.code) : undefined,
        plover,
        direction: isCameo ? cameoDirection(e.code) : plover && ploverDirection(plover),
        optional: false,
      }),
    );
  }
  for (const e of rec.events ?? []) {
    const plover = e.plover ? ploverType(e.plover) : undefined;
    out.push(
      ...expand(list(e.source), list(e.target), {
        cameo: e.cameo,
        plover,
        direction: e.direction ?? (plover ? ploverDirection(plover) : cameoDirection(e.cameo)),
        optional: e.negated === true || e.background === true,
      }),
    );
  }
  return out;
}

/** One tuple per (source, target); a mutual act (several sources, no target) is one per ordered pair. */
function expand(src: string[], tgt: string[], rest: Omit<Tuple, 's' | 't'>): Tuple[] {
  const out: Tuple[] = [];
  if (!tgt.length && new Set(src.map(countryOf)).size >= 2) {
    for (const a of src) for (const b of src) if (countryOf(a) !== countryOf(b)) out.push({ ...rest, s: a, t: b });
    return out;
  }
  for (const s of src.length ? src : ['']) for (const t of tgt.length ? tgt : ['']) out.push({ ...rest, s, t });
  return out;
}

function goldKey(level: Level, g: Tuple): string {
  if (level === 'dyad') return `${countryOf(g.s)}|${countryOf(g.t)}`;
  if (level === 'dyad+type') return `${countryOf(g.s)}|${countryOf(g.t)}|${g.cameo ? g.cameo.slice(0, 2) : g.plover}`;
  if (level === 'dyad+direction') return `${countryOf(g.s)}|${countryOf(g.t)}|${g.direction}`;
  return `${whole(g.s)}|${whole(g.t)}|${g.cameo ?? g.plover}`;
}

/** The prediction's key in the gold's terms: CAMEO root where the gold is CAMEO-coded, else PLOVER type. */
function predKey(level: Level, p: Tuple, g: Tuple): string {
  if (level === 'dyad+type')
    return `${countryOf(p.s)}|${countryOf(p.t)}|${g.cameo ? (p.cameo ?? '').slice(0, 2) : p.plover}`;
  if (level === 'exact') return `${whole(p.s)}|${whole(p.t)}|${g.cameo ? p.cameo : p.plover}`;
  return goldKey(level, p);
}

function matchCount(level: Level, gold: Tuple[], pred: Tuple[]): { tp: number; fp: number; fn: number } {
  const used = new Set<number>();
  let tp = 0;
  let fn = 0;
  const take = (g: Tuple) => {
    const key = goldKey(level, g);
    const i = pred.findIndex((p, j) => !used.has(j) && predKey(level, p, g) === key);
    if (i >= 0) used.add(i);
    return i >= 0;
  };
  for (const g of gold.filter((x) => !x.optional)) take(g) ? tp++ : fn++;
  for (const g of gold.filter((x) => x.optional)) if (take(g)) tp++;
  return { tp, fp: pred.length - used.size, fn };
}

export function score(gold: GoldRecord[], predictions: Map<string, PredictedEvent[]>): ScoreReport {
  const totals = Object.fromEntries(LEVELS.map((l) => [l, { tp: 0, fp: 0, fn: 0 }])) as Record<
    Level,
    { tp: number; fp: number; fn: number }
  >;
  let noEventRecords = 0;
  let noEventWithPrediction = 0;
  const misses: Miss[] = [];
  const fmt = (t: Tuple) => `${t.s || '-'}>${t.t || '-'}:${t.cameo ?? t.plover ?? '?'}`;
  for (const rec of gold.filter((r) => r.enabled !== false)) {
    const g = goldTuples(rec);
    const p = (predictions.get(String(rec.id)) ?? []).flatMap((e) =>
      expand(list(e.source), list(e.target), {
        cameo: e.cameo,
        plover: ploverType(e.plover) ?? e.plover,
        direction: e.direction,
        optional: false,
      }),
    );
    if (g.every((x) => x.optional) && rec.expect_no_events !== false) {
      noEventRecords++;
      if (p.length > g.length) noEventWithPrediction++;
    }
    for (const level of LEVELS) {
      const m = matchCount(level, g, p);
      totals[level].tp += m.tp;
      totals[level].fp += m.fp;
      totals[level].fn += m.fn;
    }
    const m = matchCount('dyad+type', g, p);
    if (m.fp || m.fn) misses.push({ id: String(rec.id), text: rec.text, gold: g.map(fmt), predicted: p.map(fmt) });
  }
  const levels = Object.fromEntries(
    LEVELS.map((l) => {
      const { tp, fp, fn } = totals[l];
      const precision = tp + fp ? tp / (tp + fp) : 0;
      const recall = tp + fn ? tp / (tp + fn) : 0;
      return [
        l,
        { tp, fp, fn, precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 },
      ];
    }),
  ) as Record<Level, LevelScore>;
  return {
    records: gold.length,
    levels,
    noEventRecords,
    noEventFalsePositiveRate: noEventRecords ? noEventWithPrediction / noEventRecords : null,
    misses: misses.sort((a, b) => b.gold.length + b.predicted.length - (a.gold.length + a.predicted.length)),
  };
}
