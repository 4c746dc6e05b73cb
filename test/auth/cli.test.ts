/**
 * `dyadwatch users` and `dyadwatch corrections export`, run in-process through commander against a SQLite file:
 * accounts are added, listed, re-roled and disabled (with the audit log noting the CLI), and members'
 * corrections come out as dictionary suggestions.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { register as registerCorrections } from '../../src/cli/commands/corrections.js';
import { register as registerUsers } from '../../src/cli/commands/users.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { fakeCoder } from '../server/fake-coder.js';

describe('users and corrections commands', () => {
  let dir: string;
  let db: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dyadwatch-cli-auth-'));
    db = join(dir, 'cli.db');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function run(...args: string[]): Promise<string> {
    const program = new Command('dyadwatch').exitOverride();
    registerUsers(program);
    registerCorrections(program);
    let output = '';
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      output += String(chunk);
      return true;
    });
    try {
      await program.parseAsync(['node', 'dyadwatch', ...args, '--db', db]);
    } finally {
      spy.mockRestore();
    }
    return output;
  }

  it('adds, lists, changes role, disables and enables accounts', async () => {
    process.env.DYADWATCH_PASSWORD = 'a long enough password';
    try {
      expect(await run('users', 'add', 'Alice', 'admin', '--name', 'Alice A.')).toBe('added alice (admin)\n');
      expect(await run('users', 'add', 'bob', 'member')).toBe('added bob (member)\n');
      await expect(run('users', 'add', 'bob', 'member')).rejects.toThrow(/already exists/);
      await expect(run('users', 'add', 'carol', 'overlord')).rejects.toThrow(/role "overlord"/);
      expect(await run('users', 'role', 'bob', 'editor')).toBe('bob is now editor\n');
      expect(await run('users', 'disable', 'bob')).toBe('bob is disabled\n');
      await expect(run('users', 'disable', 'alice')).rejects.toThrow(/last active admin/);
      const list = await run('users', 'list');
      expect(list).toMatch(/alice\s+admin\s+active/);
      expect(list).toMatch(/bob\s+editor\s+disabled/);
      expect(await run('users', 'enable', 'bob')).toBe('bob is enabled\n');
    } finally {
      delete process.env.DYADWATCH_PASSWORD;
    }
    const store = await openSqliteStore(db);
    try {
      const audit = await store.audit.list();
      expect(audit.items.map((e) => e.action)).toEqual(
        expect.arrayContaining(['users.add', 'users.role', 'users.disable', 'users.enable']),
      );
      expect(audit.items[0]?.actor).toMatch(/^cli:/);
      expect(await store.accounts.passwordHash((await store.accounts.getUser('alice'))?.id as number)).toMatch(
        /^\$argon2id\$/,
      );
    } finally {
      await store.close();
    }
  });

  it('exports dictionary suggestions from corrections', async () => {
    const store = await openSqliteStore(db);
    try {
      const coder = fakeCoder();
      const text = 'USA threatened PRK. RUS met UKR.';
      const put = await store.putDocument(
        { text, published: '2020-01-01' },
        coder.codeDocument({ id: 'x', date: '2020-01-01', text }),
      );
      const [first, second] = (await store.getDocument(put.id))?.events ?? [];
      const { correctEvent } = await import('../../src/commentary/corrections.js');
      await correctEvent(store, 'bob', {
        doc: put.id,
        event: first?.id as number,
        kind: 'actors',
        source: 'USAGOV',
        reason: 'The government spoke.',
      });
      await correctEvent(store, 'bob', {
        doc: put.id,
        event: second?.id as number,
        kind: 'not-event',
        reason: 'A routine call.',
      });
    } finally {
      await store.close();
    }
    const out = join(dir, 'suggestions.txt');
    await run('corrections', 'export', '--out', out);
    const text = readFileSync(out, 'utf8');
    expect(text).toMatch(/# actors: 1 suggestion/);
    expect(text).toMatch(/^USAGOV\tUSA$/m);
    expect(text).toMatch(/# correction \d+ by bob \(not-event\): A routine call\./);
    const jsonl = await run('corrections', 'export', '--format', 'jsonl');
    expect(
      jsonl
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).dictionary),
    ).toEqual(['actors', 'discard.dict']);
  });
});
