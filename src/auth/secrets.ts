/**
 * Random secrets and their digests. Session ids and API tokens carry 256 random bits, so a plain SHA-256 digest
 * is enough to store them (no salt or slow hash needed: nothing to guess); passwords are another matter
 * (`passwords.ts`).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh random secret, base64url, with an optional prefix (`dw_` for API tokens). */
export function randomSecret(prefix = ''): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

export function sha256(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Compares two secrets in constant time (for equal lengths). */
export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
