/** A real HTTP server on 127.0.0.1 with a port of its own, for URL and feed tests. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Handler = (request: IncomingMessage, response: ServerResponse) => unknown;

export interface LocalServer {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  port: number;
  /** Requests seen, as `METHOD path` with the conditional headers, for assertions. */
  requests: { path: string; headers: IncomingMessage['headers'] }[];
  close(): Promise<void>;
}

/** Starts a server whose routes are `path → handler`; anything else is a 404. */
export async function startServer(routes: Record<string, Handler>): Promise<LocalServer> {
  const requests: LocalServer['requests'] = [];
  const server = createServer(async (request, response) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    requests.push({ path, headers: request.headers });
    const handler = routes[path];
    if (handler === undefined) {
      response.writeHead(404).end('not found');
      return;
    }
    try {
      await handler(request, response);
    } catch {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A real-shaped news article page with Open Graph, article:* and JSON-LD metadata. */
export function articlePage(title: string, paragraphs: string[], published = '2018-05-24T09:30:00Z'): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title} | World News</title>
<meta property="og:title" content="${title}">
<meta property="article:published_time" content="${published}">
<meta name="author" content="Jane Reporter">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"${title}","datePublished":"${published}","author":{"@type":"Person","name":"Jane Reporter"}}</script>
</head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav></header>
<main><article><h1>${title}</h1>
${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}
</article></main>
<aside><h3>Most read</h3><ul><li><a href="/x">Something else</a></li></ul></aside>
<footer>© World News 2018. All rights reserved.</footer>
</body></html>`;
}
