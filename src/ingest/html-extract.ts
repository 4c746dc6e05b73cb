/**
 * Article text and metadata from an HTML page: @mozilla/readability over a linkedom document for the text, the
 * page's own metadata (Open Graph, article:*, JSON-LD, <time>) for title, author and published date.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

export interface ExtractedArticle {
  title: string | null;
  author: string | null;
  /** ISO date (YYYY-MM-DD), or null when the page does not say. */
  published: string | null;
  language: string | null;
  text: string;
}

/** The date part of anything `Date` understands, or null. */
export function isoDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const direct = /^(\d{4}-\d{2}-\d{2})/.exec(value.trim());
  if (direct?.[1]) return direct[1];
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? null : parsed.toISOString().slice(0, 10);
}

type Doc = ReturnType<typeof parseHTML>['document'];

function meta(document: Doc, ...names: string[]): string | null {
  for (const name of names) {
    const element = document.querySelector(`meta[property="${name}"], meta[name="${name}"], meta[itemprop="${name}"]`);
    const content = element?.getAttribute('content')?.trim();
    if (content) return content;
  }
  return null;
}

/** datePublished and author from JSON-LD blocks (news sites put their metadata there). */
function jsonLd(document: Doc): { published: string | null; author: string | null } {
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      const data = JSON.parse(script.textContent ?? '') as unknown;
      for (const node of Array.isArray(data) ? data : [data]) {
        if (typeof node !== 'object' || node === null) continue;
        const record = node as Record<string, unknown>;
        const author = record.author as { name?: string } | { name?: string }[] | string | undefined;
        const name = typeof author === 'string' ? author : Array.isArray(author) ? author[0]?.name : author?.name;
        if (record.datePublished || name) {
          return {
            published: typeof record.datePublished === 'string' ? record.datePublished : null,
            author: name ?? null,
          };
        }
      }
    } catch {
      // A broken JSON-LD block is common and harmless: the other metadata still applies.
    }
  }
  return { published: null, author: null };
}

const BLOCKS = 'p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, div, section, article, tr, br';

/** Text of an HTML fragment with a blank line after each block, so paragraphs stay paragraphs for the coder. */
function blockText(html: string): string {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  for (const element of document.querySelectorAll(BLOCKS)) element.after(document.createTextNode('\n\n'));
  return document.body?.textContent ?? '';
}

/**
 * Extracts the article of an HTML page, or throws when the page has no readable text.
 * @example extractArticle(html, 'https://example.org/news/1').text
 */
export function extractArticle(html: string, url?: string): ExtractedArticle {
  const { document } = parseHTML(html);
  const ld = jsonLd(document);
  const published = isoDate(
    meta(document, 'article:published_time', 'datePublished', 'date', 'dc.date', 'DC.date.issued', 'pubdate') ??
      ld.published ??
      document.querySelector('time[datetime]')?.getAttribute('datetime'),
  );
  const metaTitle =
    meta(document, 'og:title', 'twitter:title') ?? document.querySelector('title')?.textContent?.trim() ?? null;
  const metaAuthor = meta(document, 'author', 'article:author', 'byl') ?? ld.author;
  const language = document.documentElement?.getAttribute('lang') ?? meta(document, 'og:locale');
  // Readability changes the document it reads; metadata is taken above, before it runs.
  const article = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], {
    charThreshold: 200,
  }).parse();
  const raw = article?.content ? blockText(article.content) : (document.body?.textContent ?? '');
  const text = raw
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ ?\n\s*\n\s*/g, '\n\n')
    .trim();
  if (text.length === 0) throw new Error(`no article text found${url ? ` at ${url}` : ''}`);
  return {
    title: article?.title?.trim() || metaTitle || null,
    author: metaAuthor ?? article?.byline?.trim() ?? null,
    published,
    language: language ? language.slice(0, 2).toLowerCase() : null,
    text,
  };
}
