/**
 * Reading dictionary files: one entry a line, `#` comments, `@valid-as-of` headers, fields split on a TAB or
 * two or more spaces. Every line keeps its `file:line` so a problem can be pointed at.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface DictLine {
  file: string;
  line: number;
  /** The line without its comment, trimmed. */
  text: string;
  fields: string[];
}

export interface DictFile {
  file: string;
  validAsOf: string | null;
  lines: DictLine[];
}

export interface DictProblem {
  where: string;
  message: string;
  severity: 'error' | 'warning';
}

export function readDictFile(path: string, displayRoot: string): DictFile {
  const file = relative(displayRoot, path) || path;
  const lines: DictLine[] = [];
  let validAsOf: string | null = null;
  readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .forEach((raw, index) => {
      const text = raw.replace(/(^|\s)#.*$/, '').trim();
      if (!text) return;
      if (text.startsWith('@valid-as-of')) {
        validAsOf = text.split(/\s+/)[1] ?? null;
        return;
      }
      lines.push({ file, line: index + 1, text, fields: text.split(/\t+|\s{2,}/).map((f) => f.trim()) });
    });
  return { file, validAsOf, lines };
}

/** All `*.dict` files below `dir`, sorted so the load order (and so precedence) is stable. */
export function listDictFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.dict')) out.push(path);
    }
  };
  walk(dir);
  return out;
}

export const where = (l: DictLine) => `${l.file}:${l.line}`;

/** Splits a field into its `;`-separated alternatives. */
export const alternatives = (field: string | undefined): string[] =>
  (field ?? '')
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
