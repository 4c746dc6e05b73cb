/**
 * Types of the ontology: CAMEO event codes, PLOVER types, QuadClass, direction, actor code tables.
 * The ontology sits upstream of everything else, so it defines these types itself; `coder/event.ts` has
 * structurally identical `QuadClass` and `Direction` types.
 */

/** CAMEO QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict. */
export type QuadClass = 1 | 2 | 3 | 4;

/** Which way an event moves a dyad: towards cooperation, towards conflict, or neither. */
export type Direction = 'forward' | 'rearward' | 'neutral';

/** The 16 event types of the current PLOVER manual. */
export type PloverType =
  | 'AGREE'
  | 'CONSULT'
  | 'SUPPORT'
  | 'CONCEDE'
  | 'COOPERATE'
  | 'AID'
  | 'RETREAT'
  | 'REQUEST'
  | 'ACCUSE'
  | 'REJECT'
  | 'THREATEN'
  | 'PROTEST'
  | 'SANCTION'
  | 'MOBILIZE'
  | 'COERCE'
  | 'ASSAULT';

/**
 * The PLOVER type an event record carries: one of the 16, or `STATEMENT` for CAMEO 01 public statements,
 * which PLOVER drops and which therefore have no PLOVER type of their own.
 */
export type EventPloverType = PloverType | 'STATEMENT';

/** One CAMEO event code with everything derived from it. */
export interface CameoEvent {
  /** The CAMEO code, two to four digits ("13", "134", "0311"). */
  readonly code: string;
  /** The CAMEO name ("Threaten to halt negotiations"); roots are in capitals ("THREATEN"). */
  readonly name: string;
  /** The two-digit root (cue category). */
  readonly root: string;
  /** Goldstein weight, −10 … +10 (GDELT's table). */
  readonly goldstein: number;
  readonly quad: QuadClass;
  readonly plover: EventPloverType;
  /** PLOVER mode from the conversion table ("visit", "troops"), or "" when it names none. */
  readonly ploverMode: string;
  /** PLOVER contexts from the conversion table ("military", "economic"); may be empty. */
  readonly ploverContexts: readonly string[];
  readonly direction: Direction;
}

/** A PLOVER event type with its definition and the manual's base score. */
export interface PloverTypeInfo {
  readonly type: PloverType;
  /** One-line definition, in the project's own words. */
  readonly definition: string;
  /** Base score (−10 … +10) of the type in the PLOVER manual. */
  readonly score: number;
  readonly quad: QuadClass;
  readonly direction: Direction;
}

/** A CAMEO country or region code. */
export interface CountryInfo {
  readonly code: string;
  readonly label: string;
  /** `country`, `region/sub-national`, `territory`, `historical` or `fictional`. */
  readonly kind: string;
}

/** A CAMEO actor role or type code (GOV, MIL, IGO, NGO …). */
export interface ActorTypeInfo {
  readonly code: string;
  readonly label: string;
  /** The family the code belongs to ("state/domestic role", "sector", "international/transnational" …). */
  readonly group: string;
}

/** A CAMEO known-group code (UNO, NAT, HMS, AMN …). */
export interface KnownGroupInfo {
  readonly code: string;
  readonly label: string;
}
