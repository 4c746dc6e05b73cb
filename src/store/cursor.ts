/** Opaque page cursors: the sort key of the last item seen, base64url-encoded JSON. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string): (string | number)[] {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(key) && key.every((k) => typeof k === 'string' || typeof k === 'number')) return key;
  } catch {
    // Falls through to the error below: a cursor is either ours or useless.
  }
  throw new Error(`bad page cursor "${cursor}": pass back the "next" value of the previous page`);
}
