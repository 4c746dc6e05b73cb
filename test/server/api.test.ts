/**
 * Every API endpoint, in-process (`app.request`), against a real SQLite file in a temp folder and, when
 * DATABASE_URL is set, PostgreSQL: good requests, bad parameters (400 with a message), not found (404),
 * oversize (413), wrong content type (415), writing without permission (401).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCUMENTED_ROUTES } from '../../src/server/openapi.js';
import type { Store } from '../../src/store/store.js';
import { storeDialects } from '../helpers/stores.js';
import { json, LOOPBACK, REMOTE, readSse, seedDocuments, testApp } from './api-helpers.js';

for (const { name, dialect } of storeDialects('server_api')) {
  describe.skipIf(dialect === null)(`API on ${name}`, () => {
    let store: Store;
    let app: ReturnType<typeof testApp>['app'];
    let context: ReturnType<typeof testApp>['context'];
    let firstDoc = '';

    const get = (path: string, init?: RequestInit) => app.request(path, init);
    const errorOf = async (response: Response) => ((await response.json()) as { error: { message: string } }).error;

    beforeAll(async () => {
      store = await (dialect as NonNullable<typeof dialect>).open();
      ({ app, context } = testApp(store));
      for (const document of seedDocuments()) {
        const response = await app.request('/api/ingest', json(document), LOOPBACK);
        expect(response.status).toBe(201);
        const body = (await response.json()) as { document: string };
        firstDoc ||= body.document;
      }
    });
    afterAll(() => dialect?.cleanup());

    describe('health and contract', () => {
      it('answers /healthz and /readyz', async () => {
        expect((await get('/healthz')).status).toBe(200);
        const ready = await get('/readyz');
        expect(ready.status).toBe(200);
        expect(await ready.json()).toMatchObject({ ready: true, store: name });
      });

      it('serves an OpenAPI document naming every route', async () => {
        const response = await get('/api/openapi.json');
        const document = (await response.json()) as { openapi: string; paths: Record<string, object> };
        expect(document.openapi).toBe('3.1.0');
        for (const route of DOCUMENTED_ROUTES) {
          const [method, path] = route.split(' ') as [string, string];
          expect(document.paths[path], route).toHaveProperty(method.toLowerCase());
        }
        const events = (document.paths['/api/events'] as { get: { parameters: { name: string }[] } }).get;
        expect(events.parameters.map((p) => p.name)).toEqual(expect.arrayContaining(['dyad', 'cursor', 'format']));
      });

      it('answers unknown API paths with a JSON 404 and a request id', async () => {
        const response = await get('/api/nothing-here');
        expect(response.status).toBe(404);
        expect((await errorOf(response)).message).toMatch(/no API route GET \/api\/nothing-here/);
        expect(response.headers.get('x-request-id')).toBeTruthy();
      });

      it('serves a page for the dashboard paths even before it is built', async () => {
        const response = await get('/dyad/USA-PRK');
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toMatch(/html/);
      });

      it('reports store counts', async () => {
        expect(await (await get('/api/stats')).json()).toMatchObject({ documents: 21 });
      });
    });

    describe('documents', () => {
      it('lists and pages documents', async () => {
        const first = (await (await get('/api/documents?limit=5')).json()) as { items: unknown[]; next: string };
        expect(first.items).toHaveLength(5);
        const second = (await (await get(`/api/documents?limit=5&cursor=${first.next}`)).json()) as {
          items: { id: string }[];
        };
        expect(second.items).toHaveLength(5);
      });

      it('searches titles and text', async () => {
        const body = (await (await get('/api/documents?q=panmunjom')).json()) as { items: { snippet: string }[] };
        expect(body.items.length).toBe(12);
        expect(body.items[0]?.snippet).toMatch(/Panmunjom/);
      });

      it('returns one document with sentences and events', async () => {
        const body = (await (await get(`/api/documents/${firstDoc}`)).json()) as {
          text: string;
          sentences: unknown[];
          events: { evidence: string }[];
        };
        expect(body.sentences).toHaveLength(3);
        expect(body.events).toHaveLength(2);
        expect(body.text).toContain(body.events[0]?.evidence);
      });

      it('400 for a malformed id, 404 for an unknown one, 400 for a bad cursor or parameter', async () => {
        expect((await get('/api/documents/nope')).status).toBe(400);
        const missing = await get(`/api/documents/sha256:${'0'.repeat(64)}`);
        expect(missing.status).toBe(404);
        expect((await errorOf(missing)).message).toMatch(/no document/);
        const cursor = await get('/api/documents?cursor=garbage');
        expect(cursor.status).toBe(400);
        expect((await errorOf(cursor)).message).toMatch(/cursor/);
        expect((await get('/api/documents?limit=100000')).status).toBe(400);
      });
    });

    describe('events', () => {
      it('filters by dyad, direction, root, quad, actor, date and text', async () => {
        const page = async (query: string) =>
          ((await (await get(`/api/events?${query}`)).json()) as { items: { source: string; date: string }[] }).items;
        expect(await page('dyad=USA-PRK&limit=1000')).toHaveLength(12);
        expect(await page('dyad=USA-PRK&undirected=true&limit=1000')).toHaveLength(40);
        expect(await page('direction=rearward&limit=1000')).toHaveLength(17);
        expect(await page('root=19')).toHaveLength(8);
        expect(await page('quad=4')).toHaveLength(8);
        expect(await page('plover=threaten')).toHaveLength(9);
        expect(await page('cameo=051')).toHaveLength(12);
        expect(await page('actor=UKR')).toHaveLength(2);
        expect(await page('source=PRKMIL')).toHaveLength(8);
        expect(await page('modality=asserted&origin=coded&negated=false&limit=1000')).toHaveLength(42);
        const ranged = await page('from=2018-03-26&to=2018-04-30&limit=1000');
        expect(ranged.every((e) => e.date >= '2018-03-26' && e.date <= '2018-04-30')).toBe(true);
        expect(await page('q=panmunjom&limit=1000')).toHaveLength(12);
        expect(await page('q=drills&dyad=PRK-USA')).toHaveLength(8);
      });

      it('pages with a cursor through every event, newest first when asked', async () => {
        const seen = new Set<number>();
        let cursor = '';
        let pages = 0;
        do {
          const body = (await (
            await get(`/api/events?limit=7&order=desc${cursor ? `&cursor=${cursor}` : ''}`)
          ).json()) as {
            items: { id: number }[];
            next: string | null;
          };
          for (const event of body.items) seen.add(event.id);
          cursor = body.next ?? '';
          pages++;
        } while (cursor !== '' && pages < 20);
        expect(seen.size).toBe(42);
        expect(pages).toBe(6);
      });

      it('pages a text search with its cursor', async () => {
        const first = (await (await get('/api/events?q=week&limit=10')).json()) as { items: unknown[]; next: string };
        expect(first.items).toHaveLength(10);
        const second = (await (await get(`/api/events?q=week&limit=100&cursor=${first.next}`)).json()) as {
          items: unknown[];
          next: string | null;
        };
        expect(second.items).toHaveLength(10);
        expect(second.next).toBeNull();
      });

      it('exports CSV and JSON Lines', async () => {
        const csv = await get('/api/events?dyad=USA-PRK&format=csv');
        expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
        expect(csv.headers.get('content-disposition')).toMatch(/attachment/);
        const lines = (await csv.text()).trim().split('\n');
        expect(lines[0]).toMatch(/^id,doc,sentence,date,source/);
        expect(lines).toHaveLength(13);
        const jsonl = await get('/api/events?root=19&format=jsonl');
        const records = (await jsonl.text())
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line) as { cameo: string });
        expect(records).toHaveLength(8);
        expect(records[0]?.cameo).toBe('190');
        const filtered = await get('/api/events?format=csv&q=panmunjom');
        expect((await filtered.text()).trim().split('\n')).toHaveLength(13);
      });

      it('400 with a message for each kind of bad parameter', async () => {
        const cases: [string, RegExp][] = [
          ['limit=0', /limit/],
          ['limit=1001', /limit/],
          ['limit=ten', /limit/],
          ['quad=5', /quad/],
          ['direction=sideways', /direction/],
          ['from=yesterday', /from: use YYYY-MM-DD/],
          ['dyad=USAPRK', /dyad: a dyad is two actor codes/],
          ['root=1', /root/],
          ['cursor=xyz', /cursor/],
          ['colour=blue', /colour|unrecognized/i],
          ['from=2019-01-01&to=2018-01-01', /from is after to/],
          ['format=xml', /format/],
          ['q=a', /q/],
        ];
        for (const [query, message] of cases) {
          const response = await get(`/api/events?${query}`);
          expect(response.status, query).toBe(400);
          expect((await errorOf(response)).message, query).toMatch(message);
        }
      });
    });

    describe('actors', () => {
      it('searches actors by code and by name', async () => {
        const body = (await (await get('/api/actors?q=PRK')).json()) as { items: { code: string }[] };
        expect(body.items.map((a) => a.code)).toEqual(expect.arrayContaining(['PRK', 'PRKGOV', 'PRKMIL']));
        const all = (await (await get('/api/actors')).json()) as { items: unknown[] };
        expect(all.items.length).toBeGreaterThan(5);
      });

      it('returns an actor with its dyads and events', async () => {
        const body = (await (await get('/api/actors/PRK')).json()) as {
          actor: { code: string };
          dyads: { dyad: string }[];
          events: unknown[];
        };
        expect(body.actor.code).toBe('PRK');
        expect(body.dyads.map((d) => d.dyad)).toContain('PRK-USA');
        expect(body.events.length).toBe(40);
      });

      it('404 for an unknown actor, 400 for a malformed code', async () => {
        expect((await get('/api/actors/ZZZ')).status).toBe(404);
        expect((await get('/api/actors/a!')).status).toBe(400);
        expect((await get('/api/actors?limit=-1')).status).toBe(400);
      });
    });

    describe('dyads', () => {
      it('lists the busiest dyads', async () => {
        const body = (await (await get('/api/dyads?limit=2')).json()) as { items: { dyad: string; events: number }[] };
        expect(body.items[0]).toMatchObject({ dyad: 'PRK-USA', events: 40 });
      });

      it('ranks the dyads moving most', async () => {
        const body = (await (await get('/api/dyads/moving?days=28')).json()) as {
          until: string;
          movedMost: { dyad: string; reason: string }[];
        };
        expect(body.until).toBe('2018-05-14');
        expect(body.movedMost[0]?.dyad).toBe('PRK-USA');
        expect(body.movedMost[0]?.reason).toBeTruthy();
      });

      it('analyses a dyad: series, movements, state, reciprocity', async () => {
        const body = (await (await get('/api/dyads/USA-PRK')).json()) as {
          basis: string;
          series: { points: { level: number }[]; reports?: unknown };
          movements: { label: string }[];
          state: { state: string; reason: string };
          reciprocity: { aToB: { moves: unknown[] } };
        };
        expect(body.basis).toBe('events');
        expect(body.series.points.length).toBeGreaterThanOrEqual(20);
        expect(body.series.reports).toBeUndefined();
        expect(body.movements.some((m) => m.label === 'rearward')).toBe(true);
        expect(body.state.reason).toBeTruthy();
        expect(body.reciprocity.aToB.moves.length).toBeGreaterThan(0);
        const series = (await (await get('/api/dyads/PRK-USA/series?resolution=month')).json()) as {
          series: { resolution: string; points: unknown[] };
        };
        expect(series.series.resolution).toBe('month');
        expect(series.series.points.length).toBe(5);
        for (const part of ['movements', 'state', 'reciprocity']) {
          const response = await get(`/api/dyads/USA-PRK/${part}`);
          expect(response.status, part).toBe(200);
          expect(await response.json(), part).toHaveProperty(part);
        }
        const ranged = (await (await get('/api/dyads/USA-PRK/state?from=2018-01-01&to=2018-02-28')).json()) as {
          state: { asOf: string };
        };
        expect(ranged.state.asOf).toBe('2018-02-28');
      });

      it('404 for a dyad without events, 400 for bad parameters', async () => {
        const missing = await get('/api/dyads/USA-FRA');
        expect(missing.status).toBe(404);
        expect((await errorOf(missing)).message).toMatch(/no events for dyad USA-FRA/);
        expect((await get('/api/dyads/USA-PRK/state?from=1990-01-01&to=1990-02-01')).status).toBe(404);
        expect((await get('/api/dyads/USAPRK')).status).toBe(400);
        expect((await get('/api/dyads/USA-PRK/series?resolution=year')).status).toBe(400);
        expect((await get('/api/dyads/USA-PRK?from=2019-01-01&to=2018-01-01')).status).toBe(400);
        expect((await get('/api/dyads/moving?days=0')).status).toBe(400);
        expect((await get('/api/dyads?limit=1000')).status).toBe(400);
        // Dates that are not days of the calendar are refused, not answered 500 or compared as text.
        for (const path of ['/api/dyads/USA-PRK/series?to=2018-02-30', '/api/events?from=2018-13-01']) {
          const bad = await get(path);
          expect(bad.status, path).toBe(400);
          expect((await errorOf(bad)).message).toMatch(/not a day of the calendar/);
        }
        // Query cost: a series longer than 20,000 points is refused with the way out.
        for (const path of [
          '/api/dyads/USA-PRK?from=0001-01-01&resolution=day',
          '/api/dyads/USA-PRK/series?from=1000-01-01',
        ]) {
          const long = await get(path);
          expect(long.status, path).toBe(400);
          expect((await errorOf(long)).message).toMatch(/at most 20,000 points: narrow from and to or ask for/);
        }
      });
    });

    describe('search', () => {
      it('finds actors, documents and events', async () => {
        const body = (await (await get('/api/search?q=drills')).json()) as {
          documents: unknown[];
          events: unknown[];
        };
        expect(body.documents.length).toBeGreaterThan(0);
        expect(body.events.length).toBeGreaterThan(0);
        const actors = (await (await get('/api/search?q=UKR')).json()) as { actors: { code: string }[] };
        expect(actors.actors[0]?.code).toBe('UKR');
      });

      it('400 without q', async () => {
        const response = await get('/api/search');
        expect(response.status).toBe(400);
        expect((await errorOf(response)).message).toMatch(/q/);
      });
    });

    describe('analyse and ingest', () => {
      it('analyses a text without storing it', async () => {
        const before = (await (await get('/api/stats')).json()) as { documents: number };
        const response = await get(
          '/api/analyse',
          json({ text: 'RUS attacked UKR at dawn. UKR aided POL.', date: '2022-02-24' }),
        );
        expect(response.status).toBe(200);
        const body = (await response.json()) as { events: { cameo: string; date: string }[]; sentences: unknown[] };
        expect(body.events.map((e) => e.cameo)).toEqual(['190', '070']);
        expect(body.events[0]?.date).toBe('2022-02-24');
        const plain = await get('/api/analyse', {
          method: 'POST',
          headers: { 'content-type': 'text/plain' },
          body: 'USA met FRA.',
        });
        expect(((await plain.json()) as { events: unknown[] }).events).toHaveLength(1);
        const after = (await (await get('/api/stats')).json()) as { documents: number };
        expect(after.documents).toBe(before.documents);
      });

      it('refuses bad bodies: 400, 415, 413, 422', async () => {
        const malformed = await get('/api/analyse', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"text":',
        });
        expect(malformed.status).toBe(400);
        expect((await errorOf(malformed)).message).toMatch(/malformed JSON/);
        const neither = await get('/api/analyse', json({ title: 'x' }));
        expect(neither.status).toBe(400);
        expect((await errorOf(neither)).message).toMatch(/either "text" or "url"/);
        expect((await get('/api/analyse', json({ url: 'ftp://example.org/x' }))).status).toBe(400);
        expect((await get('/api/analyse', json({ text: 'x', date: '24 May' }))).status).toBe(400);
        const form = await get('/api/analyse', {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'a=b',
        });
        expect(form.status).toBe(415);
        const huge = await get('/api/analyse', json({ text: 'USA met FRA. '.repeat(100_000) }));
        expect(huge.status).toBe(413);
        expect((await errorOf(huge)).message).toMatch(/limit/);
        const empty = await get('/api/analyse', json({ text: '   ' }));
        expect(empty.status).toBe(422);
        const refused = await get('/api/analyse', json({ url: 'http://127.0.0.1:9/secret' }));
        expect(refused.status).toBe(422);
        expect((await errorOf(refused)).message).toMatch(/refused|private|local/);
      });

      it('stores once: a repeat is a duplicate', async () => {
        const text = { text: 'USA aided KOR after the floods.', date: '2018-08-01' };
        const first = await app.request('/api/ingest', json(text), LOOPBACK);
        expect(first.status).toBe(201);
        expect(((await first.json()) as { events: unknown[] }).events).toHaveLength(1);
        const again = await app.request('/api/ingest', json(text), LOOPBACK);
        expect(again.status).toBe(200);
        expect(await again.json()).toMatchObject({ status: 'duplicate' });
      });

      it('lets only loopback clients write without a token', async () => {
        const response = await app.request('/api/ingest', json({ text: 'USA met GBR.' }), REMOTE);
        expect(response.status).toBe(401);
        expect((await errorOf(response)).message).toMatch(/DYADWATCH_API_TOKEN/);
      });

      it('requires the bearer token once one is configured', async () => {
        const { app: guarded } = testApp(store, { apiToken: 'sesame' });
        const body = json({ text: 'USA met DEU.', date: '2018-09-01' });
        expect((await guarded.request('/api/ingest', body, LOOPBACK)).status).toBe(401);
        const wrong = { ...body, headers: { ...body.headers, authorization: 'Bearer nope' } };
        expect((await guarded.request('/api/ingest', wrong, REMOTE)).status).toBe(401);
        const right = { ...body, headers: { ...body.headers, authorization: 'Bearer sesame' } };
        expect((await guarded.request('/api/ingest', right, REMOTE)).status).toBe(201);
      });
    });

    describe('feeds', () => {
      it('adds, lists, refuses duplicates and removes feeds', async () => {
        const added = await app.request(
          '/api/feeds',
          json({ url: 'https://example.org/feed.xml', intervalMinutes: 60 }),
          LOOPBACK,
        );
        expect(added.status).toBe(201);
        const feed = (await added.json()) as { id: number; intervalMinutes: number };
        expect(feed.intervalMinutes).toBe(60);
        expect((await app.request('/api/feeds', json({ url: 'https://example.org/feed.xml' }), LOOPBACK)).status).toBe(
          409,
        );
        const list = (await (await app.request('/api/feeds', {}, LOOPBACK)).json()) as { items: { id: number }[] };
        expect(list.items.map((f) => f.id)).toContain(feed.id);
        expect((await app.request(`/api/feeds/${feed.id}`, { method: 'DELETE' }, LOOPBACK)).status).toBe(204);
        expect((await app.request(`/api/feeds/${feed.id}`, { method: 'DELETE' }, LOOPBACK)).status).toBe(404);
        expect((await app.request('/api/feeds/999/poll', { method: 'POST' }, LOOPBACK)).status).toBe(404);
        expect((await app.request('/api/feeds/abc', { method: 'DELETE' }, LOOPBACK)).status).toBe(400);
        expect((await app.request('/api/feeds', json({ url: 'not a url' }), LOOPBACK)).status).toBe(400);
      });

      it('401 for remote clients', async () => {
        expect((await app.request('/api/feeds', {}, REMOTE)).status).toBe(401);
      });
    });

    describe('live stream', () => {
      it('streams newly coded events and movements', async () => {
        const abort = new AbortController();
        const stream = await app.request('/api/live', { signal: abort.signal });
        expect(stream.headers.get('content-type')).toMatch(/text\/event-stream/);
        const reading = readSse(stream, (frames) => frames.some((f) => f.event === 'event'));
        await new Promise((resolve) => setTimeout(resolve, 50));
        await app.request('/api/ingest', json({ text: 'CHN threatened TWN.', date: '2018-10-01' }), LOOPBACK);
        const frames = await reading;
        abort.abort();
        expect(frames[0]?.event).toBe('hello');
        const event = frames.find((f) => f.event === 'event');
        expect(JSON.parse(event?.data ?? '{}')).toMatchObject({ source: 'CHN', target: 'TWN', cameo: '130' });
        expect(Number(event?.id)).toBeGreaterThan(0);
      });

      it('publishes a movement when a document turns a dyad', async () => {
        const before = context.hub.lastId;
        for (let n = 0; n < 6; n++) {
          const date = new Date(Date.UTC(2019, 0, 7 + 7 * n)).toISOString().slice(0, 10);
          await app.request('/api/ingest', json({ text: `IND praised PAK in round ${n}.`, date }), LOOPBACK);
        }
        for (let n = 6; n < 12; n++) {
          const date = new Date(Date.UTC(2019, 0, 7 + 7 * n)).toISOString().slice(0, 10);
          await app.request(
            '/api/ingest',
            json({ text: `PAK attacked IND in round ${n}. IND attacked PAK.`, date }),
            LOOPBACK,
          );
        }
        const movements = context.hub.since(before).messages.filter((m) => m.type === 'movement');
        expect(movements.length).toBeGreaterThan(0);
        expect(movements.some((m) => (m.data as { label: string; dyad: string }).label === 'rearward')).toBe(true);
        expect((movements[0]?.data as { dyad?: string } | undefined)?.dyad).toBe('IND-PAK');
      });

      it('resumes from Last-Event-ID', async () => {
        const before = context.hub.lastId;
        await app.request('/api/ingest', json({ text: 'JPN met KOR. KOR aided JPN.', date: '2018-10-02' }), LOOPBACK);
        const abort = new AbortController();
        const stream = await app.request('/api/live', {
          signal: abort.signal,
          headers: { 'last-event-id': String(before) },
        });
        const frames = await readSse(stream, (f) => f.filter((x) => x.event === 'event').length >= 2, 2000);
        abort.abort();
        const events = frames.filter((f) => f.event === 'event').map((f) => JSON.parse(f.data) as { source: string });
        expect(events.map((e) => e.source)).toEqual(['JPN', 'KOR']);
        expect(frames.some((f) => f.event === 'gap')).toBe(false);
        const ids = frames.filter((f) => f.id).map((f) => Number(f.id));
        expect(ids).toEqual([...ids].sort((a, b) => a - b));
      });

      it('says when the ring no longer holds the messages asked for', async () => {
        const abort = new AbortController();
        const stream = await app.request('/api/live?lastEventId=1', { signal: abort.signal });
        const frames = await readSse(stream, (f) => f.some((x) => x.event === 'gap'), 2000);
        abort.abort();
        expect(frames.some((f) => f.event === 'gap')).toBe(true);
      });

      it('returns recent messages as JSON, 400 for bad parameters', async () => {
        const body = (await (await get('/api/live/recent?type=event&limit=3')).json()) as { items: { type: string }[] };
        expect(body.items).toHaveLength(3);
        expect(body.items.every((m) => m.type === 'event')).toBe(true);
        expect((await get('/api/live/recent?type=nope')).status).toBe(400);
        expect((await get('/api/live?lastEventId=x')).status).toBe(400);
      });
    });

    describe('cache', () => {
      it('serves a cached page only until the data changes', async () => {
        const page = async () =>
          ((await (await get('/api/events?dyad=ESP-MAR&limit=10')).json()) as { items: unknown[] }).items.length;
        expect(await page()).toBe(0);
        expect(await page()).toBe(0);
        const stored = await app.request(
          '/api/ingest',
          json({ text: 'ESP threatened MAR.', date: '2018-03-01' }),
          LOOPBACK,
        );
        expect(stored.status).toBe(201);
        expect(await page()).toBe(1);
      });

      it("drops only the written pair's answers and the answers over all dyads", async () => {
        const read = async (path: string) => (await get(path)).text();
        const other = '/api/events?dyad=FRA-ITA&undirected=true&limit=10';
        const otherBefore = await read(other);
        const pair = '/api/events?dyad=MAR-ESP&undirected=true&limit=10';
        const pairBefore = JSON.parse(await read(pair)) as { items: unknown[] };
        const all = '/api/events?from=2018-03-02&to=2018-03-02';
        expect((JSON.parse(await read(all)) as { items: unknown[] }).items).toHaveLength(0);
        const stored = await app.request(
          '/api/ingest',
          json({ text: 'MAR attacked ESP.', date: '2018-03-02' }),
          LOOPBACK,
        );
        expect(stored.status).toBe(201);
        // The other pair's page is still the cached answer (a hit), and still right.
        const hits = context.cache.hits;
        expect(await read(other)).toBe(otherBefore);
        expect(context.cache.hits).toBe(hits + 1);
        // The written pair's page and the page over all dyads show the new event.
        const pairAfter = JSON.parse(await read(pair)) as { items: { date: string }[] };
        expect(pairAfter.items).toHaveLength(pairBefore.items.length + 1);
        expect(pairAfter.items.some((e) => e.date === '2018-03-02')).toBe(true);
        expect((JSON.parse(await read(all)) as { items: unknown[] }).items).toHaveLength(1);
        // A write the server cannot attribute drops everything.
        context.cache.invalidate();
        const misses = context.cache.misses;
        expect(await read(other)).toBe(otherBefore);
        expect(context.cache.misses).toBe(misses + 1);
      });
    });
  });
}
