#!/usr/bin/env node
// Writes src/ontology/cameo.generated.ts from the public CAMEO/PLOVER reference tables.
// Usage: node scripts/generate-ontology.mjs [REFERENCE_DIR]   (default: ../shared/reference, or $DYADWATCH_REFERENCE)
// No dependencies. The output is checked in; re-run this script instead of editing it.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const referenceDir = resolve(
  process.argv[2] ?? process.env.DYADWATCH_REFERENCE ?? join(root, '..', 'shared', 'reference'),
);
const outputPath = join(root, 'src', 'ontology', 'cameo.generated.ts');

const TABLES = [
  'cameo_events_full.tsv',
  'cameo_codes.tsv',
  'goldstein.tsv',
  'cameo_to_plover.tsv',
  'cameo_country_codes.tsv',
  'cameo_actor_types.tsv',
  'cameo_known_groups.tsv',
  'plover.md',
];

const PLOVER_TYPES = new Set([
  'AGREE',
  'CONSULT',
  'SUPPORT',
  'CONCEDE',
  'COOPERATE',
  'AID',
  'RETREAT',
  'REQUEST',
  'ACCUSE',
  'REJECT',
  'THREATEN',
  'PROTEST',
  'SANCTION',
  'MOBILIZE',
  'COERCE',
  'ASSAULT',
]);

function fail(message) {
  console.error(`generate-ontology: ${message}`);
  process.exit(1);
}

/** Reads a TSV file into objects keyed by its header row. */
function readTsv(name) {
  const path = join(referenceDir, name);
  let text;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    fail(`cannot read ${path}; pass the reference folder as the first argument`);
  }
  const [header, ...lines] = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const columns = header.split('\t');
  return lines.map((line, index) => {
    const cells = line.split('\t');
    const row = Object.fromEntries(columns.map((column, i) => [column, (cells[i] ?? '').trim()]));
    row.__line = `${name}:${index + 2}`;
    return row;
  });
}

// QuadClass recomputed from the root, not copied: the tables disagree (Phoenix puts 01/02 in quad 0).
function quadOf(rootCode) {
  const n = Number(rootCode);
  if (n <= 5) return 1;
  if (n <= 9) return 2;
  if (n <= 14) return 3;
  return 4;
}

// Direction follows the PLOVER type, as the PLOVER manual scores them: cooperation forward, conflict rearward,
// and requests (CAMEO 02 appeals, 10 demands) and statements neutral: asking the other side to move, or talking
// about it, is not itself a move toward or away from it. (CAMEO's Goldstein sign still carries the demand's edge.)
const FORWARD_TYPES = new Set(['AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE', 'COOPERATE', 'AID', 'RETREAT']);
function directionOf(ploverType) {
  if (ploverType === 'REQUEST' || ploverType === 'STATEMENT') return 'neutral';
  return FORWARD_TYPES.has(ploverType) ? 'forward' : 'rearward';
}

// PLOVER drops CAMEO 01 and 02. Appeals (02) are requests in PLOVER's own terms, so they become REQUEST;
// statements (01) have no PLOVER home and keep the marker type STATEMENT (outside the 16, neutral in the scorer).
// The root 08 row reads "CONCEDE/RETREAT"; its "not specified" child 080 is CONCEDE, so the root follows it.
function ploverOf(row) {
  const value = row.plover_event;
  if (row.root === '01') return 'STATEMENT';
  if (row.root === '02') return 'REQUEST';
  if (value === 'CONCEDE/RETREAT') return 'CONCEDE';
  if (!PLOVER_TYPES.has(value)) fail(`${row.__line}: unknown PLOVER type "${value}" for ${row.code}`);
  return value;
}

const events = readTsv('cameo_events_full.tsv');
const names = new Map(readTsv('cameo_codes.tsv').map((r) => [r.code, r.name]));
const weights = new Map(readTsv('goldstein.tsv').map((r) => [r.code, Number(r.weight)]));
const mapping = new Map(readTsv('cameo_to_plover.tsv').map((r) => [r.cameo_code, r]));

const seen = new Set();
const eventRows = events.map((row) => {
  if (!/^\d{2,4}$/.test(row.code)) fail(`${row.__line}: bad code "${row.code}"`);
  if (seen.has(row.code)) fail(`${row.__line}: duplicate code ${row.code}`);
  seen.add(row.code);
  if (row.root !== row.code.slice(0, 2)) fail(`${row.__line}: root ${row.root} does not match ${row.code}`);
  if (names.get(row.code) !== row.name) fail(`${row.__line}: name differs from cameo_codes.tsv for ${row.code}`);
  const goldstein = Number(row.goldstein_gdelt);
  if (!Number.isFinite(goldstein) || weights.get(row.code) !== goldstein) {
    fail(`${row.__line}: Goldstein weight for ${row.code} differs from goldstein.tsv`);
  }
  const mapped = mapping.get(row.code);
  if (mapped && mapped.plover_event !== row.plover_event) fail(`${row.__line}: PLOVER mapping differs for ${row.code}`);
  return {
    code: row.code,
    name: row.name,
    root: row.root,
    goldstein,
    quad: quadOf(row.root),
    plover: ploverOf(row),
    ploverMode: row.plover_mode,
    ploverContexts: row.plover_context ? row.plover_context.split(';').map((c) => c.trim()) : [],
    direction: directionOf(ploverOf(row)),
  };
});
if (eventRows.length !== 311) fail(`expected 311 CAMEO event codes, found ${eventRows.length}`);
for (const row of eventRows) if (!seen.has(row.root)) fail(`code ${row.code} has no root row ${row.root}`);

const countries = readTsv('cameo_country_codes.tsv').map((r) => ({ code: r.code, label: r.label, kind: r.kind }));
const actorTypes = readTsv('cameo_actor_types.tsv').map((r) => ({ code: r.code, label: r.label, group: r.group }));

// The known-groups table repeats two codes: WTO twice with the same organisation, and CEM for two different
// African bodies; repeated labels are joined so no information is lost. "Children?s" is a mis-encoded apostrophe.
const groups = new Map();
for (const r of readTsv('cameo_known_groups.tsv')) {
  const label = r.label.replace(/\?s\b/g, "'s");
  const previous = groups.get(r.code);
  if (!previous) groups.set(r.code, label);
  else if (!label.includes(previous) && !previous.includes(label)) groups.set(r.code, `${previous} / ${label}`);
  else groups.set(r.code, label.length > previous.length ? label : previous);
}
const knownGroups = [...groups].map(([code, label]) => ({ code, label }));

for (const list of [countries, actorTypes, knownGroups]) {
  for (const item of list) if (!/^[A-Z]{3}$/.test(item.code)) fail(`bad three-letter code "${item.code}"`);
}

const q = (s) => `'${String(s).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const literal = (value) => {
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (typeof value === 'string') return q(value);
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(1) : String(value);
  return String(value);
};
const objectLine = (obj) =>
  `  { ${Object.entries(obj)
    .map(([k, v]) => `${k}: ${k === 'quad' ? v : literal(v)}`)
    .join(', ')} },`;

const output = `// GENERATED FILE — DO NOT EDIT. Re-run \`npm run ontology:generate\` (scripts/generate-ontology.mjs).
// Built from the public CAMEO/PLOVER reference tables:
//   ${TABLES.join(', ')}.
// CAMEO codes, names and Goldstein weights are public facts (Schrodt et al., CAMEO 1.1b3; Goldstein 1992, as
// distributed with GDELT); the PLOVER mapping follows openeventdata's CAMEO2PLOVER conversion.
// Conventions (see scripts/generate-ontology.mjs):
// - goldstein: GDELT's column (goldstein_gdelt = goldstein.tsv), the weights most downstream users compare with.
// - quad: recomputed from the root: 01-05 verbal cooperation (1), 06-09 material cooperation (2),
//   10-14 verbal conflict (3), 15-20 material conflict (4).
// - plover: the PLOVER 2021 mapping; CAMEO 02 appeals (dropped by PLOVER) are REQUEST; CAMEO 01 statements
//   (dropped) are STATEMENT, a marker outside the 16 types; root 08 (CONCEDE/RETREAT) follows 080 (CONCEDE).
// - direction: from the PLOVER type: AGREE, CONSULT, SUPPORT, CONCEDE, COOPERATE, AID, RETREAT forward; REQUEST
//   (CAMEO 02 appeals, 10 demands) and STATEMENT (01) neutral; the other types rearward.
import type { ActorTypeInfo, CameoEvent, CountryInfo, KnownGroupInfo } from './types.js';

/** All ${eventRows.length} CAMEO event codes (2-, 3- and 4-digit), in code order. */
export const CAMEO_EVENT_TABLE: readonly CameoEvent[] = [
${eventRows.map(objectLine).join('\n')}
];

/** CAMEO country and region codes (${countries.length}), with their labels and kind. */
export const CAMEO_COUNTRY_TABLE: readonly CountryInfo[] = [
${countries.map(objectLine).join('\n')}
];

/** CAMEO actor role and type codes (${actorTypes.length}). */
export const CAMEO_ACTOR_TYPE_TABLE: readonly ActorTypeInfo[] = [
${actorTypes.map(objectLine).join('\n')}
];

/** CAMEO known-group codes (${knownGroups.length}): IGOs, NGOs, parties and armed groups. */
export const CAMEO_KNOWN_GROUP_TABLE: readonly KnownGroupInfo[] = [
${knownGroups.map(objectLine).join('\n')}
];
`;
writeFileSync(outputPath, output);
console.log(
  `generate-ontology: wrote ${outputPath} (${eventRows.length} events, ${countries.length} countries, ` +
    `${actorTypes.length} actor types, ${knownGroups.length} known groups)`,
);
