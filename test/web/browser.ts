/**
 * Browser tests' setup: Debian's chromium driven by playwright-core with a fresh profile, a freshly built
 * dashboard, and a real server (real coder, demo corpus) on a free loopback port. Missing chromium skips the
 * tests with a visible notice.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { type BrowserContext, chromium } from 'playwright-core';
import { createCoder } from '../../src/coder/index.js';
import { packageRoot } from '../../src/package-root.js';
import { importDemoIfEmpty } from '../../src/server/demo-import.js';
import { type RunningServer, startServer } from '../../src/server/serve.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/store.js';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = join(packageRoot(), 'test-results');

export function chromiumAvailable(): boolean {
  const present = existsSync(CHROMIUM);
  if (!present) console.warn(`${CHROMIUM} is missing: browser tests are SKIPPED (apt-get install chromium).`);
  return present;
}

export interface Harness {
  server: RunningServer;
  store: Store;
  browser: BrowserContext;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'dyadwatch-web-'));
  const webRoot = join(dir, 'web');
  const { build } = await import('vite');
  await build({
    configFile: join(packageRoot(), 'vite.config.ts'),
    root: join(packageRoot(), 'src', 'web'),
    logLevel: 'warn',
    build: { outDir: webRoot, emptyOutDir: true, sourcemap: false },
  });
  const store = await openSqliteStore(join(dir, 'web.db'));
  const coder = await createCoder();
  await importDemoIfEmpty(store, coder);
  const server = await startServer({
    store,
    coder: async () => coder,
    port: 0,
    webRoot,
    logger: pino({ level: 'silent' }),
    apiToken: null,
    feedCheckMinutes: 0,
    // As `dyadwatch start` serves: dyad reads and event pages on read threads (the built worker).
    readThreads: 2,
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  const browser = await chromium.launchPersistentContext(join(dir, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1366, height: 900 },
  });
  return {
    server,
    store,
    browser,
    async close() {
      await browser.close().catch(() => {});
      await server.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
