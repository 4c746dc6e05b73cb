/**
 * Roles and what each may do. Anonymous visitors are readers; each signed-in role can do everything the roles
 * below it can. A permission names the least role it needs and the API-token scope that carries it, so a token
 * can never do more than its owner, and only what it was scoped for.
 */
import type { Role } from '../store/users.js';

export type { Role } from '../store/users.js';
/** Everyone, signed in or not, is at least a reader. */
export type AnyRole = 'reader' | Role;

export const ROLES: readonly AnyRole[] = ['reader', 'member', 'contributor', 'editor', 'admin'];
export const ACCOUNT_ROLES: readonly Role[] = ['member', 'contributor', 'editor', 'admin'];

/** Scopes a personal API token may carry. */
export const SCOPES = ['ingest', 'feeds', 'commentary', 'corrections', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

export interface PermissionRule {
  role: Role;
  /** The token scope that carries it; null means sessions only (tokens cannot manage tokens or passwords). */
  scope: Scope | null;
}

export const PERMISSIONS = {
  /** Write, edit and submit one's own commentary. */
  'commentary.write': { role: 'member', scope: 'commentary' },
  /** Publish, reject, unpublish, mark official; read submitted pieces. */
  'commentary.review': { role: 'editor', scope: 'commentary' },
  /** Correct a coded event. */
  'corrections.write': { role: 'member', scope: 'corrections' },
  /** Withdraw anyone's correction (authors may withdraw their own with `corrections.write`). */
  'corrections.remove': { role: 'editor', scope: 'corrections' },
  /** Store documents (`/api/ingest`). */
  ingest: { role: 'contributor', scope: 'ingest' },
  /** List, add, remove and poll feeds. */
  feeds: { role: 'admin', scope: 'feeds' },
  /** Manage users and read the audit log. */
  admin: { role: 'admin', scope: 'admin' },
  /** Own account: change password, log out everywhere, manage personal tokens. */
  account: { role: 'member', scope: null },
} as const satisfies Record<string, PermissionRule>;

export type Permission = keyof typeof PERMISSIONS;

/** Whether `role` is `least` or above. */
export function atLeast(role: AnyRole, least: AnyRole): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(least);
}

export function isRole(value: string): value is Role {
  return (ACCOUNT_ROLES as readonly string[]).includes(value);
}
