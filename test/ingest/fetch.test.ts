import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressAllowed, safeFetch } from '../../src/ingest/safe-fetch.js';
import { urlItem } from '../../src/ingest/url-source.js';
import { articlePage, type LocalServer, startServer } from '../helpers/http-server.js';

const ALLOW = { allow: ['127.0.0.1'] };

describe('fetching pages', () => {
  let server: LocalServer;
  beforeAll(async () => {
    server = await startServer({
      '/article': (_, res) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(
          articlePage('Trump cancels summit', [
            'President Trump cancelled the summit with Kim Jong Un.',
            'North Korea said it was still open to talks.',
          ]),
        );
      },
      '/hop1': (_, res) => res.writeHead(301, { location: '/hop2' }).end(),
      '/hop2': (_, res) => res.writeHead(302, { location: `${server.origin}/article` }).end(),
      '/loop': (_, res) => res.writeHead(302, { location: '/loop' }).end(),
      '/to-private': (_, res) => res.writeHead(302, { location: `http://127.0.0.2:${server.port}/article` }).end(),
      '/slow': async (_, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.write('<html><body><p>Slow');
        await new Promise((resolve) => setTimeout(resolve, 3000));
        res.end('</p></body></html>');
      },
      '/big-declared': (_, res) => {
        res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(6 * 1024 * 1024) });
        res.end();
      },
      '/big-chunked': async (_, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        const chunk = `<p>${'x'.repeat(64 * 1024)}</p>`;
        for (let i = 0; i < 200 && !res.destroyed; i++) {
          if (!res.write(chunk)) await new Promise((resolve) => res.once('drain', resolve));
        }
        res.end();
      },
      '/image': (_, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from([0x89, 0x50])),
      '/gone': (_, res) => res.writeHead(410).end(),
    });
  });
  afterAll(() => server.close());

  it('extracts an article with its title, author and date', async () => {
    const item = await urlItem(`${server.origin}/article`, ALLOW);
    expect(item.error).toBeUndefined();
    expect(item.document).toMatchObject({
      url: `${server.origin}/article`,
      title: 'Trump cancels summit',
      author: 'Jane Reporter',
      published: '2018-05-24',
      date: '2018-05-24',
      language: 'en',
    });
    expect(item.document?.text).toBe(
      'President Trump cancelled the summit with Kim Jong Un.\n\nNorth Korea said it was still open to talks.',
    );
  });

  it('follows up to the redirect limit and no further', async () => {
    const page = await safeFetch(`${server.origin}/hop1`, ALLOW);
    expect(page.url).toBe(`${server.origin}/article`);
    await expect(safeFetch(`${server.origin}/hop1`, { ...ALLOW, maxRedirects: 1 })).rejects.toThrow(
      /more than 1 redirects/,
    );
    await expect(safeFetch(`${server.origin}/loop`, ALLOW)).rejects.toThrow(/more than 5 redirects/);
  });

  it('refuses loopback and private addresses unless allowed, on the first URL and on redirects', async () => {
    await expect(safeFetch(`${server.origin}/article`)).rejects.toThrow(
      /refused: 127\.0\.0\.1 is a private or local address/,
    );
    await expect(safeFetch(`${server.origin}/to-private`, ALLOW)).rejects.toThrow(/127\.0\.0\.2:\d+\/article: refused/);
    // A host name is checked on the address it resolves to, at connection time.
    await expect(safeFetch(`http://localhost:${server.port}/article`)).rejects.toThrow(
      /refused: localhost resolves to 127\.0\.0\.1/,
    );
    await expect(safeFetch('http://[::1]:9/x')).rejects.toThrow(/refused/);
    await expect(safeFetch('http://169.254.169.254/latest/meta-data')).rejects.toThrow(/refused/);
    await expect(safeFetch('file:///etc/passwd')).rejects.toThrow(/only http and https/);
    expect(addressAllowed('10.1.2.3', {})).toBe(false);
    expect(addressAllowed('10.1.2.3', { allow: ['10.0.0.0/8'] })).toBe(true);
    expect(addressAllowed('::ffff:192.168.1.1', {})).toBe(false);
    expect(addressAllowed('93.184.216.34', {})).toBe(true);
    expect((await safeFetch(`${server.origin}/article`, { allowPrivate: true })).status).toBe(200);
  });

  it('gives up on slow and oversized responses', async () => {
    const started = Date.now();
    await expect(safeFetch(`${server.origin}/slow`, { ...ALLOW, timeoutMs: 500 })).rejects.toThrow(
      /timed out after 500 ms/,
    );
    expect(Date.now() - started).toBeLessThan(2500);
    await expect(safeFetch(`${server.origin}/big-declared`, ALLOW)).rejects.toThrow(/over the 5242880-byte limit/);
    await expect(safeFetch(`${server.origin}/big-chunked`, { ...ALLOW, maxBytes: 1024 * 1024 })).rejects.toThrow(
      /over the 1048576-byte limit/,
    );
  });

  it('reports pages that are not articles or not there as item errors', async () => {
    expect((await urlItem(`${server.origin}/image`, ALLOW)).error).toBe('not an article page (image/png)');
    expect((await urlItem(`${server.origin}/gone`, ALLOW)).error).toBe('HTTP 410');
    expect((await urlItem(`${server.origin}/article`)).error).toMatch(/refused/);
  });
});
