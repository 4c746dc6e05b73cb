/**
 * Events out of the store as JSON Lines (the event record), CSV (one column per field) or GDELT 2.0's
 * tab-separated 61-column layout, a page at a time so any volume streams in bounded memory.
 */
import type { EventQuery, Store, StoredEvent } from './store.js';

export type ExportFormat = 'jsonl' | 'csv' | 'gdelt';

const CSV_COLUMNS = [
  'id',
  'doc',
  'sentence',
  'date',
  'source',
  'source_text',
  'target',
  'target_text',
  'cameo',
  'cameo_name',
  'root',
  'quad',
  'goldstein',
  'plover',
  'direction',
  'negated',
  'conditional',
  'modality',
  'evidence',
  'span_start',
  'span_end',
  'coder',
  'confidence',
  'origin',
  'dyad_key',
  'external_id',
  'url',
] as const;

function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvLine(event: StoredEvent): string {
  const row: Record<string, unknown> = { ...event, span_start: event.span[0], span_end: event.span[1] };
  return CSV_COLUMNS.map((column) => csvCell(row[column])).join(',');
}

function gdeltLine(event: StoredEvent): string {
  const cells = new Array<string>(61).fill('');
  const clean = (text: string) => text.replace(/[\t\n\r]+/g, ' ');
  const external = /^gdelt:(\d+)$/.exec(event.external_id ?? '')?.[1];
  const day = event.date.replace(/-/g, '');
  cells[0] = external ?? String(event.id);
  cells[1] = day;
  cells[2] = day.slice(0, 6);
  cells[3] = day.slice(0, 4);
  cells[4] = (Number(day.slice(0, 4)) + (Number(day.slice(4, 6)) - 1) / 12 + Number(day.slice(6, 8)) / 365).toFixed(4);
  cells[5] = event.source;
  cells[6] = clean(event.source_text);
  cells[7] = event.source.slice(0, 3);
  cells[15] = event.target;
  cells[16] = clean(event.target_text);
  cells[17] = event.target.slice(0, 3);
  cells[25] = '1';
  cells[26] = event.cameo;
  cells[27] = event.cameo.slice(0, 3);
  cells[28] = event.root;
  cells[29] = String(event.quad);
  cells[30] = String(event.goldstein);
  cells[31] = '1';
  cells[32] = '1';
  cells[33] = '1';
  cells[34] = '0';
  cells[59] = `${day}000000`;
  cells[60] = event.url ?? (event.doc.startsWith('sha256:') ? event.doc : '');
  return cells.join('\t');
}

/**
 * Lines of the export (each without its newline), header first for CSV.
 * @example for await (const line of exportEvents(store, { dyad: 'USA-PRK' }, 'csv')) process.stdout.write(`${line}\n`);
 */
export async function* exportEvents(store: Store, query: EventQuery, format: ExportFormat): AsyncGenerator<string> {
  if (format === 'csv') yield CSV_COLUMNS.join(',');
  let cursor: string | null = null;
  do {
    const page = await store.queryEvents({ ...query, limit: 5000, cursor });
    for (const event of page.items) {
      if (format === 'jsonl') {
        const { id: _id, correction_id: _correction, ...record } = event;
        yield JSON.stringify(record);
      } else if (format === 'csv') yield csvLine(event);
      else yield gdeltLine(event);
    }
    cursor = page.next;
  } while (cursor !== null);
}
