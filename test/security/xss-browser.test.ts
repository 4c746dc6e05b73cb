/**
 * XSS in a real browser: a corpus of payloads is stored in commentary (title, body, author's display name),
 * document titles and URLs, evidence quotes, actor names and event URLs, then every page that shows them is
 * opened in chromium with the Content-Security-Policy bypassed (so the test measures our rendering, not the
 * CSP's backstop). No dialog may fire, no payload may set its marker, no link may carry a script URL, and the
 * payloads must still be visible as text.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../src/auth/accounts.js';
import { createEvent, type EventRecord } from '../../src/coder/event.js';
import { packageRoot } from '../../src/package-root.js';
import { type RunningServer, startServer } from '../../src/server/serve.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { fakeCoder } from '../server/fake-coder.js';
import { CHROMIUM, chromiumAvailable } from '../web/browser.js';

const MARK = 'window.__xss=(window.__xss||0)+1';
const PAYLOADS = [
  `<script>${MARK}</script>`,
  `<img src=x onerror="${MARK};alert(1)">`,
  `<svg onload="${MARK}">`,
  `"><img src=x onerror=${MARK}>`,
  `'><script>${MARK}</script>`,
  `<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>`,
  `<a href="javascript:${MARK}">x</a>`,
  `<details open ontoggle="${MARK}">`,
  `[click](javascript:${MARK})`,
  `<style>@import 'javascript:${MARK}'</style>`,
];
const ALL = PAYLOADS.join(' ');
const BAD_URL = `javascript:${MARK};alert(1)`;
const PASSWORD = 'xss test password';

function event(overrides: Partial<EventRecord>): EventRecord {
  return createEvent({
    doc: '',
    sentence: 0,
    date: '2020-02-02',
    source: 'PRK',
    source_text: 'North Korea',
    target: 'USA',
    target_text: 'United States',
    cameo: '130',
    cameo_name: 'Threaten',
    root: '13',
    quad: 3,
    goldstein: -4.4,
    plover: 'THREATEN',
    direction: 'rearward',
    negated: false,
    conditional: false,
    modality: 'asserted',
    evidence: 'threatened',
    span: [0, 10],
    coder: 'xss/1',
    confidence: 0.9,
    ...overrides,
  });
}

async function seed(store: Store): Promise<{ doc: string }> {
  const text = `PRK threatened USA. ${ALL}`;
  const put = await store.putDocument(
    { text, title: `Report ${ALL}`, url: BAD_URL, published: '2020-02-01', source: `feed ${PAYLOADS[1]}` },
    {
      id: 'x',
      sentences: [{ index: 0, text, span: [0, text.length] }],
      events: [
        event({
          evidence: `threatened ${ALL}`,
          source_text: `North Korea ${PAYLOADS[1]}`,
          target_text: PAYLOADS[0] as string,
        }),
      ],
    },
  );
  await store.putExternalEvents(
    PAYLOADS.map((payload, i) => ({
      ...event({
        evidence: payload,
        source_text: payload,
        target_text: payload,
        cameo_name: payload,
        date: `2020-02-${String(3 + i).padStart(2, '0')}`,
      }),
      external_id: `gdelt:xss-${i}`,
      url: i % 2 === 0 ? BAD_URL : `https://example.org/${encodeURIComponent(payload)}`,
    })),
  );
  return { doc: put.id };
}

describe.skipIf(!chromiumAvailable())('XSS payloads render inert in chromium', () => {
  let dir: string;
  let store: Store;
  let server: RunningServer;
  let browser: BrowserContext;
  let page: Page;
  let doc = '';
  let pieceId = 0;
  const dialogs: string[] = [];
  const url = (path: string) => `${server.url.replace('localhost', '127.0.0.1')}${path}`;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dyadwatch-xss-'));
    const webRoot = join(dir, 'web');
    const { build } = await import('vite');
    await build({
      configFile: join(packageRoot(), 'vite.config.ts'),
      root: join(packageRoot(), 'src', 'web'),
      logLevel: 'warn',
      build: { outDir: webRoot, emptyOutDir: true, sourcemap: false },
    });
    store = await openSqliteStore(join(dir, 'xss.db'));
    ({ doc } = await seed(store));
    await addUser(store, { username: 'ed', role: 'admin', password: PASSWORD, displayName: `Ed ${PAYLOADS[1]}` });
    const author = await addUser(store, {
      username: 'mem',
      role: 'member',
      password: PASSWORD,
      displayName: PAYLOADS[0],
    });
    const coder = fakeCoder();
    server = await startServer({
      store,
      coder: async () => coder,
      port: 0,
      webRoot,
      logger: pino({ level: 'silent' }),
      apiToken: null,
      feedCheckMinutes: 0,
    });
    const piece = await store.commentary.add(author.id, {
      title: `Title ${ALL}`,
      body: `PRK threatened USA.\n\n${PAYLOADS.join('\n\n')}\n\n[safe](https://example.org) [bad](${BAD_URL})`,
      written: '2020-02-10',
      links: { dyads: ['PRK-USA'], events: [], documents: [doc] },
    });
    pieceId = piece.id;
    await store.commentary.update(piece.id, { status: 'submitted' });
    browser = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      bypassCSP: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-sync'],
      viewport: { width: 1366, height: 900 },
    });
    page = await browser.newPage();
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
  }, 180_000);
  afterAll(async () => {
    await browser?.close().catch(() => {});
    await server?.close();
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function expectInert(path: string, visible: string) {
    await page.goto(url(path));
    await page.getByText(visible, { exact: false }).first().waitFor({ timeout: 10_000 });
    await page.waitForTimeout(300);
    expect(dialogs, `dialog on ${path}`).toEqual([]);
    expect(await page.evaluate(() => (globalThis as { __xss?: number }).__xss ?? 0), path).toBe(0);
    const scriptLinks = await page.$$eval('a[href], iframe, [src]', (nodes) =>
      nodes
        .map((n) => n.getAttribute('href') ?? n.getAttribute('src') ?? n.getAttribute('srcdoc') ?? '')
        .filter((href) => /^\s*(javascript|data|vbscript):/i.test(href) || href.includes('<script')),
    );
    expect(scriptLinks, path).toEqual([]);
    const handlers = await page.$$eval('#main *', (nodes) =>
      nodes.flatMap((n) => [...n.attributes].map((a) => a.name)).filter((name) => name.startsWith('on')),
    );
    expect(handlers, path).toEqual([]);
    expect(
      await page.$$eval('#main script, #main iframe, #main svg[onload], #main img[onerror]', (n) => n.length),
      path,
    ).toBe(0);
  }

  async function signIn(username: string) {
    await page.goto(url('/login'));
    await page.fill('input[name=username]', username);
    await page.fill('input[name=password]', PASSWORD);
    await page.click('#login-form button[type=submit]');
    await page.locator('#sign-out').waitFor();
  }

  it('shows the submitted piece to an editor and publishes it through the page', async () => {
    await signIn('ed');
    await expectInert(`/commentary/${pieceId}`, '<script>window.__xss');
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByText('Views expressed are those of individual members').waitFor();
    await expectInert(`/commentary/${pieceId}`, 'Views expressed are those of individual members');
    expect(await page.locator('.commentary-body a[href="https://example.org/"]').count()).toBe(1);
    expect(await page.locator('.commentary-body a', { hasText: 'bad' }).count()).toBe(0);
  });

  it('renders commentary, evidence, actor names and URLs inert on the dyad page', async () => {
    await expectInert('/dyad/PRK-USA', '<img src=x onerror');
    expect(await page.locator('#dyad-commentary .commentary').count()).toBe(1);
    await page.locator('#dyad-events table').waitFor();
    await expectInert('/dyad/PRK-USA?origin=analyst', 'analyst commentary');
  });

  it('renders the document page inert: title, URL, text, evidence', async () => {
    await expectInert(`/doc/${encodeURIComponent(doc)}`, 'Report <script>');
  });

  it('renders the live board, search, actor and admin pages inert', async () => {
    await expectInert('/', '<svg onload');
    await expectInert(`/search?q=${encodeURIComponent('onerror')}`, 'onerror');
    await expectInert('/actor/PRK', 'onerror');
    await expectInert('/admin', 'Ed <img src=x');
    await expectInert('/commentary', 'Waiting for review');
  });
});
