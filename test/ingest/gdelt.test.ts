import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type GdeltSummary, importGdeltFile, parseGdeltLine } from '../../src/ingest/gdelt-import.js';
import { exportEvents } from '../../src/store/export-events.js';
import type { Store } from '../../src/store/store.js';
import { storeDialects } from '../helpers/stores.js';

/** A GDELT 2.0 export line: 61 tab-separated columns, the ones we read filled in like GDELT does. */
function gdeltLine(
  id: number,
  day: string,
  a1: string,
  a2: string,
  code: string,
  quad: string,
  goldstein: string,
): string {
  const cells = new Array<string>(61).fill('');
  cells[0] = String(id);
  cells[1] = day;
  cells[2] = day.slice(0, 6);
  cells[3] = day.slice(0, 4);
  cells[4] = '2018.3918';
  cells[5] = a1;
  cells[6] = a1 ? `${a1} NAME` : '';
  cells[7] = a1.slice(0, 3);
  cells[15] = a2;
  cells[16] = a2 ? `${a2} NAME` : '';
  cells[17] = a2.slice(0, 3);
  cells[25] = '1';
  cells[26] = code;
  cells[27] = code.slice(0, 3);
  cells[28] = code.slice(0, 2);
  cells[29] = quad;
  cells[30] = goldstein;
  cells[31] = '10';
  cells[32] = '2';
  cells[33] = '10';
  cells[34] = '-3.5';
  cells[59] = `${day}093000`;
  cells[60] = `https://news.example/${id}`;
  return cells.join('\t');
}

const LINES = [
  // The file says QuadClass 1; CAMEO 190 (use conventional military force) is material conflict, 4.
  gdeltLine(780001, '20180524', 'USAGOV', 'PRKGOV', '190', '1', '-10.0'),
  gdeltLine(780002, '20180524', 'PRK', 'USA', '138', '1', '-7.0'),
  gdeltLine(780003, '20180525', 'KOR', 'PRK', '036', '1', '4.0'),
  gdeltLine(780004, '20180525', 'USA', '', '010', '1', '0.0'),
];

describe('parsing GDELT lines', () => {
  it('recomputes QuadClass, name, PLOVER type and direction from the CAMEO code', () => {
    expect(parseGdeltLine(LINES[1] as string)).toMatchObject({
      external_id: 'gdelt:780002',
      date: '2018-05-24',
      source: 'PRK',
      target: 'USA',
      cameo: '138',
      root: '13',
      quad: 3,
      goldstein: -7,
      plover: 'THREATEN',
      direction: 'rearward',
      origin: 'gdelt',
      url: 'https://news.example/780002',
    });
    expect(parseGdeltLine(LINES[3] as string)).toBeNull();
    expect(() => parseGdeltLine('1\t2\t3')).toThrow('3 columns, expected 61');
    expect(() => parseGdeltLine(gdeltLine(5, '2018-05', 'USA', 'PRK', '010', '1', '0'))).toThrow(/not YYYYMMDD/);
    expect(() => parseGdeltLine(gdeltLine(5, '20180524', 'USA', 'PRK', '999', '1', '0'))).toThrow(
      /not a CAMEO event code/,
    );
  });
});

for (const { name, dialect } of storeDialects('ingest_gdelt')) {
  const suite = dialect === null ? describe.skip : describe;
  suite(`GDELT import and export on ${name}`, () => {
    let store: Store;
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'dyadwatch-gdelt-'));
    });
    beforeEach(async () => {
      store = await (dialect as NonNullable<typeof dialect>).open();
    });
    afterAll(async () => {
      rmSync(dir, { recursive: true, force: true });
      await dialect?.cleanup();
    });
    const summary = (): GdeltSummary => ({ inserted: 0, duplicates: 0, oneSided: 0, failed: 0, errors: [] });

    it('imports a CSV with a bad line and a zip of the same events exactly once', async () => {
      const csv = join(dir, '20180524000000.export.CSV');
      writeFileSync(csv, `${[LINES[0], 'garbage\tline', LINES[1], LINES[3]].join('\n')}\n`);
      const first = summary();
      await importGdeltFile(store, csv, first, 1);
      expect(first).toMatchObject({ inserted: 2, duplicates: 0, oneSided: 1, failed: 1 });
      expect(first.errors).toEqual([`${csv} line 2: 2 columns, expected 61`]);

      const zip = join(dir, '20180525000000.export.CSV.zip');
      writeFileSync(zip, zipSync({ '20180525000000.export.CSV': strToU8(`${LINES.join('\n')}\n`) }));
      const second = summary();
      await importGdeltFile(store, zip, second);
      expect(second).toMatchObject({ inserted: 1, duplicates: 2, oneSided: 1, failed: 0 });

      const events = (await store.queryEvents({ origin: 'gdelt' })).items;
      expect(events.map((e) => [e.external_id, e.quad, e.dyad_key])).toEqual([
        ['gdelt:780001', 4, 'USA-PRK'],
        ['gdelt:780002', 3, 'PRK-USA'],
        ['gdelt:780003', 1, 'KOR-PRK'],
      ]);
      expect(await store.dyadSeries({ dyad: 'USA-PRK', undirected: true })).toMatchObject([
        { day: '2018-05-24', events: 2, quad: [0, 0, 1, 1] },
      ]);
      const broken = join(dir, 'broken.zip');
      writeFileSync(broken, Buffer.from('PK\u0003\u0004 not really a zip'));
      const third = summary();
      await importGdeltFile(store, broken, third);
      expect(third.failed).toBe(1);
      expect(third.errors[0]).toMatch(/^.*broken\.zip: /);
    });

    it('exports a dyad and date range as jsonl, csv and GDELT', async () => {
      const csv = join(dir, 'all.export.CSV');
      writeFileSync(csv, LINES.join('\n'));
      await importGdeltFile(store, csv, summary());
      const lines = async (format: 'jsonl' | 'csv' | 'gdelt', query = {}) => {
        const out: string[] = [];
        for await (const line of exportEvents(store, query, format)) out.push(line);
        return out;
      };
      const jsonl = (
        await lines('jsonl', { dyad: 'PRK-USA', undirected: true, from: '2018-05-24', to: '2018-05-24' })
      ).map((l) => JSON.parse(l));
      expect(jsonl.map((e) => [e.source, e.target, e.cameo])).toEqual([
        ['USAGOV', 'PRKGOV', '190'],
        ['PRK', 'USA', '138'],
      ]);
      expect(jsonl[0]).not.toHaveProperty('id');
      const csvOut = await lines('csv', { dyad: 'KOR-PRK' });
      expect(csvOut).toHaveLength(2);
      expect(csvOut[0]?.split(',').slice(0, 5)).toEqual(['id', 'doc', 'sentence', 'date', 'source']);
      expect(csvOut[1]).toContain(',KOR,KOR NAME,PRK,PRK NAME,036,');
      const gdelt = await lines('gdelt');
      expect(gdelt).toHaveLength(3);
      const reparsed = gdelt.map((line) => parseGdeltLine(line));
      expect(reparsed.map((e) => [e?.external_id, e?.cameo, e?.quad, e?.goldstein, e?.url])).toEqual([
        ['gdelt:780001', '190', 4, -10, 'https://news.example/780001'],
        ['gdelt:780002', '138', 3, -7, 'https://news.example/780002'],
        ['gdelt:780003', '036', 1, 4, 'https://news.example/780003'],
      ]);
    });
  });
}
