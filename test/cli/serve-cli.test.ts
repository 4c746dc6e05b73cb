// `dyadwatch serve` refuses bad settings before it opens anything.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/package-root.js';

const cli = join(packageRoot(), 'dist', 'src', 'cli', 'main.js');

function serve(args: string[], env: Record<string, string> = {}) {
  const cwd = mkdtempSync(join(tmpdir(), 'dyadwatch-serve-'));
  const r = spawnSync(process.execPath, [cli, 'serve', '--port', '0', ...args], {
    encoding: 'utf8',
    cwd,
    timeout: 30_000,
    env: { ...process.env, DATABASE_URL: '', ...env },
  });
  return { status: r.status, stderr: r.stderr };
}

describe('dyadwatch serve', () => {
  it('refuses a read-thread count that is not a whole number from 0 to 64, naming it', () => {
    for (const bad of ['two', '-1', '1.5', '65']) {
      const r = serve(['--read-threads', bad]);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain(`--read-threads ${bad}`);
    }
    const fromEnv = serve([], { DYADWATCH_READ_THREADS: 'lots' });
    expect(fromEnv.status).not.toBe(0);
    expect(fromEnv.stderr).toContain('DYADWATCH_READ_THREADS=lots');
  });
});
