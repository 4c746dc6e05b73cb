/**
 * A read-pool worker thread (`read-pool.ts`): opens its own connection to the SQLite file and answers the dyad
 * reads the server sends it, one message each. Answers go back as a transferred byte buffer (series JSON) or a
 * structured clone (analysis); an `HttpError` goes back as its status and message, so the route answers the same
 * 404 as in process.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { HttpError } from './http-error.js';
import type { ReadReply, ReadRequest } from './read-pool.js';
import { inProcessReads } from './reads.js';

const port = parentPort;
if (port === null) throw new Error('read-worker: run it as a worker thread (see read-pool.ts)');
const store = await openSqliteStore((workerData as { path: string }).path, { readOnly: true });
const reads = inProcessReads(store);

port.on('message', async (message: ReadRequest | 'close') => {
  if (message === 'close') {
    await store.close();
    port.close();
    return;
  }
  const { id } = message;
  try {
    if (message.task === 'analysis') {
      port.postMessage({ id, analysis: await reads.analysis(message.request) } satisfies ReadReply);
    } else {
      const bytes =
        message.task === 'series'
          ? await reads.seriesJson(message.request)
          : await reads.eventPageJson(message.query, message.q);
      port.postMessage({ id, bytes } satisfies ReadReply, [bytes.buffer]);
    }
  } catch (error) {
    const status = error instanceof HttpError ? error.status : null;
    const text = error instanceof Error ? error.message : String(error);
    port.postMessage({ id, error: { status, message: text } } satisfies ReadReply);
  }
});
port.postMessage({ ready: true });
