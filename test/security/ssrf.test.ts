/**
 * SSRF: ingest by URL refuses loopback, private, link-local and IPv6 loopback addresses, a DNS name that
 * resolves to a private address (through the fetcher's `lookup` hook, no /etc/hosts needed), and a public-
 * looking hop that redirects to any of them; each is allowed only when configuration says so. Driven through
 * the API as an admin, so the whole path (route, ingest service, fetcher) is what is checked.
 */

import type { LookupAddress } from 'node:dns';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FetchLimits } from '../../src/ingest/safe-fetch.js';
import { securityApp } from './security-helpers.js';

const ARTICLE = `<html><head><title>Secret</title></head><body><article><h1>Internal</h1>
<p>${'USA met PRK in the internal page. '.repeat(20)}</p></article></body></html>`;

/** Resolves `*.private.test` to 10.0.0.7 and anything else to 127.0.0.1. */
const fakeLookup = ((hostname: string, _options: object, callback: (e: Error | null, a: LookupAddress[]) => void) => {
  const address = hostname.endsWith('.private.test') ? '10.0.0.7' : '127.0.0.1';
  callback(null, [{ address, family: 4 }]);
}) as unknown as NonNullable<FetchLimits['lookup']>;

describe('SSRF guard on ingest by URL', () => {
  let server: Server;
  let port = 0;
  const apps: Awaited<ReturnType<typeof securityApp>>[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      const target = request.url?.slice('/redirect?to='.length);
      if (request.url?.startsWith('/redirect?to=') && target) {
        response.writeHead(302, { location: decodeURIComponent(target) });
        response.end();
        return;
      }
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end(ARTICLE);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const ingestAs = async (limits: FetchLimits, url: string) => {
    const env = await securityApp({ fetchLimits: { timeoutMs: 3000, lookup: fakeLookup, ...limits } });
    apps.push(env);
    const response = await env.app.request('/api/ingest', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...env.as('admin') },
      body: JSON.stringify({ url }),
    });
    return {
      status: response.status,
      message: ((await response.json()) as { error?: { message: string } }).error?.message,
    };
  };

  const refused = [
    ['loopback 127.0.0.1', () => `http://127.0.0.1:${port}/article`],
    ['private 10.x', () => 'http://10.1.2.3/article'],
    ['cloud metadata 169.254.169.254', () => 'http://169.254.169.254/latest/meta-data/'],
    ['IPv6 loopback [::1]', () => `http://[::1]:${port}/article`],
    ['a DNS name resolving to a private address', () => 'http://intranet.private.test/article'],
    ['a DNS name resolving to loopback', () => `http://localhost:${port}/article`],
    ['IPv4-mapped IPv6 loopback', () => `http://[::ffff:127.0.0.1]:${port}/article`],
  ] as const;

  for (const [label, url] of refused) {
    it(`refuses ${label}`, async () => {
      const { status, message } = await ingestAs({}, url());
      expect(status).toBe(422);
      expect(message).toMatch(/refused/);
    });
  }

  const redirects = [
    ['[::1]', () => `http://[::1]:${port}/article`],
    ['169.254.169.254', () => 'http://169.254.169.254/latest/meta-data/'],
    ['10.x', () => 'http://10.0.0.1/'],
    ['a name resolving to 10.x', () => 'http://db.private.test/'],
  ] as const;

  for (const [label, target] of redirects) {
    it(`refuses a redirect to ${label} from an allowed host`, async () => {
      const start = `http://127.0.0.1:${port}/redirect?to=${encodeURIComponent(target())}`;
      const { status, message } = await ingestAs({ allow: ['127.0.0.1'] }, start);
      expect(status).toBe(422);
      expect(message).toMatch(/refused/);
    });
  }

  it('refuses non-http schemes', async () => {
    const { status, message } = await ingestAs({}, 'file:///etc/passwd');
    expect(status === 400 || status === 422).toBe(true);
    expect(message).toBeTruthy();
  });

  it('fetches a private address once it is explicitly allowed', async () => {
    const { status } = await ingestAs({ allow: ['127.0.0.1'] }, `http://127.0.0.1:${port}/article`);
    expect(status).toBe(201);
    const viaName = await ingestAs({ allowPrivate: true }, `http://localhost:${port}/article?again`);
    expect([200, 201]).toContain(viaName.status);
  });
});
