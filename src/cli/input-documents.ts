/**
 * Documents for `dyadwatch code` from files or stdin, streamed with bounded memory: JSON Lines one record a
 * line; plain text, Markdown and HTML in chunks cut at paragraph breaks. Every problem names its file and line.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { Readable } from 'node:stream';
import type { CoderInput } from '../coder/types.js';
import { CliError } from './cli-error.js';

export interface InputItem {
  input: CoderInput;
  /** `file:line` of the item, for messages. */
  where: string;
  /** Character offset of this chunk in its document (text files are coded in chunks). */
  offset: number;
}

export interface InputProblem {
  where: string;
  message: string;
}

const CHUNK_CHARS = 256 * 1024;
const MAX_LINE_CHARS = 16 * 1024 * 1024;
const MAX_HTML_BYTES = 32 * 1024 * 1024;

/** Lines of a stream decoded as strict UTF-8; a bad byte sequence is an error naming the line. */
async function* utf8Lines(stream: Readable, name: string): AsyncGenerator<{ line: string; number: number }> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let pending = '';
  let number = 0;
  let checkedBinary = false;
  for await (const chunk of stream) {
    const bytes = chunk as Buffer;
    if (!checkedBinary) {
      checkedBinary = true;
      if (bytes.subarray(0, 8192).includes(0)) throw new CliError(`${name}: binary file (NUL bytes), not text`);
    }
    let text: string;
    try {
      text = decoder.decode(bytes, { stream: true });
    } catch {
      const bad = firstInvalidUtf8(bytes);
      const linesBefore = (pending.match(/\n/g)?.length ?? 0) + countNewlines(bytes, bad);
      throw new CliError(`${name}:${number + 1 + linesBefore}: invalid UTF-8`);
    }
    pending += text;
    let newline = pending.indexOf('\n');
    while (newline >= 0) {
      number++;
      yield { line: pending.slice(0, newline).replace(/\r$/, ''), number };
      pending = pending.slice(newline + 1);
      newline = pending.indexOf('\n');
    }
    if (pending.length > MAX_LINE_CHARS)
      throw new CliError(`${name}:${number + 1}: line longer than ${MAX_LINE_CHARS / 1048576} MB`);
  }
  try {
    pending += decoder.decode();
  } catch {
    throw new CliError(`${name}:${number + 1}: invalid UTF-8 at end of input`);
  }
  if (pending) yield { line: pending, number: number + 1 };
}

function countNewlines(bytes: Uint8Array, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) if (bytes[i] === 0x0a) n++;
  return n;
}

/**
 * Offset of the first byte that breaks UTF-8 in a chunk (written by hand: TextDecoder only says that a chunk
 * is bad, not where, and the error must name the line).
 */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    const length =
      b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0) return i;
    if (i + length > bytes.length) return bytes.length;
    for (let k = 1; k < length; k++) if (((bytes[i + k] as number) & 0xc0) !== 0x80) return i;
    i += length;
  }
  return bytes.length;
}

/** JSON Lines records `{"id","date","text"[,"title"]}`; bad lines become problems, the rest go on. */
export async function* jsonlDocuments(
  stream: Readable,
  name: string,
  defaultDate: string,
  problems: InputProblem[],
): AsyncGenerator<InputItem> {
  for await (const { line, number } of utf8Lines(stream, name)) {
    if (!line.trim()) continue;
    const where = `${name}:${number}`;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      problems.push({ where, message: 'not valid JSON' });
      continue;
    }
    const r = record as Record<string, unknown>;
    if (typeof r !== 'object' || r === null || typeof r.text !== 'string') {
      problems.push({ where, message: 'expected an object with a "text" string' });
      continue;
    }
    const id = r.id === undefined ? `${basename(name)}:${number}` : String(r.id);
    const date = normaliseDate(r.date) ?? defaultDate;
    yield {
      input: { id, date, text: r.text, ...(typeof r.title === 'string' ? { title: r.title } : {}) },
      where,
      offset: 0,
    };
  }
}

/** A text or Markdown document, in chunks cut at blank lines so memory stays flat on huge files. */
async function* textDocuments(stream: Readable, name: string, date: string): AsyncGenerator<InputItem> {
  let chunk = '';
  let offset = 0;
  let chunkLine = 1;
  const id = basename(name);
  for await (const { line, number } of utf8Lines(stream, name)) {
    chunk += `${line}\n`;
    // Cut at a paragraph break, or at any line once a chunk is twice the size (text without blank lines).
    if (chunk.length >= CHUNK_CHARS && (line.trim() === '' || chunk.length >= 2 * CHUNK_CHARS)) {
      yield { input: { id, date, text: chunk }, where: `${name}:${chunkLine}`, offset };
      offset += chunk.length;
      chunk = '';
      chunkLine = number + 1;
    }
  }
  if (chunk.trim()) yield { input: { id, date, text: chunk }, where: `${name}:${chunkLine}`, offset };
}

async function htmlDocument(path: string, date: string): Promise<InputItem> {
  const { parseHTML } = await import('linkedom');
  const size = (await stat(path)).size;
  if (size > MAX_HTML_BYTES) throw new CliError(`${path}: HTML file larger than ${MAX_HTML_BYTES / 1048576} MB`);
  let html = '';
  for await (const { line } of utf8Lines(createReadStream(path), path)) html += `${line}\n`;
  const { document } = parseHTML(html);
  for (const el of document.querySelectorAll('script, style, noscript, nav, footer, header, aside')) el.remove();
  const title = document.querySelector('title')?.textContent?.trim();
  const blocks = [...document.querySelectorAll('h1, h2, h3, p, li, blockquote, td')].map(
    (el) => el.textContent?.trim() ?? '',
  );
  const text = (blocks.filter(Boolean).join('\n\n') || document.body?.textContent || '').trim();
  return { input: { id: basename(path), date, text, ...(title ? { title } : {}) }, where: path, offset: 0 };
}

/** All documents of one named input ('-' is stdin, read as text or, with `jsonl`, as JSON Lines). */
export async function* documentsOf(
  name: string,
  options: { jsonl: boolean; date: string },
  problems: InputProblem[],
): AsyncGenerator<InputItem> {
  if (name === '-') {
    if (options.jsonl) yield* jsonlDocuments(process.stdin, 'stdin', options.date, problems);
    else yield* textDocuments(process.stdin, 'stdin', options.date);
    return;
  }
  const info = await stat(name).catch(() => null);
  if (!info) throw new CliError(`${name}: no such file`);
  if (info.isDirectory()) throw new CliError(`${name}: is a folder (use \`dyadwatch ingest\` for folders)`);
  const ext = extname(name).toLowerCase();
  if (options.jsonl || ext === '.jsonl' || ext === '.ndjson')
    yield* jsonlDocuments(createReadStream(name), name, options.date, problems);
  else if (ext === '.html' || ext === '.htm') yield await htmlDocument(name, options.date);
  else if (ext === '.txt' || ext === '.md' || ext === '.text' || ext === '')
    yield* textDocuments(createReadStream(name), name, options.date);
  else throw new CliError(`${name}: unsupported file type "${ext}" (txt, md, html, jsonl)`);
}

export function normaliseDate(value: unknown): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const s = String(value).trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}`;
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (compact) return `${compact[1]}-${compact[2]}-${compact[3]}`;
  return null;
}
