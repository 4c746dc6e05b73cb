import { CAMEO_ACTOR_TYPE_TABLE, CAMEO_COUNTRY_TABLE, CAMEO_KNOWN_GROUP_TABLE } from './cameo.generated.js';
import type { ActorTypeInfo, CountryInfo, KnownGroupInfo } from './types.js';

const countries = new Map<string, CountryInfo>(CAMEO_COUNTRY_TABLE.map((c) => [c.code, Object.freeze({ ...c })]));
const actorTypes = new Map<string, ActorTypeInfo>(CAMEO_ACTOR_TYPE_TABLE.map((t) => [t.code, Object.freeze({ ...t })]));
const knownGroups = new Map<string, KnownGroupInfo>(
  CAMEO_KNOWN_GROUP_TABLE.map((g) => [g.code, Object.freeze({ ...g })]),
);

/** Prefixes that stand where a country would for actors that belong to none (IGOUNO, NGOAMN, IMGMUSALQ). */
const INTERNATIONAL_PREFIXES = new Set(['IGO', 'NGO', 'IMG', 'MNC', 'NGM', 'INT', 'UIS']);

/**
 * CAMEO religion codes met in GDELT and Phoenix actor codes (IMGMUSALQ, IRQSHI). The reference tables do not
 * list them, so only the common ones are accepted here.
 */
const RELIGION_CODES = new Set(['CHR', 'MUS', 'MOS', 'JEW', 'HIN', 'BUD', 'SHI', 'SUN', 'CTH', 'PRO', 'DOX', 'SIK']);

/** Placeholder for "country unknown, take it from context" in `---GOV`. */
const UNKNOWN_COUNTRY = '---';
const MAX_SEGMENTS = 4;

/**
 * Tells whether a string is a well-formed CAMEO actor code: a first segment that is a CAMEO country/region code,
 * an international prefix (IGO, NGO, IMG, MNC, NGM, INT, UIS) or `---` (country from context), followed by up to
 * three role, known-group or religion segments of three letters each. `---` alone is not an actor.
 * @example isActorCode('USAGOV') // true
 * @example isActorCode('IGOUNO') // true
 * @example isActorCode('USAXYZQ') // false
 */
export function isActorCode(code: string): boolean {
  if (code.length === 0 || code.length % 3 !== 0 || code.length > 3 * MAX_SEGMENTS) return false;
  const segments = code.match(/.{3}/g) ?? [];
  const [first, ...rest] = segments;
  if (first === undefined) return false;
  if (first === UNKNOWN_COUNTRY) {
    if (rest.length === 0) return false;
  } else if (!countries.has(first) && !INTERNATIONAL_PREFIXES.has(first)) {
    return false;
  }
  return rest.every((s) => actorTypes.has(s) || knownGroups.has(s) || RELIGION_CODES.has(s));
}

/**
 * Tells whether a three-letter code is a CAMEO country or region code (including CAMEO's own, like ROM, and
 * historical ones, like SUN).
 */
export function isCountryCode(code: string): boolean {
  return countries.has(code);
}

/**
 * Returns the label of the country or region an actor code starts with, or undefined when it starts with none.
 * @example countryName('PRK') // 'North Korea'
 * @example countryName('KORGOV') // 'South Korea'
 */
export function countryName(code: string): string | undefined {
  return countries.get(code.slice(0, 3))?.label;
}

/** Returns the country table entry (code, label, kind) for a three-letter code, or undefined. */
export function countryInfo(code: string): CountryInfo | undefined {
  return countries.get(code);
}

/**
 * Returns the label of a CAMEO actor role or type code, or undefined.
 * @example actorTypeName('MIL') // 'Military'
 */
export function actorTypeName(code: string): string | undefined {
  return actorTypes.get(code)?.label;
}

/**
 * Returns the label of a CAMEO known-group code, or undefined.
 * @example knownGroupName('NAT') // 'North Atlantic Treaty Organization (NATO)'
 */
export function knownGroupName(code: string): string | undefined {
  return knownGroups.get(code)?.label;
}

/** All CAMEO country and region codes, frozen, in table order. */
export const countryCodes: readonly CountryInfo[] = Object.freeze([...countries.values()]);
/** All CAMEO actor role and type codes, frozen, in table order. */
export const actorTypeCodes: readonly ActorTypeInfo[] = Object.freeze([...actorTypes.values()]);
/** All CAMEO known-group codes, frozen, in table order. */
export const knownGroupCodes: readonly KnownGroupInfo[] = Object.freeze([...knownGroups.values()]);
