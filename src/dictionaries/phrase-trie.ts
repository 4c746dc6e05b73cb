/**
 * A trie over normalised token sequences: longest match from a start token, skipping hyphens inside names.
 */
import { isJoiner } from '../nlp/normalize.js';

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

  add(tokens: string[], value: T): void {
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

  /** The longest entry starting at `start` in `tokens` (normalised), not reaching `limit`. */
  longest(tokens: readonly string[], start: number, limit: number): TrieMatch<T> | null {
    let node = this.root;
    let best: TrieMatch<T> | null = null;
    for (let i = start; i < limit; i++) {
      const token = tokens[i] as string;
      if (isJoiner(token) && i > start) continue;
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
