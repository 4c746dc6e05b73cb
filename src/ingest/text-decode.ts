/** Strict decoding of bytes that claim to be text, with errors that say where the problem is. */

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Bytes that no text file holds: NUL, or many control characters, in the first 8 KB. */
export function looksBinary(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 8192);
  let control = 0;
  for (const byte of head) {
    if (byte === 0) return true;
    if (byte < 9 || (byte > 13 && byte < 32)) control++;
  }
  return head.length > 0 && control / head.length > 0.1;
}

/** The 1-based line and column of the first byte that is not valid UTF-8, or null when all are. */
function firstInvalidUtf8(bytes: Uint8Array): { line: number; column: number } | null {
  let line = 1;
  let lineStart = 0;
  let i = 0;
  while (i < bytes.length) {
    const byte = bytes[i] as number;
    if (byte === 0x0a) {
      line++;
      lineStart = i + 1;
    }
    const length =
      byte < 0x80
        ? 1
        : byte >= 0xc2 && byte < 0xe0
          ? 2
          : byte >= 0xe0 && byte < 0xf0
            ? 3
            : byte >= 0xf0 && byte < 0xf5
              ? 4
              : 0;
    if (length === 0 || i + length > bytes.length) return { line, column: i - lineStart + 1 };
    try {
      if (length > 1) decoder.decode(bytes.subarray(i, i + length));
    } catch {
      return { line, column: i - lineStart + 1 };
    }
    i += length;
  }
  return null;
}

/**
 * Decodes UTF-8 (a BOM is dropped), or throws `invalid UTF-8 at line L, column C (byte 0xNN)`.
 * `firstLine` numbers lines of a slice taken from the middle of a file.
 */
export function decodeUtf8(bytes: Uint8Array, firstLine = 1): string {
  try {
    return decoder.decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    const at = firstInvalidUtf8(bytes);
    if (at === null) throw new Error('invalid UTF-8');
    throw new Error(`invalid UTF-8 at line ${at.line + firstLine - 1}, column ${at.column}`);
  }
}

/** `5.0 MB`, `312 KB`: sizes in messages. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}
