/**
 * The dashboard's static files (built by Vite into `dist/web/`), served with their content types; hashed
 * assets are cached for a year, `index.html` never. Any other GET outside `/api` gets `index.html`, so the
 * app's own routes (`/dyad/USA-PRK`) survive a reload.
 */
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Context } from 'hono';
import { packageRoot } from '../package-root.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Where the built web app is: `dist/web` under the package root, or null when it has not been built. */
export function defaultWebRoot(): string | null {
  const dir = join(packageRoot(), 'dist', 'web');
  return existsSync(join(dir, 'index.html')) ? dir : null;
}

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>dyadwatch</title>
<p>The dashboard has not been built: run <code>npm run build</code>. The API is at <a href="/api/openapi.json">/api/openapi.json</a>.</p>`;

/** A handler for GET requests outside `/api`. */
export function staticHandler(webRoot: string | null) {
  const root = webRoot === null ? null : resolve(webRoot);
  return async function serveStatic(c: Context): Promise<Response> {
    if (root === null) return c.html(NOT_BUILT, 200);
    const path = decodeURIComponent(new URL(c.req.url).pathname);
    const file = normalize(join(root, path));
    if (file.startsWith(root + sep) && extname(file) !== '') {
      const info = await stat(file).catch(() => null);
      if (info?.isFile()) {
        const immutable = path.startsWith('/assets/');
        return new Response(await readFile(file), {
          headers: {
            'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
            'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
          },
        });
      }
      if (path.startsWith('/assets/')) return c.text('not found', 404);
    }
    return new Response(await readFile(join(root, 'index.html')), {
      headers: { 'content-type': TYPES['.html'] as string, 'cache-control': 'no-cache' },
    });
  };
}
