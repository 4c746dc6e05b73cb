import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding dyadwatch's package.json, found by walking up from this module. Data shipped with the
 * package (dictionaries, the demo corpus) is read from there, whether the code runs from `src/` (tests) or
 * from `dist/src/` (the built command).
 */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('dyadwatch: cannot find the package root');
    dir = parent;
  }
  return dir;
}

/** The shared folder beside the project (gold sets, corpora) for tests and benchmarks, or null where absent. */
export function sharedDir(): string | null {
  const dir = join(packageRoot(), '..', 'shared');
  return existsSync(join(dir, 'eval')) ? dir : null;
}
