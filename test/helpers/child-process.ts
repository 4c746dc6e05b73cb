/**
 * Runs TypeScript entry points in a real child process (which can then be killed with SIGKILL): the entry is
 * bundled with rolldown (already installed as vite's bundler) into `node_modules/.cache/`, so bare imports resolve
 * against the project's node_modules and `packageRoot()` still finds the project.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/package-root.js';

/** Bundles `entry` (a .ts file) and returns the path of the runnable .mjs. */
export async function bundleEntry(entry: string, name: string): Promise<string> {
  const { rolldown } = await import('rolldown');
  const dir = join(packageRoot(), 'node_modules', '.cache', 'dyadwatch-tests');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}-${process.pid}.mjs`);
  const bundle = await rolldown({
    input: entry,
    platform: 'node',
    external: (id) => !id.startsWith('.') && !id.startsWith('/') && !/^[A-Za-z]:/.test(id),
    resolve: { extensionAlias: { '.js': ['.ts', '.js'] } },
    logLevel: 'silent',
  });
  await bundle.write({ file, format: 'esm' });
  await bundle.close();
  return file;
}
