/**
 * wink-nlp's model, with its tokenizer made to split a possessive "'s" off its word before punctuation as it
 * does before a space.
 *
 * Why: wink splits "Japan's ruling" into "Japan" + "'s" + "ruling", but keeps "Japan's," whole ("Japan's" +
 * ","), and so "Japan's." "Japan's:" "Japan’s," and "Jong-un's,": the coder's lexicon has "Japan", not
 * "Japan's", and the actor in "…than that of Japan's, and…" was lost. A chunk with trailing punctuation goes to
 * wink's recursive tokenizer (node_modules/wink-nlp/src/tokenizer.js:90), which tries its regexes in order
 * (recursive-tokenizer.js, tokenizeTextUnit): brackets, quotes, ";" "!" "?" are split off first, so
 * "China's;" and "Kim's)" leave a piece ending in "'s" that the possessive regex (`['’]s$`, category `apos`)
 * matches; but "," "." ":" "-" and "'" are split off only after the word regex, which takes "Japan's" whole
 * first, so the "'s" never ended a piece.
 *
 * Fix: the `apos` regex also matches an "'s" between a letter or digit and anything but one ("Japan's,",
 * "Tokyo's—"), as well as at the end as before. The pieces are then tokenised as wink tokenises them anyway
 * ("Japan", "'s", ","), the tagger sees the same tokens as in "Japan's ruling", and `analyse` finds each
 * piece verbatim in the text, so offsets stay exact. Contractions ("it's,", "he's.") are whole lexemes in
 * wink's cache and never reach this regex.
 */
import type model from 'wink-eng-lite-web-model';

type Model = typeof model;

/** The part of the core model changed here: the recursive tokenizer's regexes (source, flags, category). */
interface CoreModel {
  trex: { rtc: Array<[string, string, number]> };
  tcat: { hash: Record<string, number> };
}

// The letters and digits of wink's word regex (the last but one entry of `rtc`).
const WORD_CHAR = '[a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u00FF0-9\\u0300-\\u036f\\u2060]';
const POSSESSIVE = `[\\'\\’]s$|(?<=${WORD_CHAR})[\\'\\’]s(?!${WORD_CHAR})`;

export function withPossessiveSplit(base: Model): Model {
  const core = base.core as unknown as () => CoreModel;
  return {
    ...base,
    core: (() => {
      // A fresh copy of the model each call (read-core-model.js), so it can be changed in place.
      const loaded = core();
      const apos = loaded.tcat.hash.apos;
      const entry = loaded.trex.rtc.find(([, , category]) => category === apos);
      if (!entry) throw new Error('wink model: no possessive regex in the recursive tokenizer');
      entry[0] = POSSESSIVE;
      return loaded;
    }) as unknown as Model['core'],
  };
}
