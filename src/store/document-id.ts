import { createHash } from 'node:crypto';

/**
 * The text a document is stored with: Unicode NFC, `\n` line ends, no trailing spaces on lines, no leading or
 * trailing blank space. Sentence and event spans point into this text.
 */
export function cleanText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\f\v\u00a0]+$/gm, '')
    .trim();
}

/**
 * The document id: `sha256:` and the hex digest of the text with all runs of white space made one space, so the
 * same article re-wrapped or re-indented is recognised as the same document.
 * @example documentId('North Korea  threatened\nto walk away.') === documentId('North Korea threatened to walk away.')
 */
export function documentId(text: string): string {
  const normalised = cleanText(text).replace(/\s+/g, ' ');
  return `sha256:${createHash('sha256').update(normalised).digest('hex')}`;
}
