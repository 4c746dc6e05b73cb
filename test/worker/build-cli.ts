/**
 * The real `dyadwatch` command for tests that run it as separate processes (so they can be SIGKILLed): the
 * project is compiled once per test process into a private folder under `node_modules/.cache`, beside the
 * project's `package.json` so `packageRoot()` and bare imports resolve as they do from `dist/`. A private folder
 * keeps helpers that build `dist/` at the same time out of each other's way.
 */
import { execFile } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { packageRoot } from '../../src/package-root.js';

export interface BuiltCli {
  /** Path of `src/cli/main.js` in the build. */
  main: string;
  /** Imports a module of the build (`src/coder/index.js`), so a test compares with exactly the workers' code. */
  load<T>(path: string): Promise<T>;
  remove(): void;
}

export async function buildCli(label: string): Promise<BuiltCli> {
  const root = packageRoot();
  const outDir = join(root, 'node_modules', '.cache', `dyadwatch-${label}-${process.pid}`);
  rmSync(outDir, { recursive: true, force: true });
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  // Type errors elsewhere in a tree other people are editing must not stop the emit; a missing entry point does.
  await promisify(execFile)(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', outDir], {
    cwd: root,
  }).catch(() => {});
  const main = join(outDir, 'src', 'cli', 'main.js');
  if (!existsSync(main)) throw new Error(`build of the CLI failed: ${main} is missing`);
  return {
    main,
    load: (path) => import(pathToFileURL(join(outDir, path)).href),
    remove: () => rmSync(outDir, { recursive: true, force: true }),
  };
}
