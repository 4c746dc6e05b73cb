/**
 * Who may write (ingest, feeds) until issue 6 brings users: a client presenting the configured bearer token
 * (`DYADWATCH_API_TOKEN`), or, when no token is configured, a client on the loopback interface. Reading is open.
 * Behind a reverse proxy on the same machine every client looks local: configure a token before exposing it.
 */
import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv, ServerContext } from './context.js';
import { HttpError } from './http-error.js';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Middleware that lets writers through and answers 401 to everyone else. */
export function requireWriter(context: Pick<ServerContext, 'apiToken'>): MiddlewareHandler<AppEnv> {
  return async function writerOnly(c, next) {
    const header = c.req.header('authorization') ?? '';
    const bearer = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim();
    if (context.apiToken !== null) {
      if (bearer === undefined) throw new HttpError(401, 'send "Authorization: Bearer <token>" (DYADWATCH_API_TOKEN)');
      if (!sameSecret(bearer, context.apiToken)) throw new HttpError(401, 'the bearer token is not the configured one');
      return next();
    }
    const address = c.env?.incoming?.socket?.remoteAddress ?? '';
    if (!LOOPBACK.test(address))
      throw new HttpError(401, 'writing is allowed from this machine only until DYADWATCH_API_TOKEN is configured');
    return next();
  };
}
