/**
 * What the analysis reads: the fields of an event record it needs, so that events from the coder, the store
 * or a GDELT export all fit. `publisher` (the outlet: "Reuters", "KCNA") and `url` are optional extras that
 * feed source diversity and the links of cited events.
 */
import type { EventRecord } from '../coder/event.js';

export type AnalysisEvent = Pick<
  EventRecord,
  | 'doc'
  | 'date'
  | 'source'
  | 'target'
  | 'cameo'
  | 'quad'
  | 'goldstein'
  | 'direction'
  | 'negated'
  | 'conditional'
  | 'modality'
  | 'evidence'
> &
  Partial<
    Pick<EventRecord, 'sentence' | 'cameo_name' | 'root' | 'plover' | 'confidence' | 'source_text' | 'target_text'>
  > & {
    /** The outlet that published the document ("Reuters", "KCNA"), for source diversity. */
    publisher?: string;
    /** Where the document can be read, for links in cited events. */
    url?: string | null;
  };

/**
 * A directed or undirected pair of actors. `a` and `b` are actor-code prefixes: a country (`USA`) matches
 * every actor of that country (`USAGOV`, `USAMIL`), a full code (`PRKGOV`) only that actor.
 * `direction: 'both'` is the undirected dyad A–B; `'a-b'` is A→B only, `'b-a'` is B→A only.
 */
export interface DyadSpec {
  a: string;
  b: string;
  direction: 'both' | 'a-b' | 'b-a';
}

/** Whether an actor code falls under a dyad side (`USA` covers `USAGOV`; `PRKGOV` covers `PRKGOV` only). */
export function actorMatches(actor: string, side: string): boolean {
  return actor.startsWith(side);
}

/** Whether an event belongs to the dyad (in the requested direction). Events of an actor with itself never do. */
export function eventInDyad(event: Pick<AnalysisEvent, 'source' | 'target'>, dyad: DyadSpec): boolean {
  const ab = actorMatches(event.source, dyad.a) && actorMatches(event.target, dyad.b);
  const ba = actorMatches(event.source, dyad.b) && actorMatches(event.target, dyad.a);
  if (dyad.direction === 'a-b') return ab;
  if (dyad.direction === 'b-a') return ba;
  return ab || ba;
}

/** `USA–PRK`, `USA→PRK` or `PRK→USA`: the dyad as people write it. */
export function dyadLabel(dyad: DyadSpec): string {
  if (dyad.direction === 'a-b') return `${dyad.a}→${dyad.b}`;
  if (dyad.direction === 'b-a') return `${dyad.b}→${dyad.a}`;
  return `${dyad.a}–${dyad.b}`;
}

/** The three-letter country (or first three letters of an international code) of an actor code. */
export function actorCountry(actor: string): string {
  return actor.slice(0, 3);
}
