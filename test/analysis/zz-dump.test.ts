import { readFileSync, writeFileSync } from 'node:fs';
import { it } from 'vitest';
import { createCoder } from '../../src/coder/index.js';

it('dump', async () => {
  const coder = await createCoder();
  const lines = readFileSync('demo/corpus.jsonl', 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  const all: unknown[] = [];
  for (const doc of lines) {
    const { events } = coder.codeDocument({ id: doc.id, date: doc.date, text: doc.text, title: doc.title });
    for (const e of events) all.push({ ...e, publisher: doc.source, url: doc.url });
  }
  writeFileSync('/tmp/dw/events.json', JSON.stringify(all));
}, 120000);
