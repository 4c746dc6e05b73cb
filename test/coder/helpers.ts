import type { EventRecord } from '../../src/coder/event.js';
import { createCoder } from '../../src/coder/index.js';

const coder = await createCoder();

/** Codes one text as a document dated `date`, returning its events. */
export function code(text: string, date = '2018-05-28'): Readonly<EventRecord>[] {
  return coder.codeDocument({ id: 'test', date, text }).events;
}

/** Compact "SRC>TGT:CODE" strings, for readable assertions. */
export function dyads(text: string, date?: string): string[] {
  return code(text, date).map((e) => `${e.source}>${e.target}:${e.cameo}`);
}

/** True when some event goes from a source starting with `src` to a target starting with `tgt` in CAMEO root `root`. */
export function hasEvent(text: string, src: string, tgt: string, root: string, date?: string): boolean {
  return code(text, date).some((e) => e.source.startsWith(src) && e.target.startsWith(tgt) && e.root === root);
}
