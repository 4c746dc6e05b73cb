import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { EventQuery, Store } from '../../src/store/store.js';
import { coded, event } from '../helpers/coded.js';
import { storeDialects } from '../helpers/stores.js';

for (const { name, dialect } of storeDialects('event_json')) {
  const suite = dialect === null ? describe.skip : describe;
  suite(`event pages as JSON text on ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await (dialect as NonNullable<typeof dialect>).open();
    });
    afterAll(async () => {
      await dialect?.cleanup();
    });

    it('are the pages queryEvents gives, serialised, whatever the rows hold', async () => {
      const text = 'One.\nTwo.\nThree.';
      const { id } = await store.putDocument(
        { text },
        coded(text, [
          event({ date: '2018-05-23', goldstein: -7, confidence: 0.7333333333333333 }),
          event({ sentence: 1, date: '2018-05-23', source: 'USA', target: 'PRKGOV', negated: true, conditional: true }),
          event({ sentence: 2, date: '2018-05-24', evidence: 'Quotes "and" \\ back\u00e9 \n line', goldstein: 3.4 }),
        ]),
      );
      await store.addCorrection({
        doc: id,
        action: 'add',
        sentence: 2,
        fields: event({
          sentence: 2,
          date: '2018-05-25',
          source: 'PRK',
          target: 'USA',
          cameo: '051',
          goldstein: 0.1 + 0.2,
        }),
      });
      await store.putExternalEvents([
        { ...event({ origin: 'gdelt', doc: '', date: '2018-05-22' }), external_id: 'gdelt:1', url: null },
        { ...event({ origin: 'gdelt', doc: '', date: '2018-05-26' }), external_id: 'gdelt:2', url: 'https://n/2' },
      ]);
      const queries: EventQuery[] = [
        {},
        { limit: 2 },
        { dyad: 'PRK-USA', undirected: true, limit: 3 },
        { dyad: 'PRK-USA', undirected: true, order: 'desc', limit: 2 },
        { dyad: 'PRK-USA', negated: true },
        { actor: 'USA', from: '2018-05-23', to: '2018-05-25' },
        { origin: 'gdelt' },
      ];
      for (const query of queries) {
        // Every page of the query, following `next`.
        let cursor: string | null = null;
        do {
          const paged: EventQuery = { ...query, ...(cursor === null ? {} : { cursor }) };
          const expected = JSON.parse(JSON.stringify(await store.queryEvents(paged)));
          const got = JSON.parse(await store.queryEventsJson(paged));
          expect(got, JSON.stringify(paged)).toEqual(expected);
          cursor = got.next;
        } while (cursor !== null);
      }
      await expect(store.queryEventsJson({ cursor: 'nonsense' })).rejects.toThrow(/cursor/);
    });
  });
}
