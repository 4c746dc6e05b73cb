/**
 * HTTP GET for pages and feeds with the limits DESIGN.md asks for: size (5 MB), time (15 s), redirects (5), and
 * no private, loopback or link-local addresses unless configuration allows them. The address check runs on the
 * address actually connected to (a guarded DNS lookup in the connection), for the first URL and every redirect,
 * so neither a redirect nor a DNS answer that changes between check and use can reach an internal host.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { Agent, request } from 'undici';

export interface FetchLimits {
  /** Largest body accepted, in bytes. Default 5 MB. */
  maxBytes?: number;
  /** Time for the whole request, redirects included, in ms. Default 15,000. */
  timeoutMs?: number;
  maxRedirects?: number;
  /** Addresses or CIDR ranges allowed although private (`127.0.0.1`, `10.0.0.0/8`). */
  allow?: readonly string[];
  /** Allows every address (for a trusted network only). */
  allowPrivate?: boolean;
  headers?: Record<string, string>;
  /**
   * Name resolution (default `dns.lookup`); the guard checks whatever it answers. Tests use it to make a name
   * resolve to a private address without touching /etc/hosts or a DNS server.
   */
  lookup?: typeof dnsLookup;
}

export interface FetchedPage {
  /** The final URL after redirects. */
  url: string;
  status: number;
  headers: Record<string, string>;
  body: string;
}

export class FetchError extends Error {
  constructor(
    readonly url: string,
    message: string,
  ) {
    super(`${url}: ${message}`);
    this.name = 'FetchError';
  }
}

const USER_AGENT = 'dyadwatch/0.1 (+https://github.com/dyadwatch)';

/** Whether an address may be fetched: public unicast, or allowed by configuration. */
export function addressAllowed(address: string, limits: FetchLimits): boolean {
  if (limits.allowPrivate) return true;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress())
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  for (const allowed of limits.allow ?? []) {
    if (allowed.includes('/')) {
      const [range, bits] = ipaddr.parseCIDR(allowed);
      if (range.kind() === parsed.kind() && parsed.match(range, bits)) return true;
    } else if (ipaddr.isValid(allowed) && ipaddr.parse(allowed).toString() === parsed.toString()) {
      return true;
    }
  }
  return parsed.range() === 'unicast';
}

function guardedAgent(limits: FetchLimits): Agent {
  const lookup = (hostname: string, options: object, callback: (...args: unknown[]) => void) => {
    (limits.lookup ?? dnsLookup)(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error);
      const refused = addresses.find((a) => !addressAllowed(a.address, limits));
      if (refused)
        return callback(
          new FetchError(hostname, `refused: ${hostname} resolves to ${refused.address}, a private or local address`),
        );
      const all = (options as { all?: boolean }).all;
      if (all) return callback(null, addresses);
      const first = addresses[0];
      return callback(null, first?.address, first?.family);
    });
  };
  return new Agent({ connect: { lookup: lookup as never }, connectTimeout: limits.timeoutMs ?? 15_000 });
}

/**
 * Fetches a URL as text within the limits, following redirects by hand so each hop is checked.
 * Status 304 comes back as is (for conditional GET); other non-2xx statuses throw a FetchError.
 * @example const page = await safeFetch('https://example.org/news', { allow: ['127.0.0.1'] });
 */
export async function safeFetch(url: string, limits: FetchLimits = {}): Promise<FetchedPage> {
  const maxBytes = limits.maxBytes ?? 5 * 1024 * 1024;
  const maxRedirects = limits.maxRedirects ?? 5;
  const signal = AbortSignal.timeout(limits.timeoutMs ?? 15_000);
  const dispatcher = guardedAgent(limits);
  try {
    let current = url;
    for (let hop = 0; ; hop++) {
      const target = new URL(current);
      if (target.protocol !== 'http:' && target.protocol !== 'https:')
        throw new FetchError(current, `refused: only http and https URLs`);
      const host = target.hostname.replace(/^\[|\]$/g, '');
      if (isIP(host) && !addressAllowed(host, limits))
        throw new FetchError(current, `refused: ${host} is a private or local address`);
      const response = await request(current, {
        method: 'GET',
        dispatcher,
        signal,
        headers: { 'user-agent': USER_AGENT, accept: '*/*', ...limits.headers },
      }).catch((error: Error) => {
        const cause = (error as { cause?: Error }).cause;
        if (cause instanceof FetchError) throw new FetchError(current, cause.message.replace(/^[^:]+: /, ''));
        if (error.name === 'AbortError' || error.name === 'TimeoutError' || signal.aborted) {
          throw new FetchError(current, `timed out after ${limits.timeoutMs ?? 15_000} ms`);
        }
        throw new FetchError(current, error.message);
      });
      const headers = Object.fromEntries(
        Object.entries(response.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v ?? '')]),
      );
      if (response.statusCode >= 300 && response.statusCode < 400 && response.statusCode !== 304) {
        await response.body.dump();
        if (!headers.location) throw new FetchError(current, `HTTP ${response.statusCode} without a Location`);
        if (hop >= maxRedirects) throw new FetchError(url, `more than ${maxRedirects} redirects`);
        current = new URL(headers.location, current).toString();
        continue;
      }
      if (response.statusCode === 304) {
        await response.body.dump();
        return { url: current, status: 304, headers, body: '' };
      }
      if (response.statusCode < 200 || response.statusCode >= 300) {
        await response.body.dump();
        throw new FetchError(current, `HTTP ${response.statusCode}`);
      }
      const declared = Number(headers['content-length'] ?? 0);
      if (declared > maxBytes) {
        response.body.destroy();
        throw new FetchError(current, `response of ${declared} bytes is over the ${maxBytes}-byte limit`);
      }
      const chunks: Buffer[] = [];
      let size = 0;
      try {
        for await (const chunk of response.body as AsyncIterable<Buffer>) {
          size += chunk.length;
          if (size > maxBytes) {
            response.body.destroy();
            throw new FetchError(current, `response is over the ${maxBytes}-byte limit`);
          }
          chunks.push(chunk);
        }
      } catch (error) {
        if (error instanceof FetchError) throw error;
        if (signal.aborted) throw new FetchError(current, `timed out after ${limits.timeoutMs ?? 15_000} ms`);
        throw new FetchError(current, (error as Error).message);
      }
      return { url: current, status: response.statusCode, headers, body: decodeBody(Buffer.concat(chunks), headers) };
    }
  } finally {
    await dispatcher.close().catch(() => {});
  }
}

/** Body text in the charset the server declares, UTF-8 when it declares none or one Node does not know. */
function decodeBody(bytes: Buffer, headers: Record<string, string>): string {
  const charset = /charset=["']?([\w-]+)/i.exec(headers['content-type'] ?? '')?.[1] ?? 'utf-8';
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}
