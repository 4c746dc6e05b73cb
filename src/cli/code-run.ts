/** The work behind `dyadwatch code`: stream inputs through the coder and write events as they come. */

import type { EventRecord } from '../coder/event.js';
import { createCoder, DictionaryError } from '../coder/index.js';
import { CliError } from './cli-error.js';
import { formatEventRow, tableHeader } from './event-table.js';
import { documentsOf, type InputProblem } from './input-documents.js';

export interface RunCodeOptions {
  jsonl: boolean;
  format: 'jsonl' | 'table';
  date: string;
  dictionaryDirs: string[];
}

export async function runCode(names: string[], options: RunCodeOptions): Promise<void> {
  const coder = await createCoder({ dictionaryDirs: options.dictionaryDirs }).catch((error: unknown) => {
    if (error instanceof DictionaryError) throw new CliError(error.message);
    throw error;
  });
  const problems: InputProblem[] = [];
  const out = process.stdout;
  let documents = 0;
  if (options.format === 'table' && !options.jsonl) await write(out, tableHeader());
  for (const name of names) {
    for await (const item of documentsOf(name, { jsonl: options.jsonl, date: options.date }, problems)) {
      if (!item.input.text.trim()) {
        problems.push({ where: item.where, message: 'empty text' });
        if (options.jsonl) await write(out, `${JSON.stringify({ id: item.input.id, events: [] })}\n`);
        continue;
      }
      documents++;
      const coded = coder.codeDocument(item.input);
      const events = item.offset ? coded.events.map((e) => shift(e, item.offset)) : coded.events;
      if (options.jsonl) await write(out, `${JSON.stringify({ id: coded.id, events })}\n`);
      else if (options.format === 'table') for (const e of events) await write(out, formatEventRow(e));
      else for (const e of events) await write(out, `${JSON.stringify(e)}\n`);
    }
  }
  for (const p of problems) process.stderr.write(`dyadwatch: ${p.where}: ${p.message}\n`);
  if (documents === 0 && problems.length === 0) throw new CliError('empty input: no document to code');
  if (problems.length) process.exitCode = 1;
}

function shift(e: Readonly<EventRecord>, offset: number): EventRecord {
  return { ...e, span: [e.span[0] + offset, e.span[1] + offset] };
}

/** Writes with back-pressure, so a slow reader of stdout never makes memory grow. */
function write(stream: NodeJS.WriteStream, chunk: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (stream.write(chunk)) resolve();
    else {
      stream.once('drain', resolve);
      stream.once('error', reject);
    }
  });
}
