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
  origin?: 'coded' | 'gdelt' | 'analyst';
  correction_id?: number | null;
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

let csrfToken: string | null = null;

/** The signed-in session's CSRF token, echoed on every state-changing request (see docs/security.md). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** A state-changing request with a JSON body (or none), carrying the CSRF token when signed in. */
export async function sendJson<T>(method: 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (csrfToken !== null) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (response.status === 204) return null as T;
  return parse<T>(response);
}

export async function postJson<T>(path: string, body: unknown): Promise<T> {
  return sendJson<T>('POST', path, body);
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

export interface Me {
  user: { id: number; username: string; displayName: string | null; role: string } | null;
  name: string;
  role: 'reader' | 'member' | 'contributor' | 'editor' | 'admin';
  via: string;
  permissions: string[];
  csrfToken: string | null;
}

export interface CommentaryPiece {
  id: number;
  title: string;
  body: string;
  /** Sanitised on the server; the page still rebuilds it through `safe-html.ts`. */
  html: string;
  status: 'draft' | 'submitted' | 'published' | 'rejected' | 'unpublished';
  official: boolean;
  notice: string | null;
  author: { username: string; displayName: string | null; role: string };
  written: string;
  publishedAt: string | null;
  reviewNote: string | null;
  eventCount: number;
  links: { dyads: string[]; events: number[]; documents: string[] };
  url: string;
}

export interface CorrectionRow {
  id: number;
  doc: string;
  author: string | null;
  kind: string;
  reason: string;
  createdAt: string;
  matchSource: string | null;
  matchTarget: string | null;
  matchCameo: string | null;
}
