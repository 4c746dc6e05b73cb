/**
 * Ingest keeps many documents in flight and the store commits them in batches: the outcome must still be that of
 * storing them one by one in stream order (first of two equal texts wins, versions of a URL in order), with
 * `onItem` reporting only committed documents.
 */
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { Coder } from '../../src/coder/types.js';
import type { SourceItem } from '../../src/ingest/file-sources.js';
import { ingestItems } from '../../src/ingest/ingest-documents.js';
import { documentId } from '../../src/store/document-id.js';
import type { Store } from '../../src/store/store.js';
import { coded, event } from '../helpers/coded.js';
import { storeDialects } from '../helpers/stores.js';

const coder: Coder = {
  version: 'test/0',
  codeDocument: (input) => coded(input.text, input.text.startsWith('event') ? [event({ date: input.date })] : []),
} as Coder;

function item(text: string, url: string | null = null): SourceItem {
  return { where: text, bytes: text.length, document: { text, date: '2018-05-23', ...(url ? { url } : {}) } };
}

for (const { name, dialect } of storeDialects('ingest_order')) {
  const suite = dialect === null ? describe.skip : describe;
  suite(`ingest order on ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await (dialect as NonNullable<typeof dialect>).open();
    });
    afterAll(async () => {
      await dialect?.cleanup();
    });

    it('stores a window of documents as if one by one, in stream order', async () => {
      const items = [item('event one', 'u'), item('plain', null), item('event one', 'v'), item('event two', 'u')];
      for (let i = 0; i < 600; i++) items.push(item(`filler ${i}`), item(`event ${i} of ${i % 7}`, `w${i % 5}`));
      items.push(item('event three', 'u'));
      // A store that notes which documents' puts have come back (committed), as the server's wrappers do.
      const stored = new Set<string>();
      const noting: Store = Object.create(store, {
        putDocument: {
          value: async (...args: Parameters<Store['putDocument']>) => {
            const result = await store.putDocument(...args);
            stored.add(result.id);
            return result;
          },
        },
      });
      async function* stream() {
        yield* items;
      }
      const early: string[] = [];
      const summary = await ingestItems(stream(), {
        store: noting,
        coder,
        onItem: (_, it) => {
          if (!stored.has(documentId(it.document?.text ?? ''))) early.push(it.where);
        },
      });
      expect(summary).toMatchObject({ failed: 0, duplicates: 1, new: 1 + 1 + 600 + 5, versions: 2 + 595 });
      expect(early).toEqual([]);
      const versions = (await store.listDocuments({ url: 'u' })).items.map((d) => [d.id, d.version, d.previousVersion]);
      expect(versions.sort((a, b) => Number(a[1]) - Number(b[1]))).toEqual([
        [documentId('event one'), 1, null],
        [documentId('event two'), 2, documentId('event one')],
        [documentId('event three'), 3, documentId('event two')],
      ]);
      expect((await store.listDocuments({ url: 'v' })).items).toEqual([]);
      const stats = await store.stats();
      expect(stats.documents).toBe(items.length - 1);
      expect(stats.events).toBe(1 + 1 + 600 + 1);
    });
  });
}
