/**
 * The ontology: CAMEO event codes with their names, roots, Goldstein weights, QuadClass, PLOVER type and direction;
 * the 16 PLOVER types; CAMEO actor codes. Everything here is read-only and built from public reference tables by
 * `scripts/generate-ontology.mjs` (see the header of `cameo.generated.ts` for the conventions chosen).
 */
import { CAMEO_EVENT_TABLE } from './cameo.generated.js';
import { PLOVER_LEGACY_TYPES, PLOVER_TYPE_TABLE, STATEMENT_DIRECTION } from './plover-types.js';
import type { CameoEvent, Direction, EventPloverType, PloverType, PloverTypeInfo, QuadClass } from './types.js';

export {
  actorTypeCodes,
  actorTypeName,
  countryCodes,
  countryInfo,
  countryName,
  isActorCode,
  isCountryCode,
  knownGroupCodes,
  knownGroupName,
} from './actor-codes.js';
export type {
  ActorTypeInfo,
  CameoEvent,
  CountryInfo,
  Direction,
  EventPloverType,
  KnownGroupInfo,
  PloverType,
  PloverTypeInfo,
  QuadClass,
} from './types.js';

const events = new Map<string, CameoEvent>(
  CAMEO_EVENT_TABLE.map((e) => [e.code, Object.freeze({ ...e, ploverContexts: Object.freeze([...e.ploverContexts]) })]),
);
const ploverInfo = new Map<string, PloverTypeInfo>(PLOVER_TYPE_TABLE.map((p) => [p.type, Object.freeze({ ...p })]));

/**
 * Looks up a CAMEO event code (two to four digits, as a string: leading zeros matter) and returns its frozen record
 * `{code, name, root, goldstein, quad, plover, ploverMode, ploverContexts, direction}`, or undefined if CAMEO has
 * no such code.
 * @example cameoEvent('134')?.plover // 'THREATEN'
 */
export function cameoEvent(code: string): CameoEvent | undefined {
  return events.get(code);
}

/**
 * Tells whether a string is one of the 311 CAMEO event codes.
 * @example isCameoCode('0311') // true
 * @example isCameoCode('21') // false
 */
export function isCameoCode(code: string): boolean {
  return events.has(code);
}

/** All 311 CAMEO event records, frozen, in code order (each root before its children). */
export const cameoEvents: readonly CameoEvent[] = Object.freeze([...events.values()]);

/** The 16 PLOVER types, each with a one-line definition, base score, QuadClass and direction. */
export const ploverTypes: readonly PloverTypeInfo[] = Object.freeze([...ploverInfo.values()]);

/**
 * Returns the current PLOVER type for a type name, upper-casing it and mapping the v0.5 names
 * (DEMAND, DISAPPROVE, INVESTIGATE, FIGHT); undefined when it is not a PLOVER type.
 * @example ploverType('demand') // 'REQUEST'
 */
export function ploverType(name: string): PloverType | undefined {
  const upper = name.toUpperCase();
  const current = PLOVER_LEGACY_TYPES[upper] ?? upper;
  return ploverInfo.has(current) ? (current as PloverType) : undefined;
}

/**
 * Returns the direction a PLOVER type moves a dyad, with the evaluation scorer's conventions: AGREE … RETREAT
 * forward, REQUEST and the STATEMENT marker neutral, ACCUSE … ASSAULT rearward. Legacy v0.5 names are accepted.
 * Undefined for anything else.
 * @example ploverDirection('THREATEN') // 'rearward'
 */
export function ploverDirection(type: EventPloverType | string): Direction | undefined {
  if (type.toUpperCase() === 'STATEMENT') return STATEMENT_DIRECTION;
  const current = ploverType(type);
  return current === undefined ? undefined : ploverInfo.get(current)?.direction;
}

const QUAD_NAMES: Readonly<Record<QuadClass, string>> = {
  1: 'verbal cooperation',
  2: 'material cooperation',
  3: 'verbal conflict',
  4: 'material conflict',
};

/**
 * Names a CAMEO QuadClass.
 * @example quadClassName(3) // 'verbal conflict'
 */
export function quadClassName(quad: QuadClass): string {
  return QUAD_NAMES[quad];
}
