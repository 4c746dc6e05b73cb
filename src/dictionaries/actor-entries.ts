/**
 * Actor, person, role and title entries: parsed from their dictionary lines and resolved on a date.
 */
import { alternatives, type DictLine, type DictProblem, where } from './dict-file.js';

export interface NamedActor {
  kind: 'actor';
  code: string;
  where: string;
}

export interface DatedRole {
  code: string;
  /** Inclusive ISO bounds; null is open. */
  from: string | null;
  to: string | null;
}

export interface Person {
  kind: 'person';
  name: string;
  roles: DatedRole[];
  fallback: string | null;
  where: string;
}

export interface RoleWord {
  kind: 'role';
  /** CAMEO role code (GOV, MIL…). */
  role: string;
  where: string;
}

export interface Title {
  kind: 'title';
  /** The role a title implies, or null ("Mr.", "Dr."). */
  role: string | null;
  where: string;
}

export type LexiconEntry = NamedActor | Person | RoleWord | Title;

/** A CAMEO-style code, or `-` for a name that holds a country's name but is no actor ("the Sea of Japan"). */
const ACTOR_CODE = /^(([A-Z]{3}|---)([A-Z]{3}){0,3}|-)$/;
const ROLE_CODE = /^[A-Z]{3}$/;

export function parseActorLine(line: DictLine, problems: DictProblem[]): { entry: NamedActor; names: string[] } | null {
  const [code, names] = line.fields;
  if (!code || !ACTOR_CODE.test(code)) {
    problems.push({ where: where(line), message: `bad actor code "${code ?? ''}"`, severity: 'error' });
    return null;
  }
  const list = alternatives(line.fields.slice(1).join(';'));
  if (!names || list.length === 0) {
    problems.push({ where: where(line), message: `actor ${code} has no names`, severity: 'error' });
    return null;
  }
  return { entry: { kind: 'actor', code, where: where(line) }, names: list };
}

export function parseRoleLine(
  line: DictLine,
  kind: 'role' | 'title',
  problems: DictProblem[],
): { entry: RoleWord | Title; names: string[] } | null {
  const [role] = line.fields;
  const list = alternatives(line.fields.slice(1).join(';'));
  const noRole = kind === 'title' && role === '-';
  if (!role || (!noRole && !ROLE_CODE.test(role))) {
    problems.push({ where: where(line), message: `bad role code "${role ?? ''}"`, severity: 'error' });
    return null;
  }
  if (list.length === 0) {
    problems.push({ where: where(line), message: `${kind} ${role} has no words`, severity: 'error' });
    return null;
  }
  const entry: RoleWord | Title =
    kind === 'role'
      ? { kind: 'role', role, where: where(line) }
      : { kind: 'title', role: noRole ? null : role, where: where(line) };
  return { entry, names: list };
}

const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** Widens a partial date to a full day: the first day for a start, the last for an end. */
function fullDate(value: string, end: boolean): string {
  if (value.length === 10) return value;
  if (value.length === 7) {
    if (!end) return `${value}-01`;
    const [y, m] = value.split('-').map(Number) as [number, number];
    return `${value}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
  }
  return end ? `${value}-12-31` : `${value}-01-01`;
}

export function parsePersonLine(line: DictLine, problems: DictProblem[]): { entry: Person; names: string[] } | null {
  const [namePart, ...roleParts] = line.text.split('|').map((s) => s.trim());
  const names = alternatives(namePart);
  const at = where(line);
  if (names.length === 0) {
    problems.push({ where: at, message: 'person has no name', severity: 'error' });
    return null;
  }
  const roles: DatedRole[] = [];
  let fallback: string | null = null;
  for (const part of roleParts) {
    const [code, range, extra] = part.split(/\s+/);
    if (!code || !ACTOR_CODE.test(code) || extra) {
      problems.push({ where: at, message: `bad role "${part}" for ${names[0]}`, severity: 'error' });
      continue;
    }
    if (range === undefined) {
      if (fallback) problems.push({ where: at, message: `${names[0]} has two undated roles`, severity: 'error' });
      fallback = code;
      continue;
    }
    const bounds = /^([^.]*)\.\.([^.]*)$/.exec(range);
    const from = bounds?.[1] ?? '';
    const to = bounds?.[2] ?? '';
    if (!bounds || (from && !DATE.test(from)) || (to && !DATE.test(to))) {
      problems.push({ where: at, message: `bad date range "${range}" for ${names[0]}`, severity: 'error' });
      continue;
    }
    const role = { code, from: from ? fullDate(from, false) : null, to: to ? fullDate(to, true) : null };
    if (role.from && role.to && role.from > role.to) {
      problems.push({ where: at, message: `${names[0]}: range ${range} ends before it starts`, severity: 'error' });
      continue;
    }
    roles.push(role);
  }
  for (let i = 0; i < roles.length; i++) {
    for (let j = i + 1; j < roles.length; j++) {
      const a = roles[i] as DatedRole;
      const b = roles[j] as DatedRole;
      if (a.code === b.code && overlaps(a, b)) {
        problems.push({ where: at, message: `${names[0]}: overlapping ranges for ${a.code}`, severity: 'error' });
      }
    }
  }
  return { entry: { kind: 'person', name: names[0] as string, roles, fallback, where: at }, names };
}

function overlaps(a: DatedRole, b: DatedRole): boolean {
  const aFrom = a.from ?? '0000';
  const bFrom = b.from ?? '0000';
  const aTo = a.to ?? '9999';
  const bTo = b.to ?? '9999';
  return aFrom <= bTo && bFrom <= aTo;
}

/** The code a person holds on `date`: the dated role covering it, else the undated default, else null. */
export function resolvePersonOnDate(person: Person, date: string): string | null {
  for (const role of person.roles) {
    if ((role.from === null || role.from <= date) && (role.to === null || date <= role.to)) return role.code;
  }
  return person.fallback;
}

/** True when some dated role of the person covers `date` (used to prefer the office holder among namesakes). */
export function isActiveOn(person: Person, date: string): boolean {
  return person.roles.some((r) => (r.from === null || r.from <= date) && (r.to === null || date <= r.to));
}
