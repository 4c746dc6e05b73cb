/**
 * Documents from files and folders: `.txt`, `.md`, `.html`/`.htm` one document per file, `.jsonl` one per line
 * (`{"id","date","title","url","text"}`). Every problem becomes an item with an error naming file and line, so
 * one bad file or line never stops the batch.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import type { DocumentInput } from '../store/store.js';
import { extractArticle, isoDate } from './html-extract.js';
import { readLines } from './line-reader.js';
import { decodeUtf8, formatBytes, looksBinary } from './text-decode.js';

/** A document to code and store, or the reason one could not be read. */
export interface SourceItem {
  /** `path` or `path:line`, for messages. */
  where: string;
  document?: DocumentInput & { date: string };
  error?: string;
  /** Bytes of input this item accounts for (progress). */
  bytes: number;
}

export interface FileSourceOptions {
  /** Largest document accepted, in bytes (default 5 MB); a longer JSONL line is an error for that line. */
  maxDocumentBytes?: number;
  /** Date for documents that carry none (default: the file's modification date). */
  date?: string;
}

const FORMATS: Record<string, 'text' | 'markdown' | 'html' | 'jsonl'> = {
  '.txt': 'text',
  '.text': 'text',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.html': 'html',
  '.htm': 'html',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
};

export const DEFAULT_MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

/** All files under the given paths that ingest reads, in a stable order; unknown types named in `ignored`. */
export async function collectFiles(
  paths: readonly string[],
): Promise<{ files: { path: string; size: number }[]; ignored: string[] }> {
  const files: { path: string; size: number }[] = [];
  const ignored: string[] = [];
  const visit = async (path: string, named: boolean): Promise<void> => {
    const info = await stat(path);
    if (info.isDirectory()) {
      const entries = (await readdir(path)).filter((name) => !name.startsWith('.')).sort();
      for (const entry of entries) await visit(join(path, entry), false);
    } else if (FORMATS[extname(path).toLowerCase()] !== undefined) {
      files.push({ path, size: info.size });
    } else if (named) {
      ignored.push(`${path}: not a file type ingest reads (txt, md, html, jsonl)`);
    }
  };
  for (const path of paths) await visit(resolve(path), true);
  return { files, ignored };
}

/** Markdown to plain text: headings, emphasis, links and code fences lose their markup, words stay. */
function markdownText(markdown: string): { text: string; title: string | null } {
  const title = /^#\s+(.+)$/m.exec(markdown)?.[1]?.trim() ?? null;
  const text = markdown
    .replace(/^```.*$/gm, '')
    .replace(/^#{1,6}\s+/gm, '')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__|\*|_|`)(\S(?:.*?\S)?)\1/g, '$2')
    .replace(/^\s*[-*+>]\s+/gm, '');
  return { text, title };
}

async function wholeFile(
  path: string,
  size: number,
  format: 'text' | 'markdown' | 'html',
  options: FileSourceOptions,
): Promise<SourceItem> {
  const max = options.maxDocumentBytes ?? DEFAULT_MAX_DOCUMENT_BYTES;
  const fail = (error: string): SourceItem => ({ where: path, error, bytes: size });
  if (size > max) return fail(`${formatBytes(size)} is over the ${formatBytes(max)} limit per document`);
  const bytes = await readFile(path);
  if (looksBinary(bytes)) return fail('binary file, not text');
  let text: string;
  try {
    text = decodeUtf8(bytes);
  } catch (error) {
    return fail((error as Error).message);
  }
  const date = options.date ?? (await stat(path)).mtime.toISOString().slice(0, 10);
  const base = { url: `file://${path}`, source: path, date };
  if (format === 'html') {
    try {
      const article = extractArticle(text);
      return { where: path, bytes: size, document: { ...base, ...article, date: article.published ?? date } };
    } catch (error) {
      return fail((error as Error).message);
    }
  }
  const { text: body, title } = format === 'markdown' ? markdownText(text) : { text, title: null };
  if (body.trim() === '') return fail('empty document');
  return { where: path, bytes: size, document: { ...base, text: body, title, published: options.date ?? null } };
}

function jsonlItem(path: string, line: number, record: unknown, options: FileSourceOptions, bytes: number): SourceItem {
  const where = `${path}:${line}`;
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    return { where, bytes, error: 'not a JSON object' };
  }
  const { id, date, title, url, text, author } = record as Record<string, unknown>;
  if (typeof text !== 'string' || text.trim() === '') return { where, bytes, error: 'no "text" string' };
  const published = typeof date === 'string' ? isoDate(date) : null;
  if (date !== undefined && date !== null && published === null)
    return { where, bytes, error: `bad "date" ${JSON.stringify(date)}` };
  return {
    where,
    bytes,
    document: {
      text,
      date: published ?? options.date ?? new Date().toISOString().slice(0, 10),
      published,
      title: typeof title === 'string' ? title : null,
      url: typeof url === 'string' && url !== '' ? url : null,
      author: typeof author === 'string' ? author : null,
      externalId: typeof id === 'string' || typeof id === 'number' ? String(id) : null,
      source: path,
    },
  };
}

async function* jsonlFile(path: string, options: FileSourceOptions): AsyncGenerator<SourceItem> {
  const max = options.maxDocumentBytes ?? DEFAULT_MAX_DOCUMENT_BYTES;
  for await (const line of readLines(path, max)) {
    const where = `${path}:${line.number}`;
    const bytes = line.length + 1;
    if (line.bytes === null) {
      yield {
        where,
        bytes,
        error: `line is ${formatBytes(line.length)}, over the ${formatBytes(max)} limit per document`,
      };
      continue;
    }
    if (line.bytes.length === 0 || /^\s*$/.test(line.bytes.toString('latin1'))) continue;
    let text: string;
    try {
      text = decodeUtf8(line.bytes, line.number);
    } catch (error) {
      yield { where, bytes, error: (error as Error).message };
      continue;
    }
    let record: unknown;
    try {
      record = JSON.parse(text);
    } catch (error) {
      yield { where, bytes, error: `malformed JSON: ${(error as Error).message}` };
      continue;
    }
    yield jsonlItem(path, line.number, record, options, bytes);
  }
}

/** The documents in one file, as items (see `SourceItem`). */
export async function* fileItems(
  path: string,
  size: number,
  options: FileSourceOptions = {},
): AsyncGenerator<SourceItem> {
  const format = FORMATS[extname(path).toLowerCase()];
  try {
    if (format === 'jsonl') yield* jsonlFile(path, options);
    else if (format !== undefined) yield await wholeFile(path, size, format, options);
    else yield { where: path, bytes: size, error: 'not a file type ingest reads (txt, md, html, jsonl)' };
  } catch (error) {
    yield { where: path, bytes: 0, error: `cannot read: ${(error as Error).message}` };
  }
}
