/**
 * Dyad reads on worker threads: each worker holds its own connection to the SQLite file (WAL lets readers run
 * beside the server's writer) and computes analyses and series JSON, so a busy dyad's 50 ms analysis or a burst of
 * new series no longer holds up the event loop that serves the live stream, cached answers and event pages. A
 * read goes to the worker with the fewest reads in flight. A worker that dies fails its reads (the route answers
 * 500) and is replaced for the next one.
 *
 * Only for a SQLite file: PostgreSQL already runs the queries in its own processes, and `:memory:` cannot be
 * shared. `read-worker.ts` must be compiled: from `src/` (tests) the pool runs the built `dist/` worker.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { packageRoot } from '../package-root.js';
import type { EventQuery } from '../store/store.js';
import type { DyadAnalysisRequest, ServedDyadAnalysis } from './dyad-analysis.js';
import { HttpError } from './http-error.js';
import type { Reads } from './reads.js';

/** What a worker is asked to read. */
type ReadTask =
  | { task: 'series'; request: DyadAnalysisRequest }
  | { task: 'analysis'; request: DyadAnalysisRequest }
  | { task: 'events'; query: EventQuery; q: string | undefined };

export type ReadRequest = { id: number } & ReadTask;

export type ReadReply =
  | { id: number; bytes: Uint8Array<ArrayBuffer> }
  | { id: number; analysis: ServedDyadAnalysis }
  | { id: number; error: { status: HttpError['status'] | null; message: string } };

interface Pending {
  resolve(reply: ReadReply): void;
  reject(error: Error): void;
}

interface PoolWorker {
  thread: Worker;
  ready: Promise<void>;
  pending: Map<number, Pending>;
}

function workerFile(): string {
  const beside = fileURLToPath(new URL('./read-worker.js', import.meta.url));
  if (existsSync(beside)) return beside;
  const built = join(packageRoot(), 'dist', 'src', 'server', 'read-worker.js');
  if (!existsSync(built)) throw new Error(`read pool: no built worker at ${built}; run npm run build`);
  return built;
}

export class ReadPool implements Reads {
  readonly #workers: (PoolWorker | null)[];
  readonly #file = workerFile();
  #nextId = 1;
  #closed = false;

  /** Starts `size` workers on the SQLite file at `path`. */
  constructor(
    readonly path: string,
    readonly size: number,
  ) {
    if (!(size >= 1)) throw new Error(`read pool: size must be at least 1, not ${size}`);
    this.#workers = Array.from({ length: size }, () => this.#spawn());
  }

  /** Resolves when every worker has opened the store (rejects if one could not). */
  async ready(): Promise<void> {
    await Promise.all(this.#workers.map((worker) => worker?.ready));
  }

  async seriesJson(request: DyadAnalysisRequest): Promise<Uint8Array<ArrayBuffer>> {
    const reply = await this.#run({ task: 'series', request });
    if (!('bytes' in reply)) throw new Error('read pool: a series read got no bytes');
    return reply.bytes;
  }

  async analysis(request: DyadAnalysisRequest): Promise<ServedDyadAnalysis> {
    const reply = await this.#run({ task: 'analysis', request });
    if (!('analysis' in reply)) throw new Error('read pool: an analysis read got no analysis');
    return reply.analysis;
  }

  async eventPageJson(query: EventQuery, q?: string): Promise<Uint8Array<ArrayBuffer>> {
    const reply = await this.#run({ task: 'events', query, q });
    if (!('bytes' in reply)) throw new Error('read pool: an event page read got no bytes');
    return reply.bytes;
  }

  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all(
      this.#workers.map(async (worker) => {
        if (worker === null) return;
        const exited = new Promise((resolve) => worker.thread.once('exit', resolve));
        worker.thread.postMessage('close');
        // A worker that does not finish closing its connection in time is stopped.
        const timer = setTimeout(() => void worker.thread.terminate(), 2000);
        await exited;
        clearTimeout(timer);
      }),
    );
  }

  #spawn(): PoolWorker {
    const thread = new Worker(this.#file, { workerData: { path: this.path } });
    const pending = new Map<number, Pending>();
    let started!: () => void;
    let failed!: (error: Error) => void;
    const ready = new Promise<void>((resolve, reject) => {
      started = resolve;
      failed = reject;
    });
    ready.catch(() => {});
    const worker: PoolWorker = { thread, ready, pending };
    thread.on('message', (message: ReadReply | { ready: true }) => {
      if ('ready' in message) return started();
      const waiting = pending.get(message.id);
      pending.delete(message.id);
      waiting?.resolve(message);
    });
    const fail = (error: Error) => {
      failed(error);
      for (const waiting of pending.values()) waiting.reject(error);
      pending.clear();
      const index = this.#workers.indexOf(worker);
      if (index >= 0) this.#workers[index] = null;
    };
    thread.on('error', (error) => fail(new Error(`read pool: a worker failed: ${error.message}`)));
    thread.on('exit', (code) => fail(new Error(`read pool: a worker exited (code ${code})`)));
    return worker;
  }

  /** The worker with the fewest reads in flight, replacing one that died. */
  #pick(): PoolWorker {
    let best: PoolWorker | null = null;
    for (let i = 0; i < this.#workers.length; i++) {
      let worker = this.#workers[i] ?? null;
      if (worker === null) {
        worker = this.#spawn();
        this.#workers[i] = worker;
      }
      if (best === null || worker.pending.size < best.pending.size) best = worker;
    }
    return best as PoolWorker;
  }

  async #run(task: ReadTask): Promise<ReadReply> {
    if (this.#closed) throw new Error('read pool: closed');
    const worker = this.#pick();
    await worker.ready;
    const id = this.#nextId++;
    const reply = await new Promise<ReadReply>((resolve, reject) => {
      worker.pending.set(id, { resolve, reject });
      worker.thread.postMessage({ id, ...task } satisfies ReadRequest);
    });
    if ('error' in reply) {
      const { status, message } = reply.error;
      throw status === null ? new Error(message) : new HttpError(status, message);
    }
    return reply;
  }
}
