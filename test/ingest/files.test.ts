import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Coder } from '../../src/coder/types.js';
import { collectFiles, fileItems } from '../../src/ingest/file-sources.js';
import { ingestItems } from '../../src/ingest/ingest-documents.js';
import type { Store } from '../../src/store/store.js';
import { coderAvailable, realCoder } from '../helpers/coder.js';
import { articlePage } from '../helpers/http-server.js';
import { storeDialects } from '../helpers/stores.js';

const NEWS = [
  'North Korea threatened to walk away from the summit with the United States.',
  'President Trump cancelled the summit with Kim Jong Un on Thursday.',
  'South Korea urged both sides to return to talks.',
  'China praised the decision of Pyongyang to release three detainees.',
] as const;

/** A folder with every kind of input, good and broken. */
function makeCorpus(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dyadwatch-files-'));
  mkdirSync(join(dir, 'nested', 'deeper'), { recursive: true });
  writeFileSync(join(dir, 'a.txt'), `${NEWS[0]}\n${NEWS[1]}\n`);
  writeFileSync(join(dir, 'nested', 'b.md'), `# Summit off\n\n**${NEWS[1]}** See [the report](https://example.org).\n`);
  writeFileSync(join(dir, 'nested', 'deeper', 'c.html'), articlePage('Seoul urges talks', [NEWS[2], NEWS[3], NEWS[0]]));
  const jsonl = [
    JSON.stringify({ id: 'j1', date: '2018-05-20', title: 'One', url: 'https://example.org/1', text: NEWS[3] }),
    '{"id": "j2", "date": "2018-05-21", "text": "broken',
    JSON.stringify({ id: 'j3', date: 'not a date', text: NEWS[2] }),
    JSON.stringify({ id: 'j4', title: 'no text' }),
    JSON.stringify({ id: 'j5', date: '2018-05-22', text: `${NEWS[2]} ${NEWS[0]}` }),
  ];
  const invalidLine = Buffer.concat([
    Buffer.from('{"id":"j6","text":"caf'),
    Buffer.from([0xc3, 0x28]),
    Buffer.from('"}'),
  ]);
  const huge = `{"id":"j7","text":"${'x'.repeat(10 * 1024 * 1024)}"}`;
  writeFileSync(
    join(dir, 'batch.jsonl'),
    Buffer.concat([
      Buffer.from(`${jsonl.join('\n')}\n`),
      invalidLine,
      Buffer.from(`\n${huge}\n`),
      Buffer.from(`${JSON.stringify({ id: 'j8', text: NEWS[1] })}\n`),
    ]),
  );
  writeFileSync(
    join(dir, 'binary.txt'),
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48]),
  );
  writeFileSync(join(dir, 'latin1.txt'), Buffer.from('Le pr\xe9sident a parl\xe9.\n', 'latin1'));
  writeFileSync(join(dir, 'truncated.html'), '<!doctype html><html><head><title>Cut</title></head><body><div><p');
  writeFileSync(join(dir, 'empty.md'), '\n\n');
  writeFileSync(join(dir, 'notes.pdf'), '%PDF-1.4');
  utimesSync(join(dir, 'a.txt'), new Date('2018-05-24T12:00:00Z'), new Date('2018-05-24T12:00:00Z'));
  return dir;
}

describe('reading files', () => {
  let dir: string;
  beforeAll(() => {
    dir = makeCorpus();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('walks folders recursively and reads only the types it knows', async () => {
    const { files, ignored } = await collectFiles([dir]);
    expect(files.map((f) => f.path.slice(dir.length + 1))).toEqual([
      'a.txt',
      'batch.jsonl',
      'binary.txt',
      'empty.md',
      'latin1.txt',
      'nested/b.md',
      'nested/deeper/c.html',
      'truncated.html',
    ]);
    expect(ignored).toEqual([]);
    expect((await collectFiles([join(dir, 'notes.pdf')])).ignored[0]).toMatch(/notes\.pdf: not a file type/);
  });

  it('turns every broken input into a clear per-item error naming file and line', async () => {
    const { files } = await collectFiles([dir]);
    const items = [];
    for (const file of files) for await (const item of fileItems(file.path, file.size)) items.push(item);
    const errors = items.filter((i) => i.error).map((i) => `${i.where.slice(dir.length + 1)}: ${i.error}`);
    expect(errors).toEqual([
      expect.stringMatching(/^batch\.jsonl:2: malformed JSON/),
      'batch.jsonl:3: bad "date" "not a date"',
      'batch.jsonl:4: no "text" string',
      'batch.jsonl:6: invalid UTF-8 at line 6, column 23',
      'batch.jsonl:7: line is 10.0 MB, over the 5.0 MB limit per document',
      'binary.txt: binary file, not text',
      'empty.md: empty document',
      'latin1.txt: invalid UTF-8 at line 1, column 6',
      'truncated.html: no article text found',
    ]);
    const docs = items.filter((i) => i.document).map((i) => i.document);
    expect(docs).toHaveLength(6);
    const html = docs.find((d) => d?.source?.endsWith('c.html'));
    expect(html).toMatchObject({
      title: 'Seoul urges talks',
      author: 'Jane Reporter',
      published: '2018-05-24',
      date: '2018-05-24',
    });
    expect(html?.text).toContain(NEWS[3]);
    expect(html?.text).not.toContain('Most read');
    const md = docs.find((d) => d?.source?.endsWith('b.md'));
    expect(md).toMatchObject({ title: 'Summit off' });
    expect(md?.text).toContain(`${NEWS[1]} See the report.`);
    expect(docs.find((d) => d?.externalId === 'j1')).toMatchObject({
      date: '2018-05-20',
      url: 'https://example.org/1',
      title: 'One',
    });
    expect(docs.find((d) => d?.source?.endsWith('a.txt'))?.date).toBe('2018-05-24');
  });
});

const withCoder = coderAvailable() ? describe : describe.skip;

for (const { name, dialect } of storeDialects('ingest_files')) {
  const suite = dialect === null ? describe.skip : withCoder;
  suite(`ingesting files into ${name}`, () => {
    let store: Store;
    let coder: Coder;
    let dir: string;
    beforeAll(async () => {
      coder = await realCoder();
      dir = makeCorpus();
    });
    beforeEach(async () => {
      store = await (dialect as NonNullable<typeof dialect>).open();
    });
    afterAll(async () => {
      rmSync(dir, { recursive: true, force: true });
      await dialect?.cleanup();
    });

    const ingest = async (paths: string[]) => {
      const { files } = await collectFiles(paths);
      async function* items() {
        for (const file of files) yield* fileItems(file.path, file.size);
      }
      return ingestItems(items(), { store, coder });
    };

    it('stores the good documents, reports the bad ones, and a second run stores nothing new', async () => {
      const first = await ingest([dir]);
      expect(first).toMatchObject({ new: 6, versions: 0, duplicates: 0, failed: 9 });
      expect(first.errors).toHaveLength(9);
      expect(first.events).toBeGreaterThan(0);
      const stats = await store.stats();
      expect(stats).toMatchObject({ documents: 6, events: first.events, sentences: first.sentences });
      const second = await ingest([dir]);
      expect(second).toMatchObject({ new: 0, duplicates: 6, failed: 9, events: 0 });
      expect(await store.stats()).toEqual(stats);
    });

    it('stores a changed file as a new version of the same URL', async () => {
      const file = join(dir, 'a.txt');
      await ingest([file]);
      writeFileSync(file, `${NEWS[0]}\n${NEWS[2]}\n`);
      const second = await ingest([file]);
      expect(second).toMatchObject({ new: 0, versions: 1 });
      const { items } = await store.listDocuments({ url: `file://${file}` });
      expect(items.map((d) => d.version)).toEqual([2, 1]);
      expect(items[0]?.previousVersion).toBe(items[1]?.id);
    });
  });
}
