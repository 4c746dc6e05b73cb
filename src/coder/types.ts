import type { EventRecord } from './event.js';

/** A document as the coder sees it: its text and the date relative expressions resolve against. */
export interface CoderInput {
  id: string;
  /** ISO date (YYYY-MM-DD) the document was published. */
  date: string;
  text: string;
  title?: string;
}

export interface CodedSentence {
  index: number;
  text: string;
  /** Character offsets [start, end) in the document text. */
  span: [number, number];
}

export interface CodedDocument {
  id: string;
  sentences: CodedSentence[];
  events: Readonly<EventRecord>[];
}

export interface CoderOptions {
  /** Extra dictionary folders, read after the built-in ones (their entries win on equal matches). */
  dictionaryDirs?: string[];
}

/** The event coder: built once (dictionaries loaded, tries compiled), then called per document. */
export interface Coder {
  /** `dyadwatch/<version> dict:<dictionary date>`, stamped on every event. */
  readonly version: string;
  codeDocument(input: CoderInput): CodedDocument;
}
