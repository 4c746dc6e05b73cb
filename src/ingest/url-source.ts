/** Documents from web pages: fetched within limits (`safe-fetch.ts`), article text and metadata extracted. */
import type { SourceItem } from './file-sources.js';
import { extractArticle } from './html-extract.js';
import { type FetchLimits, safeFetch } from './safe-fetch.js';

/**
 * Fetches one article page and turns it into an item; failures become an item with an error, never a throw.
 * The document's URL is the one asked for (so a later change of the page is a new version of the same URL).
 */
export async function urlItem(
  url: string,
  limits: FetchLimits = {},
  extra: { feedId?: number; source?: string } = {},
): Promise<SourceItem> {
  try {
    const page = await safeFetch(url, limits);
    const type = page.headers['content-type'] ?? '';
    const today = new Date().toISOString().slice(0, 10);
    if (/text\/plain/i.test(type)) {
      return {
        where: url,
        bytes: page.body.length,
        document: { text: page.body, url, date: today, source: extra.source ?? url, feedId: extra.feedId ?? null },
      };
    }
    if (type !== '' && !/html|xml/i.test(type)) return { where: url, bytes: 0, error: `not an article page (${type})` };
    const article = extractArticle(page.body, page.url);
    return {
      where: url,
      bytes: page.body.length,
      document: {
        ...article,
        url,
        date: article.published ?? today,
        source: extra.source ?? url,
        feedId: extra.feedId ?? null,
      },
    };
  } catch (error) {
    return { where: url, bytes: 0, error: (error as Error).message.replace(`${url}: `, '') };
  }
}
