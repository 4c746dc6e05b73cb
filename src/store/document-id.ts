import { createHash } from 'node:crypto';

/**
 * Texts cleaned or hashed lately: ingest cleans and hashes a document to skip duplicates before coding it, and
 * the store does both again when it writes the document; the second time costs a lookup. Keyed by the text
 * itself, so a hit is always right. Bounded in entries and characters: cleared whenever either fills.
 */
const RECENT_ENTRIES = 1024;
const RECENT_CHARS = 16_000_000;
const recentClean = new Set<string>();
const recentIds = new Map<string, string>();
let recentChars = 0;

function remember(text: string, add: () => void): void {
  if (text.length > RECENT_CHARS / 4) return;
  if (recentClean.size + recentIds.size >= RECENT_ENTRIES || recentChars + text.length > RECENT_CHARS) {
    recentClean.clear();
    recentIds.clear();
    recentChars = 0;
  }
  recentChars += text.length;
  add();
}

/**
 * The text a document is stored with: Unicode NFC, `\n` line ends, no trailing spaces on lines, no leading or
 * trailing blank space. Sentence and event spans point into this text.
 */
export function cleanText(text: string): string {
  if (recentClean.has(text)) return text;
  const clean = text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\f\v\u00a0]+$/gm, '')
    .trim();
  remember(clean, () => recentClean.add(clean));
  return clean;
}

/**
 * The document id: `sha256:` and the hex digest of the text with all runs of white space made one space, so the
 * same article re-wrapped or re-indented is recognised as the same document.
 * @example documentId('North Korea  threatened\nto walk away.') === documentId('North Korea threatened to walk away.')
 */
export function documentId(text: string): string {
  const known = recentIds.get(text);
  if (known !== undefined) return known;
  const normalised = cleanText(text).replace(/\s+/g, ' ');
  const id = `sha256:${createHash('sha256').update(normalised).digest('hex')}`;
  remember(text, () => recentIds.set(text, id));
  return id;
}
