/**
 * GDELT 2.0 event exports (`*.export.CSV`, tab-separated, 61 columns, optionally zipped) → events of origin
 * `gdelt`. Actor codes, CAMEO code, Goldstein and source URL come from the file; name, root, QuadClass, PLOVER type
 * and direction come from our ontology, because GDELT's QuadClass column is not trusted.
 */
import { readFile } from 'node:fs/promises';
import { unzipSync } from 'fflate';
import type { EventRecord } from '../coder/event.js';
import { cameoEvent } from '../ontology/index.js';
import type { ExternalEvent, Store } from '../store/store.js';
import { decodeUtf8 } from './text-decode.js';

export const GDELT_COLUMNS = 61;

/** Column positions in a GDELT 2.0 event record (0-based). */
export const GDELT = {
  id: 0,
  day: 1,
  actor1Code: 5,
  actor1Name: 6,
  actor2Code: 15,
  actor2Name: 16,
  isRoot: 25,
  eventCode: 26,
  eventBaseCode: 27,
  eventRootCode: 28,
  quadClass: 29,
  goldstein: 30,
  numMentions: 31,
  numSources: 32,
  numArticles: 33,
  avgTone: 34,
  dateAdded: 59,
  sourceUrl: 60,
} as const;

export interface GdeltSummary {
  inserted: number;
  duplicates: number;
  /** Events with only one actor: GDELT has many; a dyad needs two. */
  oneSided: number;
  failed: number;
  errors: string[];
}

/** One GDELT line → an event, `null` for a one-sided event, or a thrown message for a bad line. */
export function parseGdeltLine(line: string): ExternalEvent | null {
  const cells = line.split('\t');
  if (cells.length !== GDELT_COLUMNS) throw new Error(`${cells.length} columns, expected ${GDELT_COLUMNS}`);
  const cell = (i: number) => cells[i] ?? '';
  const id = cell(GDELT.id);
  if (!/^\d+$/.test(id)) throw new Error(`GlobalEventID "${id}" is not a number`);
  const day = /^(\d{4})(\d{2})(\d{2})$/.exec(cell(GDELT.day));
  if (day === null) throw new Error(`date "${cell(GDELT.day)}" is not YYYYMMDD`);
  const code = cell(GDELT.eventCode);
  const cameo = cameoEvent(code);
  if (cameo === undefined) throw new Error(`"${code}" is not a CAMEO event code`);
  const source = cell(GDELT.actor1Code);
  const target = cell(GDELT.actor2Code);
  if (source === '' || target === '') return null;
  const goldstein = Number.parseFloat(cell(GDELT.goldstein));
  const record: EventRecord = {
    doc: '',
    sentence: 0,
    date: `${day[1]}-${day[2]}-${day[3]}`,
    source,
    source_text: cell(GDELT.actor1Name),
    target,
    target_text: cell(GDELT.actor2Name),
    cameo: cameo.code,
    cameo_name: cameo.name,
    root: cameo.root,
    quad: cameo.quad,
    goldstein: Number.isFinite(goldstein) && Math.abs(goldstein) <= 10 ? goldstein : cameo.goldstein,
    plover: cameo.plover,
    direction: cameo.direction,
    negated: false,
    conditional: false,
    modality: 'asserted',
    evidence: '',
    span: [0, 0],
    coder: 'gdelt/2.0',
    // GDELT reports how many articles mention an event, not how sure it is; more sources, more confidence.
    confidence: Math.min(1, 0.5 + 0.1 * (Number.parseInt(cell(GDELT.numSources), 10) || 0)),
    origin: 'gdelt',
  };
  return { ...record, external_id: `gdelt:${id}`, url: cell(GDELT.sourceUrl) || null };
}

/** The text of a GDELT file: the CSV itself, or every `.csv` entry of a zip. */
async function gdeltText(path: string): Promise<string[]> {
  const bytes = await readFile(path);
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    const entries = unzipSync(bytes, { filter: (file) => /\.csv$/i.test(file.name) });
    const names = Object.keys(entries).sort();
    if (names.length === 0) throw new Error('the zip holds no .CSV file');
    return names.map((name) => decodeUtf8(entries[name] as Uint8Array));
  }
  return [decodeUtf8(bytes)];
}

/**
 * Imports one GDELT export file into the store, in batches of one transaction each; bad lines are reported by
 * number and skipped.
 * @example await importGdeltFile(store, '20240101000000.export.CSV.zip');
 */
export async function importGdeltFile(
  store: Store,
  path: string,
  summary: GdeltSummary,
  batchSize = 5000,
): Promise<void> {
  let texts: string[];
  try {
    texts = await gdeltText(path);
  } catch (error) {
    summary.failed++;
    summary.errors.push(`${path}: ${(error as Error).message}`);
    return;
  }
  let batch: ExternalEvent[] = [];
  const flush = async () => {
    const result = await store.putExternalEvents(batch);
    summary.inserted += result.inserted;
    summary.duplicates += result.duplicates;
    batch = [];
  };
  for (const text of texts) {
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = (lines[i] ?? '').replace(/\r$/, '');
      if (line.trim() === '') continue;
      try {
        const event = parseGdeltLine(line);
        if (event === null) summary.oneSided++;
        else batch.push(event);
      } catch (error) {
        summary.failed++;
        if (summary.errors.length < 1000) summary.errors.push(`${path} line ${i + 1}: ${(error as Error).message}`);
      }
      if (batch.length >= batchSize) await flush();
    }
  }
  if (batch.length > 0) await flush();
}
