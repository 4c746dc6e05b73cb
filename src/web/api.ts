/** Typed calls to the dyadwatch API; failures become `ApiError` with the server's message. */

export interface EventRow {
  id?: number;
  doc: string;
  sentence: number;
  date: string;
  source: string;
  source_text: string;
  target: string;
  target_text: string;
  cameo: string;
  cameo_name: string;
  root: string;
  quad: number;
  goldstein: number;
  plover: string;
  direction: 'forward' | 'rearward' | 'neutral';
  negated: boolean;
  conditional: boolean;
  modality: string;
  evidence: string;
  span: [number, number];
  confidence: number;
  url?: string | null;
  document?: { id: string; title: string | null; url: string | null };
}

export interface Page<T> {
  items: T[];
  next: string | null;
}

export interface CitedEvent {
  date: string;
  source: string;
  target: string;
  cameo: string;
  name: string;
  score: number;
  evidence: string;
  doc: string;
  url: string | null;
}

export interface Movement {
  label: 'forward' | 'rearward';
  start: string;
  end: string;
  size: number;
  drivers: CitedEvent[];
  dyad?: string;
}

export interface SeriesPoint {
  start: string;
  end: string;
  reports: number;
  forward: number;
  rearward: number;
  neutral: number;
  net: number;
  level: number;
}

export interface DyadResponse {
  dyad: string;
  a: string;
  b: string;
  basis: 'events' | 'rollups';
  events: number;
  series: { resolution: string; from: string; to: string; points: SeriesPoint[] };
  movements: Movement[];
  state: { state: string; reason: string; asOf: string; level: number };
  reciprocity: {
    aToB: {
      mover: string;
      responder: string;
      counts: Record<string, number>;
      titForTat: number | null;
      totalMoves: number;
    };
    bToA: {
      mover: string;
      responder: string;
      counts: Record<string, number>;
      titForTat: number | null;
      totalMoves: number;
    };
    strongestLag: { lag: number; r: number } | null;
  };
}

export interface DyadChange {
  dyad: string;
  a: string;
  b: string;
  change: number;
  reports: number;
  reason: string;
}

export interface DocumentResponse {
  document: { id: string; title: string | null; url: string | null; published: string | null; source: string | null };
  text: string;
  sentences: { index: number; text: string; span: [number, number] }[];
  events: EventRow[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function parse<T>(response: Response): Promise<T> {
  const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
  if (!response.ok) throw new ApiError(response.status, body?.error?.message ?? `HTTP ${response.status}`);
  return body as T;
}

export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  return parse<T>(await fetch(path, { headers: { accept: 'application/json' }, ...(signal ? { signal } : {}) }));
}

export async function postJson<T>(path: string, body: unknown): Promise<T> {
  return parse<T>(
    await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  );
}

/** A query string from the set values. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
