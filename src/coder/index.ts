/**
 * The event coder's door: `createCoder()` loads and compiles the dictionaries once; `codeDocument()` codes a
 * document into sentences and events.
 *
 * @example
 * const coder = await createCoder();
 * const { events } = coder.codeDocument({ id: 'x', date: '2018-05-24', text: 'Trump cancelled the summit with Kim.' });
 */
import { type Lexicon, loadLexicon } from '../dictionaries/lexicon.js';
import { codeDocument } from './code-document.js';
import type { Coder, CoderOptions } from './types.js';

export const CODER_VERSION = '0.1';

export class DictionaryError extends Error {
  constructor(readonly problems: Lexicon['problems']) {
    const errors = problems.filter((p) => p.severity === 'error');
    super(
      `dictionaries have ${errors.length} error(s):\n${errors
        .slice(0, 10)
        .map((p) => `  ${p.where}: ${p.message}`)
        .join('\n')}${errors.length > 10 ? '\n  …' : ''}`,
    );
    this.name = 'DictionaryError';
  }
}

export async function createCoder(options: CoderOptions = {}): Promise<Coder> {
  const lexicon = loadLexicon(options.dictionaryDirs ?? envDictionaryDirs());
  if (lexicon.problems.some((p) => p.severity === 'error')) throw new DictionaryError(lexicon.problems);
  const version = `dyadwatch/${CODER_VERSION} dict:${lexicon.validAsOf}`;
  return {
    version,
    codeDocument: (input) => codeDocument(input, lexicon, version),
  };
}

function envDictionaryDirs(): string[] {
  return (process.env.DYADWATCH_DICT ?? '').split(':').filter(Boolean);
}

export type { EventRecord } from './event.js';
export type { CodedDocument, Coder, CoderInput, CoderOptions } from './types.js';
