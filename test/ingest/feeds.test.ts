import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Coder } from '../../src/coder/types.js';
import { backoffMinutes, pollDueFeeds, pollFeed } from '../../src/ingest/feed-poll.js';
import type { Store } from '../../src/store/store.js';
import { coderAvailable, realCoder } from '../helpers/coder.js';
import { articlePage, type LocalServer, startServer } from '../helpers/http-server.js';
import { storeDialects } from '../helpers/stores.js';

const limits = { allow: ['127.0.0.1'], timeoutMs: 2000 };

function rss(origin: string, items: { slug: string; title: string }[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>
<title>World News</title><link>${origin}/</link><description>Latest world news</description>
<atom:link href="${origin}/rss.xml" rel="self" type="application/rss+xml"/>
${items
  .map(
    (
      i,
    ) => `<item><title>${i.title}</title><link>${origin}/news/${i.slug}</link><guid isPermaLink="false">${i.slug}</guid>
<pubDate>Thu, 24 May 2018 09:30:00 GMT</pubDate><description><![CDATA[<p>${i.title}.</p>]]></description></item>`,
  )
  .join('\n')}
</channel></rss>`;
}

const atom = (origin: string) => `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Diplomatic wire</title><id>urn:wire</id><updated>2018-05-25T10:00:00Z</updated>
<entry><title>Seoul urges talks</title><id>urn:wire:1</id><link href="${origin}/news/seoul"/><updated>2018-05-25T10:00:00Z</updated>
<published>2018-05-25T09:00:00Z</published><summary>South Korea urged both sides to return to talks.</summary></entry>
</feed>`;

const ARTICLES: Record<string, [string, string[]]> = {
  summit: ['Trump cancels summit', ['President Trump cancelled the summit with Kim Jong Un on Thursday.']],
  threat: ['North Korea warns', ['North Korea threatened to walk away from the summit with the United States.']],
  seoul: ['Seoul urges talks', ['South Korea urged North Korea and the United States to return to talks.']],
};

const withCoder = coderAvailable() ? describe : describe.skip;

for (const { name, dialect } of storeDialects('ingest_feeds')) {
  const suite = dialect === null ? describe.skip : withCoder;
  suite(`feeds into ${name}`, () => {
    let server: LocalServer;
    let store: Store;
    let coder: Coder;
    let feedItems = [{ slug: 'summit', title: 'Trump cancels summit' }];
    beforeAll(async () => {
      coder = await realCoder();
      const routes: Parameters<typeof startServer>[0] = {
        '/rss.xml': (req, res) => {
          const etag = `"v${feedItems.length}"`;
          if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
          res.writeHead(200, {
            'content-type': 'application/rss+xml',
            etag,
            'last-modified': 'Thu, 24 May 2018 10:00:00 GMT',
          });
          res.end(rss(server.origin, feedItems));
        },
        '/atom.xml': (_, res) =>
          res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(atom(server.origin)),
        '/broken.xml': (_, res) =>
          res.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<html><body>Oops, this is a login page'),
        '/down.xml': (_, res) => res.writeHead(503).end(),
      };
      for (const [slug, [title, paragraphs]] of Object.entries(ARTICLES)) {
        routes[`/news/${slug}`] = (_, res) =>
          res.writeHead(200, { 'content-type': 'text/html' }).end(articlePage(title, paragraphs));
      }
      server = await startServer(routes);
    });
    beforeEach(async () => {
      store = await (dialect as NonNullable<typeof dialect>).open();
      feedItems = [{ slug: 'summit', title: 'Trump cancels summit' }];
    });
    afterAll(async () => {
      await server.close();
      await dialect?.cleanup();
    });

    it('fetches and codes each new item once, then uses conditional GET', async () => {
      const feed = await store.addFeed(`${server.origin}/rss.xml`, { intervalMinutes: 10 });
      const first = await pollFeed(feed, { store, coder, limits });
      expect(first).toMatchObject({ outcome: 'fetched', items: 1, error: null });
      expect(first.summary.new).toBe(1);
      expect(first.feed).toMatchObject({ title: 'World News', etag: '"v1"', errorCount: 0, error: null });
      const { items } = await store.listDocuments({ feedId: feed.id });
      expect(items).toMatchObject([
        { url: `${server.origin}/news/summit`, title: 'Trump cancels summit', published: '2018-05-24' },
      ]);

      const unchanged = await pollFeed(first.feed, { store, coder, limits });
      expect(unchanged.outcome).toBe('not-modified');
      expect(server.requests.filter((r) => r.path === '/rss.xml').at(-1)?.headers['if-none-match']).toBe('"v1"');

      feedItems = [{ slug: 'threat', title: 'North Korea warns' }, ...feedItems];
      const changed = await pollFeed(unchanged.feed, { store, coder, limits });
      expect(changed).toMatchObject({ outcome: 'fetched', items: 1 });
      expect(server.requests.filter((r) => r.path === '/news/summit')).toHaveLength(1);
      expect((await store.stats()).documents).toBe(2);
    });

    it('reads Atom feeds too', async () => {
      const feed = await store.addFeed(`${server.origin}/atom.xml`);
      const result = await pollFeed(feed, { store, coder, limits });
      expect(result).toMatchObject({ outcome: 'fetched', items: 1 });
      expect((await store.listDocuments()).items[0]).toMatchObject({
        url: `${server.origin}/news/seoul`,
        feedId: feed.id,
      });
    });

    it('keeps an error state for a malformed or failing feed and backs off', async () => {
      const now = new Date('2026-01-01T00:00:00Z');
      const broken = await store.addFeed(`${server.origin}/broken.xml`, { intervalMinutes: 10 });
      const down = await store.addFeed(`${server.origin}/down.xml`, { intervalMinutes: 10 });
      const results = await pollDueFeeds({ store, coder, limits, all: true, now: () => now });
      expect(results.map((r) => r.outcome)).toEqual(['failed', 'failed']);
      expect(results[0]?.error).toMatch(/not a valid RSS or Atom feed/);
      expect(results[1]?.error).toMatch(/HTTP 503/);
      const again = await pollFeed((await store.getFeed(down.id)) ?? down, { store, coder, limits, now: () => now });
      expect(again.feed).toMatchObject({
        errorCount: 2,
        nextPollAt: new Date(now.getTime() + 40 * 60_000).toISOString(),
      });
      expect((await store.getFeed(broken.id))?.errorCount).toBe(1);
      expect(backoffMinutes(10, 20)).toBe(24 * 60);
      const notDue = await pollDueFeeds({ store, coder, limits, now: () => now });
      expect(notDue).toEqual([]);
    });
  });
}
