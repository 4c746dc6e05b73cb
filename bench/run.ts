/**
 * `npm run bench`: runs every `bench/*.bench.js` (built from TypeScript) in turn, or only those whose name
 * contains one of the arguments (`npm run bench -- coder store`). Each benchmark prints its own figures,
 * always as a ratio against a baseline measured in the same run.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface Benchmark {
  run(): Promise<void>;
}

const dir = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.js'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)))
  .sort();
for (const file of files) {
  console.log(`\n== ${file.replace('.bench.js', '')}`);
  const mod = (await import(pathToFileURL(join(dir, file)).href)) as Benchmark;
  await mod.run();
}
