/**
 * wink-nlp's model, with its tokenizer made to split a text the same way whatever the process read before.
 *
 * Why: wink decides whether to split a chunk by asking its lexeme cache whether the chunk is a known word
 * (node_modules/wink-nlp/src/tokenizer.js:212 for a whole space-delimited chunk; :84, :109, :131 around
 * punctuation; recursive-tokenizer.js:90, :152, :173, :186 around hyphens and periods, :314 for the pieces).
 * But the cache holds the model's vocabulary *plus every form any earlier text added*: `add()` (cache.js:154)
 * writes each new token into the lexeme hash (cache.js:129) that `lookup()` reads (cache.js:240). wink keeps
 * "Japan's," whole ("Japan's" + ","; tokenizer.js:84-94) but splits "Japan's ruling" into "Japan" + "'s" +
 * "ruling"; after one "…than that of Japan's, and…" anywhere in the process, every later "Japan's" stayed
 * whole and the coder no longer saw "Japan" (possessive-split.ts now splits "Japan's," as well). Re-coding in
 * the long-running server gave other tokens, tags and events than a fresh process, and the CLI's output
 * depended on the order of its input.
 *
 * Fix: `lookup` answers "unknown" for a form added at run time (index ≥ the model's intrinsic size), as a
 * fresh process would, so the tokenizer takes the path it took when it first met the form; `add()` then finds
 * the form in the hash and returns its old index, so word ids stay stable (WordTable relies on that) and the
 * vocabulary does not grow. wink's own `isOOV` and `hasSamePOS` (cache.js:527-560) treat these forms alike.
 *
 * Speed: most run-time forms are plain unknown words ("Bancshares") that every path keeps whole, and sending
 * each of them through the tokenizer's category regexes and `add()` again cost ~7% of the coder's
 * throughput. So a form is still answered from the cache where hiding it cannot change the tokens: it has no
 * period or hyphen (the only places where the recursive tokenizer's answer depends on the lookup) and its
 * category, by the tokenizer's own regexes (tokenizer.js:62), is one the tokenizer adds whole
 * (`processDefault`, not `unk` or `wordRP`: tokenizer.js:225-246). There the cache hit and the detour push the
 * same token. What remains, mostly abbreviations ("U.S."), costs ~3% (bench `coder`: 0.67× → 0.65×).
 *
 * The model's feature functions are the one other caller of `cache.lookup` (the `pos` feature looks up the
 * lower-cased form `add()` has just added, and would fail on null), so they see the whole cache. They are also
 * our only way to the cache object: they receive it, and first run when `add()` creates the first run-time
 * form, before which every lookup answered from the model alone.
 */
import type model from 'wink-eng-lite-web-model';

type Model = typeof model;

/** wink-nlp's lexeme cache, as far as used here (node_modules/wink-nlp/src/cache.js:562-575). */
interface WinkCache {
  /** A text's lexeme index (a contraction: its expansions, four numbers each), or null when unknown. */
  lookup(text: string): number[] | null;
  intrinsicSize(): number;
}
type FeatureFunction = (word: string, category: number, cache: WinkCache) => unknown;

/** The part of the core model read here: the tokenizer's category regexes and the category codes. */
interface CoreModel {
  trex: { ltc: Array<[string, string, number]> };
  tcat: { hash: Record<string, number> };
}

// The recursive tokenizer splits on these (recursive-tokenizer.js:43-44) unless the whole is a known word.
const PERIOD_OR_HYPHEN = /[.\-–—]/;

export function withStatelessTokenizer(base: Model): Model {
  const core = base.core as unknown as () => CoreModel;
  const featureFn = base.featureFn as (...args: unknown[]) => Record<string, FeatureFunction>;
  let categories: Array<[RegExp, number]> = [];
  let splitCategories = new Set<number>();
  let inFeature = 0;
  const patched = new WeakSet<WinkCache>();

  // Whether the tokenizer, not finding `text` in its cache, would still add it whole as one token everywhere.
  const keptWhole = (text: string): boolean => {
    if (PERIOD_OR_HYPHEN.test(text)) return false;
    const category = categories.find(([regex]) => regex.test(text));
    return category !== undefined && !splitCategories.has(category[1]);
  };

  const patch = (cache: WinkCache) => {
    if (patched.has(cache)) return;
    patched.add(cache);
    const lookup = cache.lookup;
    const intrinsic = cache.intrinsicSize();
    // By run-time index minus the intrinsic size: whether the form is answered from the cache.
    const visible: boolean[] = [];
    cache.lookup = (text) => {
      const found = lookup(text);
      if (found === null || inFeature > 0 || found.length > 1) return found;
      const index = (found[0] as number) - intrinsic;
      if (index < 0) return found;
      let show = visible[index];
      if (show === undefined) {
        show = keptWhole(text);
        visible[index] = show;
      }
      return show ? found : null;
    };
  };

  return {
    ...base,
    core: (() => {
      const loaded = core();
      categories = loaded.trex.ltc.map(([source, flags, category]) => [new RegExp(source, flags), category]);
      const codes = loaded.tcat.hash;
      splitCategories = new Set([codes.unk as number, codes.wordRP as number]);
      return loaded;
    }) as unknown as Model['core'],
    featureFn: (...args: unknown[]) => {
      const features = featureFn(...args);
      const wrapped: Record<string, FeatureFunction> = Object.create(null);
      for (const [name, feature] of Object.entries(features)) {
        wrapped[name] = (word, category, cache) => {
          patch(cache);
          inFeature++;
          try {
            return feature(word, category, cache);
          } finally {
            inFeature--;
          }
        };
      }
      return wrapped;
    },
  };
}
