/**
 * Coder throughput against wink-nlp's own readDoc + POS on the same text in the same run (target: ≥ 0.5×),
 * on at least 20 MB of real news (Reuters-21578 from ../shared/corpora, repeated to 20 MB), and memory on a
 * large streamed input (`DYADWATCH_BENCH_STREAM_MB`, default 100 MB; 1024 for the 1 GB check, about 25 minutes) coded
 * by the real `dyadwatch code` process: its peak RSS must stay flat as the input grows.
 */
import { spawn } from 'node:child_process';
import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import model from 'wink-eng-lite-web-model';
import winkNLP from 'wink-nlp';
import { createCoder } from '../src/coder/index.js';
import { packageRoot, sharedDir } from '../src/package-root.js';

const TARGET_BYTES = 20 * 1024 * 1024;

function loadCorpus(shared: string): string[] {
  const texts = readFileSync(join(shared, 'corpora', 'reuters21578.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { text: string }).text);
  const out: string[] = [];
  let bytes = 0;
  while (bytes < TARGET_BYTES) {
    for (const t of texts) {
      out.push(t);
      bytes += Buffer.byteLength(t);
      if (bytes >= TARGET_BYTES) break;
    }
  }
  return out;
}

export async function run(): Promise<void> {
  const shared = sharedDir();
  if (!shared) {
    console.log('skipped: ../shared/corpora is absent (the coder benchmark reads Reuters-21578 there)');
    return;
  }
  const texts = loadCorpus(shared);
  const megabytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0) / 1048576;

  // Baseline and coder run in alternating slices of the corpus, so a machine whose load changes during the
  // run slows both alike and the ratio stays meaningful.
  const nlp = winkNLP(model);
  const its = nlp.its;
  const coder = await createCoder();
  const SLICES = 10;
  const sliceSize = Math.ceil(texts.length / SLICES);
  let baselineSeconds = 0;
  let coderSeconds = 0;
  let tokens = 0;
  let sentences = 0;
  let events = 0;
  for (let s = 0; s < SLICES; s++) {
    const slice = texts.slice(s * sliceSize, (s + 1) * sliceSize);
    let t0 = performance.now();
    for (const text of slice) tokens += (nlp.readDoc(text).tokens().out(its.pos) as string[]).length;
    baselineSeconds += (performance.now() - t0) / 1000;
    t0 = performance.now();
    slice.forEach((text, i) => {
      const coded = coder.codeDocument({ id: `${s}-${i}`, date: '1987-03-01', text });
      sentences += coded.sentences.length;
      events += coded.events.length;
    });
    coderSeconds += (performance.now() - t0) / 1000;
  }

  const ratio = baselineSeconds / coderSeconds;
  console.log(
    `corpus: ${texts.length} documents, ${megabytes.toFixed(1)} MB, ${tokens} tokens, ${sentences} sentences`,
  );
  console.log(
    `wink readDoc+POS: ${(megabytes / baselineSeconds).toFixed(2)} MB/s, ${Math.round(tokens / baselineSeconds)} tokens/s`,
  );
  console.log(
    `dyadwatch coder:  ${(megabytes / coderSeconds).toFixed(2)} MB/s, ${Math.round(sentences / coderSeconds)} sentences/s, ${events} events`,
  );
  console.log(
    `ratio coder/tokenizer throughput: ${ratio.toFixed(2)}× (target ≥ 0.50×) ${ratio >= 0.5 ? 'OK' : 'BELOW TARGET'}`,
  );

  await streamMemory(shared);
}

/** Peak RSS of `dyadwatch code` on a small and a large streamed input: flat means streaming works. */
async function streamMemory(shared: string): Promise<void> {
  const largeMb = Number(process.env.DYADWATCH_BENCH_STREAM_MB ?? 100);
  const small = await peakRss(shared, 20);
  const large = await peakRss(shared, largeMb);
  console.log(
    `stream memory: peak RSS ${small.toFixed(0)} MB on 20 MB input, ${large.toFixed(0)} MB on ${largeMb} MB input (ratio ${(large / small).toFixed(2)}; flat ≈ 1)`,
  );
}

function peakRss(shared: string, megabytes: number): Promise<number> {
  const cli = join(packageRoot(), 'dist', 'src', 'cli', 'main.js');
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/time', ['-f', '%M', process.execPath, cli, 'code', '--date', '1987-03-01', '-'], {
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', reject);
    child.on('close', () => {
      const kb = Number(stderr.trim().split('\n').pop());
      resolve(kb / 1024);
    });
    // Feed the corpus as plain text, repeated up to the size wanted, with back-pressure.
    const limit = megabytes * 1048576;
    let written = 0;
    const pump = async () => {
      while (written < limit) {
        for await (const chunk of createReadStream(join(shared, 'corpora', 'reuters21578.jsonl'))) {
          const text = (chunk as Buffer).toString('utf8').replace(/[{}"\\]/g, ' ');
          written += text.length;
          if (!child.stdin.write(text)) await new Promise((r) => child.stdin.once('drain', r));
          if (written >= limit) break;
        }
      }
      child.stdin.end();
    };
    pump().catch(reject);
  });
}
