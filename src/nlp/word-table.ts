/**
 * Facts about a word that never change — its normalised form, where it enters a dictionary trie, its pattern
 * keys — stored by word id (`AnalysedText.ids`). They are computed at the word's first occurrence and read back
 * with one array access per token afterwards, where a hash lookup per token and per table was the coder's
 * largest cost after wink itself (issue 2: throughput against wink's own readDoc).
 */

// Ids are wink's lexeme indexes: the model's vocabulary, then each new written form it meets. A stream of
// gigabytes keeps meeting new ones; past this many, words are no longer remembered, only computed again.
const MAX_ID = 2_000_000;

export class WordTable<T> {
  private items: Array<T | undefined> = new Array(1 << 17);
  private used = false;

  get(id: number): T | undefined {
    return this.items[id];
  }

  set(id: number, value: T): void {
    if (id < 0 || id >= MAX_ID) return;
    if (id >= this.items.length) {
      const grown = new Array<T | undefined>(Math.min(MAX_ID, Math.max(id + 1, this.items.length * 2)));
      for (let i = 0; i < this.items.length; i++) grown[i] = this.items[i];
      this.items = grown;
    }
    this.items[id] = value;
    this.used = true;
  }

  clear(): void {
    if (!this.used) return;
    this.items = new Array(1 << 17);
    this.used = false;
  }
}
