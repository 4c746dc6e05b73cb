/**
 * The dashboard build: `src/web/` (TypeScript, no framework) into `dist/web/`, which the server serves. Every
 * dependency is bundled (no CDN), so the dashboard works offline. `npm run dev:web` proxies `/api` to a running
 * `dyadwatch serve` on port 8080.
 */
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'src/web',
  publicDir: 'public',
  build: { outDir: '../../dist/web', emptyOutDir: true, target: 'es2022', sourcemap: true },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
