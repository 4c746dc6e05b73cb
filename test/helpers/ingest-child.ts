/**
 * Child-process entry for the crash test: ingests the folders given as arguments into the store the environment
 * selects (`DYADWATCH_DB`, or `DATABASE_URL` + `DYADWATCH_PG_SCHEMA`), printing one line per stored document so
 * the parent knows when to kill it.
 */
import { createCoder } from '../../src/coder/index.js';
import { collectFiles, fileItems } from '../../src/ingest/file-sources.js';
import { ingestItems } from '../../src/ingest/ingest-documents.js';
import { openStore } from '../../src/store/index.js';

const store = await openStore();
const coder = await createCoder();
const { files } = await collectFiles(process.argv.slice(2));
async function* items() {
  for (const file of files) yield* fileItems(file.path, file.size, { date: '2018-05-24' });
}
const summary = await ingestItems(items(), {
  store,
  coder,
  onItem: (s) => process.stdout.write(`stored ${s.new + s.duplicates}\n`),
});
await store.close();
process.stdout.write(`done ${JSON.stringify({ ...summary, errors: summary.errors.length })}\n`);
