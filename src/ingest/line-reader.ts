import { createReadStream } from 'node:fs';

export interface RawLine {
  /** 1-based line number. */
  number: number;
  /** The line's bytes without its `\n` (and `\r`), or null when it was longer than the limit. */
  bytes: Buffer | null;
  /** Its length in bytes, even when it was too long to keep. */
  length: number;
}

/**
 * The lines of a file as bytes, with bounded memory: a line longer than `maxLineBytes` is reported by length and
 * skipped instead of being held in memory.
 */
export async function* readLines(path: string, maxLineBytes: number): AsyncGenerator<RawLine> {
  let parts: Buffer[] = [];
  let kept = 0;
  let length = 0;
  let number = 1;
  const finish = (): RawLine => {
    let bytes: Buffer | null = length > maxLineBytes ? null : Buffer.concat(parts, kept);
    if (bytes !== null && bytes[bytes.length - 1] === 0x0d) bytes = bytes.subarray(0, bytes.length - 1);
    const line = { number, bytes, length };
    parts = [];
    kept = 0;
    length = 0;
    number++;
    return line;
  };
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    let start = 0;
    for (let newline = chunk.indexOf(0x0a); newline !== -1; newline = chunk.indexOf(0x0a, start)) {
      const piece = chunk.subarray(start, newline);
      length += piece.length;
      if (length <= maxLineBytes) {
        parts.push(piece);
        kept += piece.length;
      }
      yield finish();
      start = newline + 1;
    }
    const rest = chunk.subarray(start);
    length += rest.length;
    if (length <= maxLineBytes) {
      parts.push(rest);
      kept += rest.length;
    } else {
      parts = [];
      kept = 0;
    }
  }
  if (length > 0) yield finish();
}
