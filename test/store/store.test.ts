import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { documentId } from '../../src/store/document-id.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { PutResult, Store } from '../../src/store/store.js';
import { coded, event } from '../helpers/coded.js';
import { storeDialects } from '../helpers/stores.js';

const TEXT = 'North Korea threatened the U.S.\nThe U.S. praised South Korea.';

for (const { name, dialect } of storeDialects('store')) {
  const suite = dialect === null ? describe.skip : describe;
  suite(`store on ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await (dialect as NonNullable<typeof dialect>).open();
    });
    afterAll(async () => {
      await dialect?.cleanup();
    });

    it('stores a document with its sentences and events, and finds it by hash', async () => {
      const result = await store.putDocument(
        { text: TEXT, url: 'https://example.org/a', title: 'A', published: '2018-05-23', coder: 'test/0' },
        coded(TEXT, [
          event(),
          event({
            sentence: 1,
            source: 'USA',
            target: 'KOR',
            cameo: '051',
            root: '05',
            quad: 1,
            goldstein: 3.4,
            direction: 'forward',
            plover: 'SUPPORT',
            negated: true,
          }),
        ]),
      );
      expect(result).toMatchObject({ status: 'new', id: documentId(TEXT), sentences: 2, events: 2 });
      expect(await store.hasDocument(result.id)).toBe(true);
      const stored = await store.getDocument(result.id);
      expect(stored?.document).toMatchObject({
        url: 'https://example.org/a',
        title: 'A',
        version: 1,
        eventCount: 2,
        coder: 'test/0',
      });
      expect(stored?.text).toBe(TEXT);
      expect(stored?.sentences.map((s) => s.text)).toEqual(TEXT.split('\n'));
      expect(stored?.events.map((e) => [e.doc, e.source, e.dyad_key, e.negated, e.origin, e.span])).toEqual([
        [result.id, 'PRKGOV', 'PRK-USA', false, 'coded', [0, 31]],
        [result.id, 'USA', 'USA-KOR', true, 'coded', [0, 31]],
      ]);
    });

    it('treats the same text again (even re-wrapped) as a duplicate and the same URL with new text as a version', async () => {
      const first = await store.putDocument({ text: TEXT, url: 'u1' }, coded(TEXT, [event()]));
      const again = await store.putDocument(
        { text: `  ${TEXT.replace('\n', '\n\n ')}  `, url: 'u1' },
        coded(TEXT, [event()]),
      );
      expect(again).toMatchObject({ status: 'duplicate', id: first.id, events: 0 });
      const changed = `${TEXT}\nA third sentence.`;
      const second = await store.putDocument({ text: changed, url: 'u1' }, coded(changed, [event()]));
      expect(second).toMatchObject({ status: 'version', previousVersion: first.id });
      expect((await store.getDocument(second.id))?.document).toMatchObject({ version: 2, previousVersion: first.id });
      const stats = await store.stats();
      expect(stats).toMatchObject({ documents: 2, events: 2 });
      const page = await store.listDocuments({ url: 'u1' });
      expect(page.items.map((d) => d.version).sort()).toEqual([1, 2]);
    });

    it('keeps the daily dyad roll-up in step with the events, leaving out negated ones', async () => {
      await store.putDocument(
        { text: 'one' },
        coded('one', [
          event({ date: '2018-05-23', goldstein: -7 }),
          event({ date: '2018-05-23', source: 'PRK', cameo: '190', root: '19', quad: 4, goldstein: -10 }),
          event({
            date: '2018-05-24',
            cameo: '036',
            root: '03',
            quad: 1,
            goldstein: 4,
            direction: 'forward',
            plover: 'AGREE',
          }),
          event({ date: '2018-05-24', negated: true }),
          event({
            date: '2018-05-25',
            source: 'USAGOV',
            target: 'PRK',
            cameo: '042',
            root: '04',
            quad: 1,
            goldstein: 1.9,
            direction: 'forward',
          }),
        ]),
      );
      const series = await store.dyadSeries({ dyad: 'PRK-USA' });
      expect(series).toEqual([
        {
          day: '2018-05-23',
          events: 2,
          quad: [0, 0, 1, 1],
          goldsteinSum: -17,
          goldsteinMean: -8.5,
          forward: 0,
          rearward: 2,
          neutral: 0,
        },
        {
          day: '2018-05-24',
          events: 1,
          quad: [1, 0, 0, 0],
          goldsteinSum: 4,
          goldsteinMean: 4,
          forward: 1,
          rearward: 0,
          neutral: 0,
        },
      ]);
      const both = await store.dyadSeries({ dyad: 'USA-PRK', undirected: true, from: '2018-05-24' });
      expect(both.map((d) => [d.day, d.events])).toEqual([
        ['2018-05-24', 1],
        ['2018-05-25', 1],
      ]);
      const top = await store.topDyads({ from: '2018-01-01', to: '2018-12-31' });
      expect(top.map((d) => [d.dyad, d.events])).toEqual([
        ['PRK-USA', 3],
        ['USA-PRK', 1],
      ]);
      const undirected = await store.topDyads({ undirected: true });
      expect(undirected.map((d) => [d.dyad, d.events])).toEqual([['PRK-USA', 4]]);
    });

    it('filters events and pages through them with a cursor', async () => {
      const events = Array.from({ length: 25 }, (_, i) =>
        event({
          date: `2018-05-${String(1 + (i % 10)).padStart(2, '0')}`,
          sentence: i,
          target: i % 2 ? 'USAGOV' : 'KOR',
        }),
      );
      await store.putDocument({ text: 'many' }, coded('many', events));
      const seen: number[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page = await store.queryEvents({ actor: 'USA', limit: 5, cursor });
        seen.push(...page.items.map((e) => e.sentence));
        cursor = page.next;
        pages++;
      } while (cursor !== null);
      expect(seen.sort((a, b) => a - b)).toEqual(events.filter((_, i) => i % 2).map((e) => e.sentence));
      expect(pages).toBe(3);
      // Newest first, an actor's pages are the same events in the opposite (date, id) order.
      const ascending = (await store.queryEvents({ actor: 'USA', limit: 100 })).items.map((e) => e.id);
      const descending: number[] = [];
      cursor = null;
      do {
        const page = await store.queryEvents({ actor: 'USA', order: 'desc', limit: 4, cursor });
        descending.push(...page.items.map((e) => e.id));
        cursor = page.next;
      } while (cursor !== null);
      expect(descending).toEqual([...ascending].reverse());
      const ranged = await store.queryEvents({ dyad: 'PRK-KOR', from: '2018-05-03', to: '2018-05-05', order: 'desc' });
      expect(ranged.items.map((e) => e.date)).toEqual([
        '2018-05-05',
        '2018-05-05',
        '2018-05-05',
        '2018-05-03',
        '2018-05-03',
        '2018-05-03',
      ]);
      expect((await store.queryEvents({ target: 'USAGOV', quad: 3, limit: 100 })).items).toHaveLength(12);
      expect((await store.queryEvents({ negated: true })).items).toHaveLength(0);
      await expect(store.queryEvents({ cursor: 'garbage' })).rejects.toThrow(/page cursor/);
    });

    it('pages an undirected dyad in (date, id) order across both directions, either way, with filters', async () => {
      const events = Array.from({ length: 30 }, (_, i) =>
        event({
          date: `2018-05-${String(1 + ((i * 7) % 12)).padStart(2, '0')}`,
          sentence: i,
          source: i % 3 === 0 ? 'USAGOV' : 'PRKGOV',
          target: i % 3 === 0 ? 'PRK' : 'USA',
          quad: i % 2 ? 3 : 4,
        }),
      );
      await store.putDocument({ text: 'both ways' }, coded('both ways', events));
      const all = await store.queryEvents({ dyad: 'USA-PRK', undirected: true, limit: 1000 });
      expect(all.items).toHaveLength(30);
      const key = (e: { date: string; id: number }) => `${e.date}#${String(e.id).padStart(9, '0')}`;
      const sorted = all.items.map(key);
      expect(sorted).toEqual([...sorted].sort());
      for (const order of ['asc', 'desc'] as const) {
        for (const quad of [undefined, 4] as const) {
          const seen: string[] = [];
          let cursor: string | null = null;
          do {
            const page = await store.queryEvents({
              dyad: 'PRK-USA',
              undirected: true,
              order,
              limit: 4,
              cursor,
              ...(quad === undefined ? {} : { quad }),
              from: '2018-05-02',
            });
            seen.push(...page.items.map(key));
            cursor = page.next;
          } while (cursor !== null);
          const expected = all.items
            .filter((e) => e.date >= '2018-05-02' && (quad === undefined || e.quad === quad))
            .map(key);
          expect(seen).toEqual(order === 'asc' ? expected : [...expected].reverse());
        }
      }
      const directed = await store.queryEvents({ dyad: 'USA-PRK', limit: 1000 });
      expect(directed.items.every((e) => e.dyad_key === 'USA-PRK')).toBe(true);
      expect(directed.items).toHaveLength(10);
    });

    it('sums the roll-up per day, Monday-based week and month in the database', async () => {
      // 2018-05-06 is a Sunday, 2018-05-07 a Monday; 2018-05-31 and 2018-06-01 are in one week but two months.
      const days = ['2018-05-06', '2018-05-06', '2018-05-07', '2018-05-31', '2018-06-01', '2018-06-01'];
      const events = days.map((date, i) =>
        event({
          date,
          sentence: i,
          source: i === 1 ? 'USA' : 'PRKGOV',
          target: i === 1 ? 'PRK' : 'USA',
          goldstein: i === 1 || i === 5 ? 10 : -4,
          quad: i === 1 || i === 5 ? 1 : 3,
          direction: i === 1 || i === 5 ? 'forward' : 'rearward',
        }),
      );
      await store.putDocument({ text: 'periods' }, coded('periods', events));
      const weeks = await store.dyadPeriods({ dyad: 'USA-PRK', undirected: true, resolution: 'week' });
      expect(weeks.map((w) => [w.day, w.lastDay, w.events])).toEqual([
        ['2018-05-06', '2018-05-06', 2],
        ['2018-05-07', '2018-05-07', 1],
        ['2018-05-31', '2018-06-01', 3],
      ]);
      // 05-06: -4 + 10 = 6 (a cooperative day); 05-31: -4; 06-01: -4 + 10 = 6.
      expect(weeks.map((w) => [w.goldsteinSum, w.cooperative, w.conflictual])).toEqual([
        [6, 6, 0],
        [-4, 0, 4],
        [2, 6, 4],
      ]);
      expect(weeks[2]).toMatchObject({ quad: [1, 0, 2, 0], forward: 1, rearward: 2, neutral: 0 });
      const months = await store.dyadPeriods({ dyad: 'PRK-USA', undirected: true, resolution: 'month' });
      expect(months.map((m) => [m.day, m.lastDay, m.events, m.cooperative, m.conflictual])).toEqual([
        ['2018-05-06', '2018-05-31', 4, 6, 8],
        ['2018-06-01', '2018-06-01', 2, 6, 0],
      ]);
      const directed = await store.dyadPeriods({ dyad: 'PRK-USA', resolution: 'day', from: '2018-05-07' });
      expect(directed.map((d) => [d.day, d.events, d.goldsteinSum])).toEqual([
        ['2018-05-07', 1, -4],
        ['2018-05-31', 1, -4],
        ['2018-06-01', 2, -4 + 10],
      ]);
    });

    it('tells when another connection has committed (SQLite), or that it cannot tell (PostgreSQL)', async () => {
      const before = await store.changeMark();
      if (name === 'postgres') {
        expect(before).toBeNull();
        return;
      }
      await store.putDocument({ text: 'own write' }, coded('own write', [event()]));
      // This connection's own commits are the caller's to notice; another connection's show.
      expect(await store.changeMark()).toBe(before);
      const other = await openSqliteStore(store.location);
      await other.putDocument({ text: 'other write' }, coded('other write', [event()]));
      await other.close();
      expect(await store.changeMark()).not.toBe(before);
    });

    it('keeps analyst corrections across re-coding, and re-coding replaces the roll-up contribution', async () => {
      const text = 'North Korea threatened the U.S.\nSeoul hosted talks.';
      const { id } = await store.putDocument(
        { text },
        coded(text, [
          event(),
          event({
            sentence: 1,
            source: 'KOR',
            target: 'PRK',
            cameo: '043',
            root: '04',
            quad: 1,
            goldstein: 2.8,
            direction: 'forward',
          }),
        ]),
      );
      await store.addCorrection({
        doc: id,
        action: 'replace',
        sentence: 0,
        matchCameo: '138',
        fields: { cameo: '130', cameo_name: 'Threaten', goldstein: -4.4 },
        author: 'ana',
      });
      await store.addCorrection({ doc: id, action: 'delete', sentence: 1 });
      const added = await store.addCorrection({
        doc: id,
        action: 'add',
        sentence: 1,
        fields: event({
          sentence: 1,
          source: 'USA',
          target: 'KOR',
          cameo: '051',
          root: '05',
          quad: 1,
          goldstein: 3.4,
          direction: 'forward',
        }),
      });
      const check = async () => {
        const events = (await store.getDocument(id))?.events ?? [];
        expect(events.map((e) => [e.sentence, e.source, e.cameo, e.origin])).toEqual([
          [0, 'PRKGOV', '130', 'analyst'],
          [1, 'USA', '051', 'analyst'],
        ]);
        expect((await store.dyadSeries({ dyad: 'PRK-USA' }))[0]?.goldsteinSum).toBeCloseTo(-4.4);
        expect(await store.dyadSeries({ dyad: 'KOR-PRK' })).toEqual([]);
      };
      await check();
      // The dictionary changed: the coder now finds the same events again (and one more); corrections still win.
      await store.replaceCoding(
        id,
        coded(text, [
          event(),
          event({
            sentence: 1,
            source: 'KOR',
            target: 'PRK',
            cameo: '043',
            root: '04',
            quad: 1,
            goldstein: 2.8,
            direction: 'forward',
          }),
        ]),
        'test/1',
      );
      await check();
      expect((await store.getDocument(id))?.document.coder).toBe('test/1');
      expect(await store.removeCorrection(added.id)).toBe(true);
      expect(await store.dyadSeries({ dyad: 'USA-KOR' })).toEqual([]);
      expect(await store.listCorrections(id)).toHaveLength(2);
    });

    it('imports external events once, by their external id', async () => {
      const gdelt = [1, 2, 3].map((n) => ({
        ...event({ origin: 'gdelt', doc: '' }),
        external_id: `gdelt:${n}`,
        url: `https://news/${n}`,
      }));
      expect(await store.putExternalEvents(gdelt)).toEqual({ inserted: 3, duplicates: 0 });
      expect(await store.putExternalEvents(gdelt)).toEqual({ inserted: 0, duplicates: 3 });
      const page = await store.queryEvents({ origin: 'gdelt' });
      expect(page.items.map((e) => [e.external_id, e.url, e.doc])).toEqual([
        ['gdelt:1', 'https://news/1', ''],
        ['gdelt:2', 'https://news/2', ''],
        ['gdelt:3', 'https://news/3', ''],
      ]);
      expect((await store.dyadSeries({ dyad: 'PRK-USA' }))[0]?.events).toBe(3);
    });

    it('finds actors by code prefix or by the words they were coded from', async () => {
      await store.putDocument(
        { text: 'a' },
        coded('a', [
          event({ date: '2018-01-01' }),
          event({ date: '2019-02-02', source: 'PRKGOV', source_text: 'Pyongyang' }),
        ]),
      );
      const [found] = await store.searchActors('prk');
      expect(found).toEqual({
        code: 'PRKGOV',
        label: 'Pyongyang',
        firstSeen: '2018-01-01',
        lastSeen: '2019-02-02',
        events: 2,
      });
      expect((await store.searchActors('the u.s')).map((a) => a.code)).toEqual(['USA']);
    });

    it('writes a document all or nothing', async () => {
      const broken = event({ sentence: 1 });
      (broken as unknown as Record<string, unknown>).source_text = null;
      await expect(store.putDocument({ text: 'broken' }, coded('broken', [event(), broken]))).rejects.toThrow();
      expect(await store.stats()).toMatchObject({ documents: 0, sentences: 0, events: 0, dyadDays: 0, actors: 0 });
      expect((await store.putDocument({ text: 'broken' }, coded('broken', [event()]))).status).toBe('new');
    });

    it('commits documents put together in one batch, each whole or not at all, in the order they came', async () => {
      const broken = event({ sentence: 1 });
      (broken as unknown as Record<string, unknown>).source_text = null;
      const puts = [
        store.putDocument({ text: 'one', url: 'u' }, coded('one', [event()])),
        store.putDocument({ text: 'bad' }, coded('bad', [event(), broken])),
        store.putDocument({ text: 'two', url: 'u' }, coded('two', [event({ date: '2018-05-24' })])),
        store.putDocument({ text: ' one ' }, coded('one', [event()])),
        store.putDocument({ text: 'three', url: 'u' }, coded('three', [])),
      ];
      const results = await Promise.allSettled(puts);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
      const value = (i: number) => (results[i] as PromiseFulfilledResult<PutResult>).value;
      expect([0, 2, 3, 4].map((i) => [value(i).status, value(i).previousVersion])).toEqual([
        ['new', null],
        ['version', documentId('one')],
        ['duplicate', null],
        ['version', documentId('two')],
      ]);
      expect(await store.hasDocument(documentId('bad'))).toBe(false);
      expect(await store.stats()).toMatchObject({ documents: 3, sentences: 3, events: 2, dyadDays: 2, actors: 2 });
      expect((await store.listDocuments({ url: 'u' })).items.map((d) => d.version).sort()).toEqual([1, 2, 3]);
      const [actor] = await store.searchActors('PRKGOV');
      expect(actor).toMatchObject({ events: 2, firstSeen: '2018-05-23', lastSeen: '2018-05-24' });
    });

    it('keeps feeds with their polling state and the items already seen', async () => {
      const feed = await store.addFeed('http://127.0.0.1/rss.xml', { intervalMinutes: 15 });
      expect(await store.addFeed('http://127.0.0.1/rss.xml')).toMatchObject({ id: feed.id, intervalMinutes: 15 });
      await store.updateFeed(feed.id, {
        etag: '"abc"',
        error: 'HTTP 500',
        errorCount: 2,
        nextPollAt: '2030-01-01T00:00:00.000Z',
      });
      expect(await store.getFeed(feed.id)).toMatchObject({ etag: '"abc"', error: 'HTTP 500', errorCount: 2 });
      expect(await store.markFeedItem(feed.id, 'guid-1', 'http://x/1', null)).toBe(true);
      expect(await store.markFeedItem(feed.id, 'guid-1', 'http://x/1', null)).toBe(false);
      expect(await store.hasFeedItem(feed.id, 'guid-1')).toBe(true);
      expect((await store.listFeeds()).map((f) => f.url)).toEqual(['http://127.0.0.1/rss.xml']);
      expect(await store.removeFeed(feed.id)).toBe(true);
      expect(await store.listFeeds()).toEqual([]);
    });

    it('hands out document texts for re-coding in pages', async () => {
      for (const text of ['a', 'b', 'c', 'd', 'e'])
        await store.putDocument({ text, published: '2020-01-01' }, coded(text, []));
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await store.documentTexts(cursor, 2);
        ids.push(...page.items.map((d) => d.id));
        cursor = page.next;
      } while (cursor !== null);
      expect(ids).toHaveLength(5);
      expect(new Set(ids).size).toBe(5);
    });
  });
}
