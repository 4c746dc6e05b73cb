/**
 * Kill -9 in the middle of a large ingest, run it again: every document stored exactly once, none partially,
 * no duplicate events, and the roll-up agrees with the events. Runs a real child process on each database.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Coder } from '../../src/coder/types.js';
import { cleanText } from '../../src/store/document-id.js';
import type { SqlStore } from '../../src/store/sql-store.js';
import type { Store } from '../../src/store/store.js';
import { bundleEntry } from '../helpers/child-process.js';
import { coderAvailable, realCoder } from '../helpers/coder.js';
import { storeDialects } from '../helpers/stores.js';

const SENTENCES = [
  'North Korea threatened to walk away from the summit with the United States.',
  'President Trump cancelled the summit with Kim Jong Un.',
  'South Korea urged both sides to return to talks.',
  'China praised the decision of Pyongyang to release three detainees.',
  'Russia condemned the new sanctions imposed by the European Union.',
  'Japan and South Korea agreed to share military intelligence.',
];

/** 1,200 distinct documents: 1,000 JSON Lines in two files and 200 text files in nested folders. */
function makeCorpus(): { dir: string; texts: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'dyadwatch-crash-'));
  const texts: string[] = [];
  const doc = (n: number) => {
    const picked = [0, 1, 2].map((k) => SENTENCES[(n + k * 2) % SENTENCES.length]);
    return `Report ${n}. ${picked.join(' ')}`;
  };
  for (const part of [0, 1]) {
    const lines: string[] = [];
    for (let i = 0; i < 500; i++) {
      const n = part * 500 + i;
      texts.push(doc(n));
      lines.push(JSON.stringify({ id: `d${n}`, date: '2018-05-24', text: doc(n) }));
    }
    writeFileSync(join(dir, `part-${part}.jsonl`), `${lines.join('\n')}\n`);
  }
  for (let i = 0; i < 200; i++) {
    const folder = join(dir, 'texts', `f${i % 10}`);
    mkdirSync(folder, { recursive: true });
    texts.push(doc(1000 + i));
    writeFileSync(join(folder, `t${i}.txt`), doc(1000 + i));
  }
  return { dir, texts };
}

function runChild(script: string, env: Record<string, string>, args: string[], killAfter: number | null) {
  return new Promise<{ code: number | null; signal: string | null; stored: number; output: string }>((resolve) => {
    const child: ChildProcess = spawn(process.execPath, [script, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stored = 0;
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const counts = [...output.matchAll(/stored (\d+)/g)];
      stored = Number(counts.at(-1)?.[1] ?? 0);
      if (output.length > 100_000) output = output.slice(-10_000);
      if (killAfter !== null && stored >= killAfter && !child.killed) child.kill('SIGKILL');
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('exit', (code, signal) => resolve({ code, signal, stored, output }));
  });
}

const withCoder = coderAvailable() ? describe : describe.skip;

for (const { name, dialect } of storeDialects('ingest_crash')) {
  const suite = dialect === null ? describe.skip : withCoder;
  suite(`kill -9 during ingest into ${name}`, () => {
    let corpus: { dir: string; texts: string[] };
    let script: string;
    let store: Store;
    let coder: Coder;
    beforeAll(async () => {
      corpus = makeCorpus();
      script = await bundleEntry(join(import.meta.dirname, '..', 'helpers', 'ingest-child.ts'), `ingest-child-${name}`);
      store = await (dialect as NonNullable<typeof dialect>).open();
      coder = await realCoder();
    });
    afterAll(async () => {
      rmSync(corpus.dir, { recursive: true, force: true });
      rmSync(script, { force: true });
      await dialect?.cleanup();
    });

    it('stores every document exactly once after a crash and a rerun', { timeout: 180_000 }, async () => {
      const env = (dialect as NonNullable<typeof dialect>).env();
      const killed = await runChild(script, env, [corpus.dir], 200);
      expect(killed.signal, killed.output.slice(-2000)).toBe('SIGKILL');
      const afterCrash = (await store.stats()).documents;
      expect(afterCrash).toBeGreaterThanOrEqual(200);
      expect(afterCrash).toBeLessThan(corpus.texts.length);

      const rerun = await runChild(script, env, [corpus.dir], null);
      expect(rerun.code, rerun.output.slice(-2000)).toBe(0);
      const done = JSON.parse(/done (.*)/.exec(rerun.output)?.[1] ?? '{}');
      expect(done).toMatchObject({ failed: 0, new: corpus.texts.length - afterCrash, duplicates: afterCrash });

      const stats = await store.stats();
      expect(stats.documents).toBe(corpus.texts.length);
      const { driver } = store as SqlStore;
      const one = async (sql: string) => Number(Object.values((await driver.all(sql))[0] ?? {})[0] ?? 0);
      // No partial document: every document has exactly the sentences and events it says it has.
      expect(
        await one(
          'SELECT COUNT(*) FROM documents d WHERE sentence_count <> (SELECT COUNT(*) FROM sentences s WHERE s.doc_id = d.id)',
        ),
      ).toBe(0);
      expect(
        await one(
          'SELECT COUNT(*) FROM documents d WHERE event_count <> (SELECT COUNT(*) FROM events e WHERE e.doc_id = d.id)',
        ),
      ).toBe(0);
      // No duplicate events: each document has as many events as coding it once gives.
      let expected = 0;
      for (const text of corpus.texts)
        expected += coder.codeDocument({ id: 'x', date: '2018-05-24', text: cleanText(text) }).events.length;
      expect(stats.events).toBe(expected);
      // The roll-up agrees with the events it summarises.
      const counted = await one(
        "SELECT COUNT(*) FROM events WHERE negated = ? AND source <> '' AND target <> ''".replace(
          '?',
          name === 'sqlite' ? '0' : 'false',
        ),
      );
      expect(await one('SELECT SUM(events) FROM dyad_daily')).toBe(counted);
    });
  });
}
