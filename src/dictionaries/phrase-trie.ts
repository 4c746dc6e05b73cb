/**
 * A trie over normalised token sequences: longest match from a start token, skipping hyphens inside names.
 */
import { isJoiner } from '../nlp/normalize.js';
import { WordTable } from '../nlp/word-table.js';

interface TrieNode<T> {
  next: Map<string, TrieNode<T>>;
  values: T[];
}

export interface TrieMatch<T> {
  /** Index one past the last matched token. */
  end: number;
  values: T[];
}

export class PhraseTrie<T> {
  private readonly root: TrieNode<T> = { next: new Map(), values: [] };
  size = 0;
  /** The root's child for each word id met so far (null: none), so that a miss costs no hash lookup. */
  private readonly firstById = new WordTable<TrieNode<T> | null>();

  add(tokens: string[], value: T): void {
    this.firstById.clear();
    let node = this.root;
    for (const token of tokens) {
      if (isJoiner(token) || token === '') continue;
      let child = node.next.get(token);
      if (!child) {
        child = { next: new Map(), values: [] };
        node.next.set(token, child);
      }
      node = child;
    }
    if (node === this.root) return;
    node.values.push(value);
    this.size++;
  }

  /**
   * The longest entry starting at `start` in `tokens` (normalised), not reaching `limit`. With `ids` (the
   * tokens' word ids, `AnalysedText.ids`), the first step — where most starts end — is looked up by id.
   */
  longest(tokens: readonly string[], start: number, limit: number, ids?: readonly number[]): TrieMatch<T> | null {
    if (start >= limit) return null;
    let node: TrieNode<T>;
    const id = ids?.[start];
    if (id === undefined) {
      const child = this.root.next.get(tokens[start] as string);
      if (!child) return null;
      node = child;
    } else {
      let child = this.firstById.get(id);
      if (child === undefined) {
        child = this.root.next.get(tokens[start] as string) ?? null;
        this.firstById.set(id, child);
      }
      if (!child) return null;
      node = child;
    }
    let best: TrieMatch<T> | null = node.values.length ? { end: start + 1, values: node.values } : null;
    for (let i = start + 1; i < limit; i++) {
      const token = tokens[i] as string;
      if (isJoiner(token)) continue;
      const child = node.next.get(token);
      if (!child) break;
      node = child;
      if (node.values.length) best = { end: i + 1, values: node.values };
    }
    return best;
  }

  has(first: string): boolean {
    return this.root.next.has(first);
  }
}
