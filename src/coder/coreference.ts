/**
 * Co-reference within a document: pronouns ("they", "he"), pairs ("the two leaders", "both sides") and bare
 * role words ("the ministry", "troops") take their actors from what came before — earlier in the sentence,
 * then earlier sentences of the same document.
 */
import type { AnalysedText } from '../nlp/analyse.js';
import { isSingularPronoun, type Mention } from './mentions.js';

export interface ResolvedMention {
  code: string;
  kind: Mention['kind'];
}

/** What the document has mentioned so far, most recent last. */
export class DiscourseHistory {
  private readonly items: ResolvedMention[] = [];
  /** Sources of the events coded so far: who has been doing things, most recent last. */
  private readonly agents: string[] = [];

  add(code: string, kind: Mention['kind']): void {
    if (code && !code.startsWith('---')) this.items.push({ code, kind });
  }

  addAgent(code: string): void {
    this.agents.push(code);
  }

  /** The latest actor of another country that did something: whose "launch" a later "condemned the launch" means. */
  lastAgent(excludeCountries: string[]): string | null {
    for (let i = this.agents.length - 1; i >= 0; i--) {
      const code = this.agents[i] as string;
      if (!excludeCountries.includes(code.slice(0, 3))) return code;
    }
    return null;
  }

  /**
   * The actor a nominalised act with no stated agent most likely belongs to ("the recent insult to Pence"
   * in a commentary on North Korea): the latest actor of an earlier sentence from another country than the
   * act's target.
   */
  implicitAgent(excludeCountries: string[]): string | null {
    for (let i = this.items.length - 1; i >= 0; i--) {
      const item = this.items[i] as ResolvedMention;
      if (!excludeCountries.includes(item.code.slice(0, 3))) return item.code;
    }
    return null;
  }

  /** Resolves one mention to zero or more codes, given the mentions before it in its own sentence. */
  resolve(mention: Mention, text: AnalysedText, before: ResolvedMention[], after: ResolvedMention[] = []): string[] {
    const pool = [...this.items, ...before];
    if (mention.kind === 'pair') {
      const wantPeople = /leaders|presidents|men/.test(mention.text.toLowerCase());
      return lastDistinctCountries(pool, 2, wantPeople);
    }
    if (mention.kind === 'pronoun') {
      const singular = isSingularPronoun(mention, text);
      for (let i = pool.length - 1; i >= 0; i--) {
        const item = pool[i] as ResolvedMention;
        if (singular ? item.kind === 'person' : item.kind !== 'person') return [item.code];
      }
      return singular && pool.length ? [(pool[pool.length - 1] as ResolvedMention).code] : [];
    }
    if (mention.code.startsWith('---')) {
      // A bare role ("police", "the ministry") belongs to the country in play: the last one mentioned, or,
      // at a document's start, the first one the sentence names after it ("Police arrested … in Cairo").
      const role = mention.code.slice(3);
      // "North Korea's Strategic Force said … The army called …": the last actor with that role, if any.
      const sameRole = pool.findLast((item) => item.code.length > 3 && item.code.slice(3) === role);
      const country = sameRole ?? pool[pool.length - 1] ?? after[0];
      return country ? [`${country.code.slice(0, 3)}${role}`] : [mention.code];
    }
    return [mention.code];
  }
}

function lastDistinctCountries(pool: ResolvedMention[], n: number, preferPeople: boolean): string[] {
  const pick = (filter: (m: ResolvedMention) => boolean) => {
    const out: string[] = [];
    for (let i = pool.length - 1; i >= 0 && out.length < n; i--) {
      const item = pool[i] as ResolvedMention;
      if (filter(item) && !out.some((c) => c.slice(0, 3) === item.code.slice(0, 3))) out.push(item.code);
    }
    return out;
  };
  const people = preferPeople ? pick((m) => m.kind === 'person') : [];
  return people.length === n ? people.reverse() : pick(() => true).reverse();
}
