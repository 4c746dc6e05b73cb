/**
 * Sentence split, tokens, POS and lemmas with wink-nlp, packed as parallel arrays (one entry per token) so the
 * coder's inner loops index into arrays instead of building objects per token.
 */

import model from 'wink-eng-lite-web-model';
import winkNLP from 'wink-nlp';
import { normalizeToken } from './normalize.js';
import { withPossessiveSplit } from './possessive-split.js';
import { withStatelessTokenizer } from './stateless-tokenizer.js';
import { WordTable } from './word-table.js';

export interface AnalysedText {
  text: string;
  /** The token as written. */
  value: string[];
  /** Normalised (see normalizeToken). */
  norm: string[];
  /**
   * The token's word id (wink's lexeme index): tokens with the same id have the same `value` and `norm`, in
   * every text of the process. Keys of `WordTable`s.
   */
  ids: number[];
  lemma: string[];
  /** Universal POS tag (NOUN, VERB, PROPN, AUX, ADP, DET, ADJ, ADV, PRON, PART, CCONJ, SCONJ, NUM, PUNCT…). */
  pos: string[];
  /** Character offsets in `text`. */
  start: number[];
  end: number[];
  /** Sentences as [firstToken, lastToken] (inclusive). */
  sentences: Array<[number, number]>;
}

// Only what the coder reads: sentence breaks and POS (lemmas come with POS). wink's default pipeline also runs
// negation, sentiment and named-entity stages whose output the coder never looks at.
// withStatelessTokenizer: a text is tokenised the same whatever the process read before it.
// withPossessiveSplit: "Japan's," is split "Japan" + "'s" + "," as "Japan's ruling" is.
const nlp = winkNLP(withStatelessTokenizer(withPossessiveSplit(model)), ['sbd', 'pos']);
const its = nlp.its;

export function analyse(text: string): AnalysedText {
  const doc = nlp.readDoc(text);
  const tokens = doc.tokens();
  const value = tokens.out(its.value) as string[];
  const ids = tokens.out(its.uniqueId) as number[];
  // its.lemma needs the model's add-ons, which wink's typings do not thread through out().
  const lemma = (tokens.out(its.lemma as never) as unknown as Array<string | undefined>).map((l, i) =>
    // wink gives no lemma for a few rare tokens: fall back to the word itself.
    (l ?? value[i] ?? '').toLowerCase(),
  );
  const pos = tokens.out(its.pos) as string[];
  const sentences = doc.sentences().out(its.span) as unknown as Array<[number, number]>;
  const norm = new Array<string>(value.length);
  const start = new Array<number>(value.length);
  const end = new Array<number>(value.length);
  // wink-nlp keeps no character offsets; find each token from where the previous one ended. Contractions it
  // expands ("n't" for "not") may not appear verbatim: such a token takes a zero-width offset.
  let cursor = 0;
  for (let i = 0; i < value.length; i++) {
    const token = value[i] as string;
    const id = ids[i] as number;
    let normal = normById.get(id);
    if (normal === undefined) {
      normal = normalizeToken(token);
      normById.set(id, normal);
    }
    norm[i] = normal;
    const found = text.indexOf(token, cursor);
    if (found >= 0 && found - cursor < 64) {
      start[i] = found;
      end[i] = found + token.length;
      cursor = found + token.length;
    } else {
      start[i] = cursor;
      end[i] = cursor;
    }
  }
  return { text, value, norm, ids, lemma, pos, start, end, sentences };
}

// Each word is normalised once, and its tokens then share one string (so the lookups after find its hash kept).
const normById = new WordTable<string>();

/** Tokenises a dictionary phrase exactly as text is tokenised, returning normalised tokens. */
export function phraseTokens(phrase: string): string[] {
  return (nlp.readDoc(phrase).tokens().out(its.value) as string[]).map(normalizeToken);
}
