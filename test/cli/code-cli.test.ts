// `dyadwatch code` as a user runs it: the built command in a child process, on good and bad input.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/package-root.js';

const cli = join(packageRoot(), 'dist', 'src', 'cli', 'main.js');
const dir = mkdtempSync(join(tmpdir(), 'dyadwatch-cli-'));

function run(args: string[], input?: string | Buffer) {
  const r = spawnSync(process.execPath, [cli, ...args], { input, encoding: 'utf8', cwd: dir, timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const file = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

describe('dyadwatch code', () => {
  it('--jsonl follows the evaluation contract: one line per input line, same ids, in order', () => {
    const input = [
      { id: 'a', date: '2018-05-24', text: 'President Trump cancelled the summit with Kim Jong-un.' },
      { id: 'b', date: '2018-05-24', text: 'The weather was fine.' },
    ]
      .map((r) => JSON.stringify(r))
      .join('\n');
    const r = run(['code', '--jsonl'], input);
    expect(r.status).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(['a', 'b']);
    expect(lines[0].events[0]).toMatchObject({ source: 'USAGOV', target: 'PRKGOV', root: '12', direction: 'rearward' });
    expect(lines[1].events).toEqual([]);
  });

  it('codes a text file with --date and prints a table', () => {
    const path = file('note.txt', 'Russia attacked Ukraine on Saturday. China criticised Japan.\n');
    const r = run(['code', '--date', '2022-03-01', '--format', 'table', path]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/2022-02-26\s+RUS\s+UKR/);
  });

  it('a binary file is refused with its name and a non-zero exit, without a stack trace', () => {
    const path = file('image.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, 2, 3]));
    const r = run(['code', path]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('image.txt: binary file');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('invalid UTF-8 names the file and line', () => {
    const path = file(
      'latin1.txt',
      Buffer.concat([Buffer.from('fine line\nsecond line caf'), Buffer.from([0xe9]), Buffer.from(' here\n')]),
    );
    const r = run(['code', path]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/latin1\.txt:2: invalid UTF-8/);
  });

  it('a malformed JSONL line is reported with file and line, and the other lines are still coded', () => {
    const path = file(
      'mixed.jsonl',
      '{"id":"1","date":"2019-02-28","text":"Trump walked away from the talks with Kim."}\n{not json\n',
    );
    const r = run(['code', '--jsonl', path]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('mixed.jsonl:2: not valid JSON');
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('empty input is an error, not silence', () => {
    const r = run(['code'], '');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('empty input');
  });

  it('a missing file and an unknown type are named', () => {
    expect(run(['code', join(dir, 'nope.txt')]).stderr).toContain('nope.txt: no such file');
    expect(run(['code', file('data.pdf', 'x')]).stderr).toContain('unsupported file type ".pdf"');
  });

  it('dict check passes on the shipped dictionaries and fails with file:line on a bad user file', () => {
    expect(run(['dict', 'check']).status).toBe(0);
    const userDir = join(dir, 'userdict');
    file('userdict', '');
    const bad = join(dir, 'dicts', 'verbs');
    spawnSync('mkdir', ['-p', bad]);
    writeFileSync(join(bad, 'mine.dict'), '999  V  frobnicate T\n');
    const r = run(['dict', 'check', '--dict', join(dir, 'dicts')]);
    expect(r.status).not.toBe(0);
    expect(r.stdout).toContain('verbs/mine.dict:1: error: unknown CAMEO code "999"');
    expect(userDir).toBeTruthy();
  });
});
