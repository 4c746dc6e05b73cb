/** Prefixes of actors that belong to no country; their dyad side keeps the organisation (`IGOUNO`). */
const INTERNATIONAL_PREFIXES = new Set(['IGO', 'NGO', 'IMG', 'MNC', 'NGM', 'INT', 'UIS']);

/**
 * The dyad side of an actor code: its country (`PRKGOV` → `PRK`), or for international actors the organisation
 * (`IGOUNOKID` → `IGOUNO`). Dyad views and the roll-up work at this level; events keep the full codes.
 * @example dyadSide('USAGOV') // 'USA'
 */
export function dyadSide(actor: string): string {
  const prefix = actor.slice(0, 3);
  return INTERNATIONAL_PREFIXES.has(prefix) ? actor.slice(0, 6) : prefix;
}

/**
 * The directed dyad key of an event, `SOURCE-TARGET` at country level.
 * @example dyadKey('PRKGOV', 'USA') // 'PRK-USA'
 */
export function dyadKey(source: string, target: string): string {
  return `${dyadSide(source)}-${dyadSide(target)}`;
}

/** Splits `USA-PRK` into its two sides, or throws a message the user can act on. */
export function parseDyad(dyad: string): { source: string; target: string } {
  const match = /^([A-Z0-9-]{3,6})-([A-Z0-9-]{3,6})$/.exec(dyad.trim().toUpperCase());
  if (match === null || match[1] === undefined || match[2] === undefined) {
    throw new Error(`dyad "${dyad}" should be two actor codes joined by "-", like USA-PRK`);
  }
  return { source: match[1], target: match[2] };
}
