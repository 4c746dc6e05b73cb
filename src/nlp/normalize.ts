/**
 * Token normalisation shared by the dictionaries and the text, so both sides of a match agree:
 * lower case, accents and curly quotes folded, abbreviation dots dropped ("U.S." → "us").
 */
const COMBINING_MARKS = /\p{M}+/gu;

export function normalizeToken(value: string): string {
  let token = value.toLowerCase();
  if (/[\u0080-\uFFFF]/.test(token)) {
    token = token
      .normalize('NFD')
      .replace(COMBINING_MARKS, '')
      .replace(/[‘’‛`´]/g, "'")
      .replace(/[‐-―−]/g, '-');
  }
  if (token.length > 1 && token.includes('.') && /[a-z]/.test(token)) token = token.replace(/\./g, '');
  return token;
}

/** Hyphens and dashes between words: skipped when matching, so "Jong-un" and "Jong un" are one name. */
export function isJoiner(normalized: string): boolean {
  return normalized === '-' || normalized === '--';
}

/** Plural forms of a word, for generated dictionary variants ("Korean" → "Koreans", "ally" → "allies"). */
export function pluralsOf(word: string): string[] {
  if (word.length < 3 || !/[a-z]$/.test(word)) return [];
  if (/[^aeiou]y$/.test(word)) return [`${word.slice(0, -1)}ies`];
  if (/(s|x|z|ch|sh)$/.test(word)) return [`${word}es`];
  return [`${word}s`];
}

/**
 * Candidate base forms of an inflected word ("criticised" → "criticise", "shelling" → "shell"), tried after
 * the tagger's lemma so that British spellings and words the lemmatiser does not know still reach their entry.
 */
export function baseFormsOf(word: string): string[] {
  let forms = baseFormCache.get(word);
  if (!forms) {
    forms = computeBaseForms(word);
    if (baseFormCache.size > 100_000) baseFormCache.clear();
    baseFormCache.set(word, forms);
  }
  return forms;
}

// Words repeat heavily in news; the coder asks for base forms of every token, so they are computed once.
const baseFormCache = new Map<string, string[]>();

function computeBaseForms(word: string): string[] {
  const forms: string[] = [];
  const push = (form: string) => {
    if (form.length >= 3 && form !== word) forms.push(form);
  };
  if (word.endsWith('ies')) push(`${word.slice(0, -3)}y`);
  else if (word.endsWith('es')) {
    push(word.slice(0, -2));
    push(word.slice(0, -1));
  } else if (word.endsWith('s') && !word.endsWith('ss')) push(word.slice(0, -1));
  if (word.endsWith('ied')) push(`${word.slice(0, -3)}y`);
  else if (word.endsWith('ed')) {
    push(word.slice(0, -2));
    push(word.slice(0, -1));
    if (/([bdgklmnprt])\1ed$/.test(word)) push(word.slice(0, -3));
  }
  if (word.endsWith('ing')) {
    push(word.slice(0, -3));
    push(`${word.slice(0, -3)}e`);
    if (/([bdgklmnprt])\1ing$/.test(word)) push(word.slice(0, -4));
  }
  return forms;
}
